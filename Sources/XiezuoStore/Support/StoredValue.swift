import Foundation
import XiezuoCore

/// A stored value that does not read as what its column holds (an unknown choice, a day that is not a day, a body
/// that does not decode): the table, the row and the column are named. Rows are never read with a silent default in
/// its place: a wrong figure is worse than a failed request, and the log names the row to mend.
public struct StoredRecordError: Error, CustomStringConvertible {
    public var table: String
    public var id: String
    public var column: String
    public var problem: String

    public var description: String { "\(table) row \(id), column \(column): \(problem)" }
}

/// The stored shape of a record kept as JSON in a `body` column (`jsonb` on PostgreSQL, JSON text on SQLite): a type
/// of the store's own, versioned (`v`), separate from the Core value the API returns, so a Core field can be renamed
/// or added without changing what stored rows mean. Days are ISO-8601 (`yyyy-MM-dd`), times ISO-8601 with
/// milliseconds, choices their raw values. A new shape is a new type (`…StoredV2`) and a migration that converts the
/// rows (docs/storage.md#stored-records).
protocol StoredShape: Codable, Sendable, Equatable {
    associatedtype Value
    /// The version this type reads and writes.
    static var version: Int { get }
    /// The version a row was written in.
    var v: Int { get }
    /// The stored shape of `value`.
    init(_ value: Value)
    /// The value this shape holds; one that does not read is a ``StoredRecordError`` naming `row`.
    func value(in row: StoredRow) throws -> Value
}

/// Reads the typed values of a stored row, throwing ``StoredRecordError`` for one that does not read.
struct StoredRow {
    let table: String
    /// The row's id, written out only when an error names it (reading rows is a hot path).
    private let key: Key

    private enum Key {
        case uuid(UUID?), text(String)
    }

    init(_ table: String, id: UUID?) {
        self.table = table
        key = .uuid(id)
    }

    init(_ table: String, id: String) {
        self.table = table
        key = .text(id)
    }

    /// The row's id as text.
    var id: String {
        switch key {
        case .uuid(let id): id?.uuidString ?? "(no id)"
        case .text(let text): text
        }
    }

    /// A choice stored as its raw value.
    func choice<T: RawRepresentable>(_ raw: String, as type: T.Type, column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else { throw StoredRecordError(table: table, id: id, column: column, problem: "unknown value \"\(raw)\"") }
        return value
    }

    /// A day stored as `yyyy-MM-dd`.
    func day(_ text: String, column: String) throws -> Day {
        guard let day = Day(text) else { throw StoredRecordError(table: table, id: id, column: column, problem: "not a day: \"\(text)\"") }
        return day
    }

    /// An optional day stored as `yyyy-MM-dd` or NULL.
    func day(_ text: String?, column: String) throws -> Day? {
        try text.map { try day($0, column: column) }
    }

    /// Refuses a stored shape of another version than the one this code reads.
    func check(version: Int, reads expected: Int) throws {
        guard version == expected else {
            throw StoredRecordError(table: table, id: id, column: "body", problem: "stored version \(version), this code reads \(expected)")
        }
    }

    /// A point in time stored as ISO-8601 text with milliseconds (`2025-03-01T08:00:00.000Z`).
    func time(_ text: String, column: String) throws -> Date {
        guard let date = StoredTime.date(text) else { throw StoredRecordError(table: table, id: id, column: column, problem: "not a time: \"\(text)\"") }
        return date
    }
}

/// Times in stored shapes: ISO-8601, UTC, with milliseconds.
enum StoredTime {
    static func text(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func date(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}

/// A `body` column as read: its stored shape, or why it did not decode. Fluent decodes a row's fields before the
/// repository sees the row, so a body that does not decode is kept here rather than thrown there, and
/// ``shape(in:)`` throws a ``StoredRecordError`` naming the row. Encodes exactly as the shape does.
struct StoredBody<Shape: Codable & Sendable>: Codable, Sendable {
    private let shape: Shape?
    private let failure: String?

    init(_ shape: Shape) {
        self.shape = shape
        failure = nil
    }

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            // A database's decoder hands over the column's text (SQLite's JSON text, PostgreSQL's jsonb).
            do {
                shape = try JSONDecoder().decode(Shape.self, from: Data(text.utf8))
                failure = nil
            } catch {
                shape = nil
                failure = "\(error)"
            }
            return
        }
        // A JSON decoder at the object itself. A `dataCorrupted` error is rethrown: it is how the databases' first,
        // value-by-value pass says "not a plain value" before they decode the column as JSON.
        do {
            shape = try Shape(from: decoder)
            failure = nil
        } catch let error as DecodingError {
            if case .dataCorrupted = error { throw error }
            shape = nil
            failure = "\(error)"
        }
    }

    func encode(to encoder: any Encoder) throws {
        guard let shape else { throw EncodingError.invalidValue(self, .init(codingPath: [], debugDescription: "a body that did not decode")) }
        try shape.encode(to: encoder)
    }

    /// The stored shape; a body that did not decode is an error naming `row`.
    func shape(in row: StoredRow) throws -> Shape {
        guard let shape else {
            throw StoredRecordError(table: row.table, id: row.id, column: "body", problem: "does not decode as \(Shape.self): \(failure ?? "")")
        }
        return shape
    }
}

extension StoredBody where Shape: StoredShape {
    /// The value the stored shape holds (see ``StoredShape/value(in:)``).
    func value(in row: StoredRow) throws -> Shape.Value { try shape(in: row).value(in: row) }
}
