import Foundation
import NIOCore
import SQLiteKit
import VaporCSQLite

/// An `sqlite3` connection of the process's own (the ``SQLiteWriter``'s, or one of the ``SQLiteReader``'s), with its
/// prepared statements kept by their text. Used by one thread at a time.
public final class SQLiteDirectConnection {
    private var handle: OpaquePointer?
    private var statements: [String: SQLiteDirectStatement] = [:]
    /// More distinct statements than this (a query whose `IN` list varies in length) start the cache over.
    private static let cacheLimit = 64

    /// Opens (or creates) the file at `path`.
    public init(path: String) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        let code = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let error = SQLiteDirectError(code: code, message: handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory")
            sqlite_nio_sqlite3_close(handle)
            throw error
        }
        self.handle = handle
    }

    deinit { close() }

    /// Finalises the statements and closes the connection.
    public func close() {
        statements.removeAll()
        if let handle { sqlite_nio_sqlite3_close_v2(handle) }
        handle = nil
    }

    /// Runs one statement that returns no rows, without keeping it.
    public func execute(_ sql: String) throws {
        let code = sqlite_nio_sqlite3_exec(try liveHandle(), sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code) }
    }

    /// The prepared statement for `sql`, reset and with no values bound: prepared the first time, kept after.
    public func statement(_ sql: String) throws -> SQLiteDirectStatement {
        if let statement = statements[sql] {
            statement.reset()
            return statement
        }
        var prepared: OpaquePointer?
        let code = sqlite_nio_sqlite3_prepare_v3(try liveHandle(), sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard code == SQLITE_OK, let prepared else { throw error(code) }
        if statements.count >= Self.cacheLimit { statements.removeAll() }
        let statement = SQLiteDirectStatement(prepared, connection: self)
        statements[sql] = statement
        return statement
    }

    /// Runs `sql` with `binds` and returns its rows: column names, and each row's values as SQLiteNIO reads them.
    public func rows(_ sql: String, _ binds: [SQLiteData]) throws -> (columns: [String], rows: [[SQLiteData]]) {
        let statement = try statement(sql)
        defer { statement.reset() }
        for (index, value) in binds.enumerated() { try statement.bind(Int32(index + 1), value) }
        var rows: [[SQLiteData]] = []
        while try statement.step() { rows.append(statement.row()) }
        return (statement.columnNames, rows)
    }

    /// True outside a transaction (SQLite's autocommit mode).
    public var isInAutocommit: Bool { handle.map { sqlite_nio_sqlite3_get_autocommit($0) != 0 } ?? true }

    /// SQLite's error for a failed call.
    func error(_ code: Int32) -> SQLiteDirectError {
        SQLiteDirectError(code: code, message: handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "connection closed")
    }

    func liveHandle() throws -> OpaquePointer {
        guard let handle else { throw SQLiteDirectError(code: SQLITE_MISUSE, message: "connection closed") }
        return handle
    }
}

/// A prepared statement of a ``SQLiteDirectConnection``.
public final class SQLiteDirectStatement {
    private let handle: OpaquePointer
    private unowned let connection: SQLiteDirectConnection

    init(_ handle: OpaquePointer, connection: SQLiteDirectConnection) {
        self.handle = handle
        self.connection = connection
    }

    deinit { sqlite_nio_sqlite3_finalize(handle) }

    /// Makes the statement ready to run again, with no values bound.
    public func reset() {
        sqlite_nio_sqlite3_reset(handle)
        sqlite_nio_sqlite3_clear_bindings(handle)
    }

    /// Binds `value` to the parameter at `index` (from 1); SQLite copies text and blobs.
    public func bind(_ index: Int32, _ value: SQLiteData) throws {
        switch value {
        case .integer(let value): try bind(index, int64: Int64(value))
        case .float(let value): try bind(index, double: value)
        case .null: try bindNull(index)
        case .text(let text): try bind(index, text: text)
        case .blob(let buffer):
            try check(buffer.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(handle, index, $0.baseAddress, UInt64($0.count), transient)
            })
        }
    }

    /// Binds text to the parameter at `index` (from 1); SQLite copies it.
    public func bind(_ index: Int32, text: String) throws {
        var text = text
        try check(text.withUTF8 { sqlite_nio_sqlite3_bind_text64(handle, index, $0.baseAddress, UInt64($0.count), transient, UInt8(SQLITE_UTF8)) })
    }

    /// Binds an integer to the parameter at `index` (from 1).
    public func bind(_ index: Int32, int64 value: Int64) throws { try check(sqlite_nio_sqlite3_bind_int64(handle, index, value)) }

    /// Binds a floating-point number to the parameter at `index` (from 1).
    public func bind(_ index: Int32, double value: Double) throws { try check(sqlite_nio_sqlite3_bind_double(handle, index, value)) }

    /// Binds NULL to the parameter at `index` (from 1).
    public func bindNull(_ index: Int32) throws { try check(sqlite_nio_sqlite3_bind_null(handle, index)) }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw connection.error(code) }
    }

    /// Runs the statement to its next row: true when there is one, false when it has finished.
    public func step() throws -> Bool {
        switch sqlite_nio_sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw connection.error(code)
        }
    }

    /// The current row's values, as SQLiteNIO reads them.
    public func row() -> [SQLiteData] {
        (0..<sqlite_nio_sqlite3_column_count(handle)).map(value)
    }

    /// The current row's value in `column` (from 0), as SQLiteNIO reads it.
    public func value(_ column: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(handle, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(handle, column))
        case SQLITE_TEXT: return .text(columnText(column))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(handle, column))
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            if let blob = sqlite_nio_sqlite3_column_blob(handle, column) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: blob, count: count))
            }
            return .blob(buffer)
        default: return .null
        }
    }

    /// SQLite's storage classes.
    public enum StorageClass: Sendable {
        case integer, float, text, blob, null
    }

    /// The storage class of the current row's value in `column` (from 0).
    public func columnType(_ column: Int32) -> StorageClass {
        switch sqlite_nio_sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: .integer
        case SQLITE_FLOAT: .float
        case SQLITE_TEXT: .text
        case SQLITE_BLOB: .blob
        default: .null
        }
    }

    /// The current row's value in `column` (from 0) as text, as SQLiteNIO reads it (invalid UTF-8 repaired).
    public func columnText(_ column: Int32) -> String {
        // The text first, then its length (SQLite's documented order).
        guard let text = sqlite_nio_sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite_nio_sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The current row's integer in `column` (from 0).
    public func columnInt64(_ column: Int32) -> Int64 { sqlite_nio_sqlite3_column_int64(handle, column) }

    /// The current row's number in `column` (from 0), as a double.
    public func columnDouble(_ column: Int32) -> Double { sqlite_nio_sqlite3_column_double(handle, column) }

    /// The names of the statement's result columns.
    public var columnNames: [String] {
        (0..<sqlite_nio_sqlite3_column_count(handle)).map { String(cString: sqlite_nio_sqlite3_column_name(handle, $0)) }
    }
}

/// SQLite's text or blob destructor `SQLITE_TRANSIENT`: SQLite copies the bytes before the bind returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A failed call of a ``SQLiteDirectConnection``: SQLite's result code and message.
public struct SQLiteDirectError: Error, CustomStringConvertible {
    public var code: Int32
    public var message: String
    public var description: String { "SQLite error \(code): \(message)" }
}
