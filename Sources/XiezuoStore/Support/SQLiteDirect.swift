import Foundation
import SQLiteKit
import SQLKit
import VaporCSQLite
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

/// Reads the columns of one row of a fixed select list by their positions (from 0), as `SQLRow.decode(column:as:)`
/// would read them by name.
protocol ColumnReader {
    /// The column's text.
    func text(_ column: Int32) throws -> String
    /// The column's integer.
    func int64(_ column: Int32) throws -> Int64
    /// True when the column is NULL.
    func isNull(_ column: Int32) throws -> Bool
    /// The column as an id.
    func uuid(_ column: Int32) throws -> UUID
    /// The column as a point in time.
    func date(_ column: Int32) throws -> Date
}

extension ColumnReader {
    /// The column's integer, nil when NULL.
    func optionalInt(_ column: Int32) throws -> Int? { try isNull(column) ? nil : Int(try int64(column)) }
    /// The column as an id, nil when NULL.
    func optionalUUID(_ column: Int32) throws -> UUID? { try isNull(column) ? nil : try uuid(column) }
    /// The column as a point in time, nil when NULL.
    func optionalDate(_ column: Int32) throws -> Date? { try isNull(column) ? nil : try date(column) }
}

/// Any SQLKit row, through its `Decodable` decoding; `names` are the select list's columns, in order.
struct SQLRowColumns: ColumnReader {
    let row: any SQLRow
    let names: [String]

    func text(_ column: Int32) throws -> String { try row.decode(column: names[Int(column)], as: String.self) }
    func int64(_ column: Int32) throws -> Int64 { try row.decode(column: names[Int(column)], as: Int64.self) }
    func isNull(_ column: Int32) throws -> Bool { try row.decodeNil(column: names[Int(column)]) }
    func uuid(_ column: Int32) throws -> UUID { try row.decode(column: names[Int(column)], as: UUID.self) }
    func date(_ column: Int32) throws -> Date { try row.decode(column: names[Int(column)], as: Date.self) }
}

/// An SQLite row read directly: text, integers, ids stored as text and times stored as seconds are taken as they
/// are; any other shape is handed to SQLiteKit's decoder, so the answers equal ``SQLRowColumns``'.
struct SQLiteColumns: ColumnReader {
    let row: SQLiteRow
    let names: [String]

    private var decoded: SQLRowColumns { SQLRowColumns(row: row.sql(), names: names) }

    func text(_ column: Int32) throws -> String {
        if case .text(let text)? = row.column(names[Int(column)]) { return text }
        return try decoded.text(column)
    }

    func int64(_ column: Int32) throws -> Int64 {
        if case .integer(let value)? = row.column(names[Int(column)]) { return Int64(value) }
        return try decoded.int64(column)
    }

    func isNull(_ column: Int32) throws -> Bool {
        guard let data = row.column(names[Int(column)]) else { return try decoded.isNull(column) }
        return data == .null
    }

    func uuid(_ column: Int32) throws -> UUID {
        if case .text(let text)? = row.column(names[Int(column)]), let id = UUID(hyphenated: text) { return id }
        return try decoded.uuid(column)
    }

    func date(_ column: Int32) throws -> Date {
        if let data = row.column(names[Int(column)]), data.isNumber, let date = Date(sqliteData: data) { return date }
        return try decoded.date(column)
    }
}

/// The current row of a ``SQLiteDirectStatement``, read in place: no column is looked up by name, and only the
/// values read are copied out. Other shapes than the common ones go through SQLiteKit's decoder, so the answers
/// equal ``SQLRowColumns``'.
extension SQLiteDirectStatement: ColumnReader {
    private func decoded<T: Decodable>(_ column: Int32, as type: T.Type) throws -> T {
        try SQLiteDataDecoder().decode(T.self, from: value(column))
    }

    func text(_ column: Int32) throws -> String {
        columnType(column) == SQLITE_TEXT ? columnText(column) : try decoded(column, as: String.self)
    }

    func int64(_ column: Int32) throws -> Int64 {
        columnType(column) == SQLITE_INTEGER ? columnInt64(column) : try decoded(column, as: Int64.self)
    }

    func isNull(_ column: Int32) throws -> Bool { columnType(column) == SQLITE_NULL }

    func uuid(_ column: Int32) throws -> UUID {
        if columnType(column) == SQLITE_TEXT, let id = UUID(hyphenated: columnText(column)) { return id }
        return try decoded(column, as: UUID.self)
    }

    func date(_ column: Int32) throws -> Date {
        let data = value(column)
        if data.isNumber, let date = Date(sqliteData: data) { return date }
        return try decoded(column, as: Date.self)
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

extension SQLiteDirect {
    /// The SQLite library the fast path calls directly (`SQLiteWriter`, `SQLiteReader`, the checkpointer): its version,
    /// source id and compile options, read through the C interface. Two copies of SQLite in one process would corrupt
    /// a database (each keeps its own POSIX locks); a test compares these with what SQLiteNIO's connections report.
    static func library() -> (version: String, sourceID: String, options: [String]) {
        var options: [String] = []
        var index: Int32 = 0
        while let option = sqlite_nio_sqlite3_compileoption_get(index) {
            options.append(String(cString: option))
            index += 1
        }
        return (String(cString: sqlite_nio_sqlite3_libversion()), String(cString: sqlite_nio_sqlite3_sourceid()), options)
    }
}
