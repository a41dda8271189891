import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// Fluent's view of one transaction of the process's `SQLiteWriter`: the models, query builders and plain SQL of a
/// repository's `database.transaction { tx in … }` run on the writer's connection and thread, statement after
/// statement, instead of on an event loop's connection through the thread pool (two hops per statement, each waiting
/// its turn on a busy event loop while the transaction holds the write lock).
///
/// Queries are turned into SQL as Fluent's SQLite driver does (the same converter with SQLite's types, `RETURNING`
/// the id of a created row) and rows are read back as its rows are; values are encoded and decoded by SQLiteKit's
/// coders in the writer (`SQLiteWriterDatabase`). Nested transactions run inside this one.
struct WriterTransactionDatabase: Database, SQLDatabase {
    /// The writer's `SQLDatabase`, inside its transaction.
    let sql: any SQLDatabase
    let context: DatabaseContext

    var inTransaction: Bool { true }

    // Database

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        var expression = SQLQueryConverter(delegate: SQLiteTypes()).convert(query)
        // As Fluent's SQLite driver: a create returns the id it stored (an empty custom key means a composite id).
        if case .create = query.action, query.customIDKey != .some(.string("")) {
            expression = SQLList([expression, SQLReturning(.init((query.customIDKey ?? .id).description))], separator: SQLRaw(" "))
        }
        return sql.execute(sql: expression) { onOutput(RowOutput(row: $0, schema: nil)) }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        // SQLite alters tables only by adding or dropping columns (as Fluent's SQLite driver refuses the rest).
        if schema.action == .update, !schema.createConstraints.isEmpty || !schema.deleteConstraints.isEmpty || !schema.updateFields.isEmpty {
            return eventLoop.makeFailedFuture(WriterSchemaError())
        }
        return sql.execute(sql: SQLSchemaConverter(delegate: SQLiteTypes()).convert(schema)) { _ in }
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        eventLoop.makeSucceededFuture(())
    }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    // SQLDatabase

    var logger: Logger { context.logger }
    var eventLoop: any EventLoop { context.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var dialect: any SQLDialect { sql.dialect }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        sql.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await sql.execute(sql: query, onRow)
    }
}

/// SQLite's column types for Fluent's schema and query converters (as Fluent's SQLite driver maps them).
private struct SQLiteTypes: SQLConverterDelegate {
    func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? {
        switch dataType {
        case .string, .enum: SQLRaw("TEXT")
        case .datetime: SQLRaw("REAL")
        case .int64: SQLRaw("INTEGER")
        default: nil
        }
    }
}

/// A row as Fluent's models read it: a field key, prefixed by the schema when a join asks for it, is a column.
private struct RowOutput: DatabaseOutput {
    let row: any SQLRow
    let schema: String?

    var description: String { String(describing: row) }

    private func column(_ key: FieldKey) -> String {
        (schema.map { .prefix(.prefix(.string($0), "_"), key) } ?? key).description
    }

    func schema(_ schema: String) -> any DatabaseOutput { RowOutput(row: row, schema: schema) }
    func contains(_ key: FieldKey) -> Bool { row.contains(column: column(key)) }
    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: column(key)) }
    func decode<T: Decodable>(_ key: FieldKey, as: T.Type) throws -> T { try row.decode(column: column(key), as: T.self) }
}

/// A schema change SQLite cannot make in place.
struct WriterSchemaError: Error, CustomStringConvertible {
    var description: String { "SQLite cannot change constraints or column types in place" }
}
