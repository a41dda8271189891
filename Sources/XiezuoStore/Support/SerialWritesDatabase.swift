import FluentKit
import FluentSQLiteDriver
import Foundation
import SQLKit
import SQLiteNIO
import XiezuoSQLite

/// The app's database on an SQLite file, with every write holding the process's ``SQLiteWriteGate``: a transaction
/// takes the gate before it takes a connection and keeps it until it commits or rolls back; a write outside a
/// transaction (a session saved, a counter bumped) holds it for its statement. Reads never wait for it (WAL readers
/// do not block the writer, nor it them).
///
/// So the process's writers (this one's transactions and the ``SQLiteWriter``'s fund-flow groups and sync pages)
/// queue in one line, first come first served, and none of them sleeps in SQLite's busy handler waiting for another
/// connection of the same process. With the process's ``SQLiteWriter`` (an SQLite file, the fast path on), every
/// transaction runs on the writer's connection and thread (``WriterTransactionDatabase``), which holds the same gate:
/// every write of the process goes through that one writer. Reads and writes outside a transaction stay on the
/// wrapped driver's (Fluent's SQLite driver's) connections.
///
/// A write made on the outer database from inside a transaction (instead of the transaction's own) would wait for
/// the gate its own transaction holds: write inside a transaction through the database the transaction hands over.
struct SerialWritesDatabase: Database, SQLDatabase, SQLiteDatabase {
    let base: any Database & SQLDatabase & SQLiteDatabase
    let gate: SQLiteWriteGate
    /// Where transactions run, when the process has one.
    let writer: SQLiteWriter?
    /// Inside a transaction that holds the gate.
    let holdsGate: Bool

    init(_ base: any Database, gate: SQLiteWriteGate, writer: SQLiteWriter?, holdsGate: Bool) {
        // Fluent's SQLite driver's databases are all three; nothing else is wrapped.
        self.base = base as! any Database & SQLDatabase & SQLiteDatabase
        self.gate = gate
        self.writer = writer
        self.holdsGate = holdsGate
    }

    /// The same database inside a transaction of the wrapped driver's.
    private func holding(_ database: any Database) -> SerialWritesDatabase {
        SerialWritesDatabase(database, gate: gate, writer: writer, holdsGate: true)
    }

    /// `future` run holding the gate, unless this database holds it already.
    private func gated<T>(_ future: @escaping @Sendable () -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        guard !holdsGate else { return future() }
        let entered = base.eventLoop.makePromise(of: Void.self)
        entered.completeWithTask { [gate] in await gate.enter() }
        return entered.futureResult.flatMap { future() }.always { [gate] _ in gate.leave() }
    }

    // Database

    var context: DatabaseContext { base.context }
    var inTransaction: Bool { base.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        switch query.action {
        case .read, .aggregate: base.execute(query: query, onOutput: onOutput)
        default: gated { base.execute(query: query, onOutput: onOutput) }
        }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        gated { base.execute(schema: schema) }
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        gated { base.execute(enum: `enum`) }
    }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        if holdsGate || base.inTransaction {
            return base.transaction { closure(holding($0)) }
        }
        if let writer {
            // The writer takes the gate itself (BEGIN IMMEDIATE under it).
            let context = base.context
            return base.eventLoop.makeFutureWithTask {
                try await writer.transaction { sql in
                    Unchecked(try await closure(WriterTransactionDatabase(sql: sql, context: context)).get())
                }
            }.map(\.value)
        }
        return gated { [base] in base.transaction { closure(holding($0)) } }
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.withConnection { [gate, writer, holdsGate] in closure(SerialWritesDatabase($0, gate: gate, writer: writer, holdsGate: holdsGate)) }
    }

    // SQLDatabase

    var logger: Logger { base.context.logger }
    var eventLoop: any EventLoop { base.context.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        if holdsGate || Self.reads(query, on: base) { return base.execute(sql: query, onRow) }
        return gated { base.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        if holdsGate || Self.reads(query, on: base) { return try await base.execute(sql: query, onRow) }
        try await gate.holding { try await base.execute(sql: query, onRow) }
    }

    /// Whether a statement only reads: a `SELECT` (or `EXPLAIN`); everything else may write.
    static func reads(_ query: any SQLExpression, on database: any SQLDatabase) -> Bool {
        if query is SQLSelect || query is SQLUnion { return true }
        return reads(database.serialize(query).sql)
    }

    static func reads(_ sql: String) -> Bool {
        let head = sql.drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "(" }.prefix(7).uppercased()
        return head.hasPrefix("SELECT") || head.hasPrefix("EXPLAIN")
    }

    // SQLiteDatabase (SQLiteNIO's, for the direct row reads of JobPostingRow)

    func query(_ query: String, _ binds: [SQLiteData], logger: Logger, _ onRow: @escaping @Sendable (SQLiteRow) -> Void) -> EventLoopFuture<Void> {
        if holdsGate || Self.reads(query) { return base.query(query, binds, logger: logger, onRow) }
        return gated { base.query(query, binds, logger: logger, onRow) }
    }

    func withConnection<T>(_ closure: @escaping @Sendable (SQLiteConnection) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.withConnection(closure)
    }
}

/// A value handed across a task boundary whose type Fluent's protocol does not mark `Sendable` (a transaction's
/// result, given back to the one caller that waits for it).
private struct Unchecked<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// Fluent's SQLite configuration with every write through the process's ``SQLiteWriteGate``.
struct SerialWritesConfiguration: DatabaseConfiguration {
    var base: any DatabaseConfiguration
    let gate: SQLiteWriteGate
    let writer: SQLiteWriter?

    var middleware: [any AnyModelMiddleware] {
        get { base.middleware }
        set { base.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        SerialWritesDriver(base: base.makeDriver(for: databases), gate: gate, writer: writer)
    }
}

struct SerialWritesDriver: DatabaseDriver {
    let base: any DatabaseDriver
    let gate: SQLiteWriteGate
    let writer: SQLiteWriter?

    func makeDatabase(with context: DatabaseContext) -> any Database {
        SerialWritesDatabase(base.makeDatabase(with: context), gate: gate, writer: writer, holdsGate: false)
    }

    func shutdown() { base.shutdown() }
    func shutdownAsync() async { await base.shutdownAsync() }
}

extension DatabaseConfigurationFactory {
    /// An SQLite configuration (`base`, Fluent's driver) whose writes all hold `gate`, the gate the process's
    /// ``SQLiteWriter`` holds too; with the `writer`, whose transactions all run on it.
    public static func serialWrites(_ base: DatabaseConfigurationFactory, gate: SQLiteWriteGate, writer: SQLiteWriter? = nil) -> DatabaseConfigurationFactory {
        DatabaseConfigurationFactory { SerialWritesConfiguration(base: base.make(), gate: gate, writer: writer) }
    }
}

extension Database {
    /// A write transaction: `body` runs with the transaction's database and everything it writes is committed when
    /// it returns, rolled back when it throws. On an SQLite file with the process's `SQLiteWriter`, `body` runs on
    /// the writer's thread with its connection (its statements need no hop to another thread, which under load cost
    /// a scheduling wait each while the write lock was held); elsewhere it is Fluent's `transaction`.
    public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let result: T
        if let serial = self as? SerialWritesDatabase, !serial.holdsGate, !serial.inTransaction, let writer = serial.writer {
            let context = serial.context
            result = try await writer.transaction { sql in try await body(WriterTransactionDatabase(sql: sql, context: context)) }
        } else {
            result = try await transaction(body)
        }
        if !inTransaction { LocalCommits.add() }
        return result
    }
}
