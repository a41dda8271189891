import Foundation
import Logging
import NIOCore
import SQLiteKit
import SQLKit

/// SQLKit's view of a ``SQLiteWriter``'s connection, inside one of its transactions: statements are serialised
/// and their values encoded as SQLiteKit's own connections do, and run with the writer's kept prepared statements.
struct SQLiteWriterDatabase: SQLDatabase {
    let writer: SQLiteWriter

    var logger: Logger { writer.logger }
    var eventLoop: any EventLoop { writer.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { nil }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let (sql, binds) = serialize(query)
        let encoder = SQLiteDataEncoder()
        let values = try binds.map { try encoder.encode($0) }
        let result = try await writer.run { try $0.rows(sql, values) }
        let columns = Dictionary(result.columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for values in result.rows { onRow(SQLiteWriterRow(names: result.columns, columns: columns, values: values)) }
    }
}

/// A row the ``SQLiteWriter`` read, decoded as SQLiteKit decodes its rows.
struct SQLiteWriterRow: SQLRow {
    let names: [String]
    /// Each column's position (the first, when two share a name).
    let columns: [String: Int]
    let values: [SQLiteData]

    var allColumns: [String] { names }

    func contains(column: String) -> Bool { columns[column] != nil }

    func decodeNil(column: String) throws -> Bool { columns[column].map { values[$0] == .null } ?? true }

    func decode<D: Decodable>(column: String, as: D.Type) throws -> D {
        guard let index = columns[column] else { throw SQLiteDirectError(code: 1, message: "no column \(column) in the row") }
        return try SQLiteDataDecoder().decode(D.self, from: values[index])
    }
}

extension SQLiteWriter {
    /// The writer whose transaction hands out `database`, if any: the hot loops of that transaction may then run on
    /// the writer's connection directly (``run(_:)``).
    public static func owning(_ database: any SQLDatabase) -> SQLiteWriter? {
        (database as? SQLiteWriterDatabase)?.writer
    }
}
