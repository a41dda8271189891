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

/// Reads the typed values of a stored row, throwing ``StoredRecordError`` for one that does not read.
struct StoredRow {
    let table: String
    let id: String

    init(_ table: String, id: UUID?) {
        self.table = table
        self.id = id?.uuidString ?? "(no id)"
    }

    init(_ table: String, id: String) {
        self.table = table
        self.id = id
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

    /// A record stored as JSON, decoded; a failure names the row and what did not decode.
    func body<T: Decodable>(_ text: String, as type: T.Type, column: String = "body") throws -> T {
        do {
            return try RecordBody.decode(text, as: type)
        } catch {
            throw StoredRecordError(table: table, id: id, column: column, problem: "does not decode as \(T.self): \(error)")
        }
    }
}
