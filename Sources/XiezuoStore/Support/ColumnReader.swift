import Foundation
import SQLiteKit
import SQLKit
import XiezuoCore
import XiezuoSQLite

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
        columnType(column) == .text ? columnText(column) : try decoded(column, as: String.self)
    }

    func int64(_ column: Int32) throws -> Int64 {
        columnType(column) == .integer ? columnInt64(column) : try decoded(column, as: Int64.self)
    }

    func isNull(_ column: Int32) throws -> Bool { columnType(column) == .null }

    func uuid(_ column: Int32) throws -> UUID {
        if columnType(column) == .text, let id = UUID(hyphenated: columnText(column)) { return id }
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
