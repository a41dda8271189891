import Foundation
import SQLiteKit
import SQLKit
import XiezuoCore

/// Straight SQLite access for the bulk paths where SQLKit's per-value `Codable` encoding and decoding showed in
/// profiles (a sync's upsert, the change feed's read). Values are stored and read exactly as SQLiteKit's encoder and
/// decoder do; anything of another shape goes through them.
enum SQLiteDirect {
    /// A value as SQLiteKit's encoder stores it: ids as upper-case text, times as seconds since 1970; the common
    /// types directly, anything else through the encoder itself.
    static func data(_ value: (any Encodable & Sendable)?) throws -> SQLiteData {
        switch value {
        case nil: .null
        case let id as UUID: .text(id.uuidString)
        case let convertible as any SQLiteDataConvertible: convertible.sqliteData ?? .null
        case let other?: try SQLiteDataEncoder().encode(other)
        }
    }

    /// The rows `query` selects, read with SQLite's own row type: the statement is serialised by SQLKit as usual,
    /// its binds are stored as ``data(_:)`` gives them.
    static func rows(_ query: some SQLQueryBuilder, on database: any SQLDatabase & SQLiteDatabase) async throws -> [SQLiteRow] {
        let (sql, binds) = database.serialize(query.query)
        return try await database.query(sql, try binds.map(data))
    }
}

/// Reads the columns of one row, as `SQLRow.decode(column:as:)` would.
protocol ColumnReader {
    /// The column's text.
    func text(_ column: String) throws -> String
    /// The column's integer.
    func int64(_ column: String) throws -> Int64
    /// True when the column is NULL.
    func isNull(_ column: String) throws -> Bool
    /// The column as an id.
    func uuid(_ column: String) throws -> UUID
    /// The column as a point in time.
    func date(_ column: String) throws -> Date
}

extension ColumnReader {
    /// The column's integer, nil when NULL.
    func optionalInt(_ column: String) throws -> Int? { try isNull(column) ? nil : Int(try int64(column)) }
    /// The column as an id, nil when NULL.
    func optionalUUID(_ column: String) throws -> UUID? { try isNull(column) ? nil : try uuid(column) }
    /// The column as a point in time, nil when NULL.
    func optionalDate(_ column: String) throws -> Date? { try isNull(column) ? nil : try date(column) }
}

/// Any SQLKit row, through its `Decodable` decoding.
struct SQLRowColumns: ColumnReader {
    let row: any SQLRow

    func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
    func int64(_ column: String) throws -> Int64 { try row.decode(column: column, as: Int64.self) }
    func isNull(_ column: String) throws -> Bool { try row.decodeNil(column: column) }
    func uuid(_ column: String) throws -> UUID { try row.decode(column: column, as: UUID.self) }
    func date(_ column: String) throws -> Date { try row.decode(column: column, as: Date.self) }
}

/// An SQLite row read directly: text, integers, ids stored as text and times stored as seconds are taken as they
/// are; any other shape is handed to SQLiteKit's decoder, so the answers equal ``SQLRowColumns``'.
struct SQLiteColumns: ColumnReader {
    let row: SQLiteRow

    private var decoded: SQLRowColumns { SQLRowColumns(row: row.sql()) }

    func text(_ column: String) throws -> String {
        if case .text(let text)? = row.column(column) { return text }
        return try decoded.text(column)
    }

    func int64(_ column: String) throws -> Int64 {
        if case .integer(let value)? = row.column(column) { return Int64(value) }
        return try decoded.int64(column)
    }

    func isNull(_ column: String) throws -> Bool {
        guard let data = row.column(column) else { return try decoded.isNull(column) }
        return data == .null
    }

    func uuid(_ column: String) throws -> UUID {
        if case .text(let text)? = row.column(column), let id = UUID(hyphenated: text) { return id }
        return try decoded.uuid(column)
    }

    func date(_ column: String) throws -> Date {
        if let data = row.column(column), data.isNumber, let date = Date(sqliteData: data) { return date }
        return try decoded.date(column)
    }
}

private extension SQLiteData {
    var isNumber: Bool {
        switch self {
        case .integer, .float: true
        default: false
        }
    }
}
