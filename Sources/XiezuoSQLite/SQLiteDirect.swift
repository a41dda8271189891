import Foundation
import SQLiteKit
import SQLKit
import Synchronization
import VaporCSQLite

/// Straight SQLite access for the bulk paths where SQLKit's per-value `Codable` encoding and decoding showed in
/// profiles (a sync's upsert, the change feed's read). Values are stored and read exactly as SQLiteKit's encoder and
/// decoder do; anything of another shape goes through them.
public enum SQLiteDirect {
    /// A value as SQLiteKit's encoder stores it: ids as upper-case text, times as seconds since 1970; the common
    /// types directly, anything else through the encoder itself.
    public static func data(_ value: (any Encodable & Sendable)?) throws -> SQLiteData {
        switch value {
        case nil: .null
        case let id as UUID: .text(id.uuidString)
        case let convertible as any SQLiteDataConvertible: convertible.sqliteData ?? .null
        case let other?: try SQLiteDataEncoder().encode(other)
        }
    }

    /// The rows `query` selects, read with SQLite's own row type: the statement is serialised by SQLKit as usual,
    /// its binds are stored as ``data(_:)`` gives them.
    public static func rows(_ query: some SQLQueryBuilder, on database: any SQLDatabase & SQLiteDatabase) async throws -> [SQLiteRow] {
        let (sql, binds) = database.serialize(query.query)
        return try await database.query(sql, try binds.map(data))
    }
}

extension SQLiteDirect {
    /// The SQLite library the fast path calls directly (`SQLiteWriter`, `SQLiteReader`, the checkpointer): its version,
    /// source id and compile options, read through the C interface. Two copies of SQLite in one process would corrupt
    /// a database (each keeps its own POSIX locks); a test compares these with what SQLiteNIO's connections report.
    public static func library() -> (version: String, sourceID: String, options: [String]) {
        var options: [String] = []
        var index: Int32 = 0
        while let option = sqlite_nio_sqlite3_compileoption_get(index) {
            options.append(String(cString: option))
            index += 1
        }
        return (String(cString: sqlite_nio_sqlite3_libversion()), String(cString: sqlite_nio_sqlite3_sourceid()), options)
    }
}

extension SQLiteDirect {
    /// The rows `query` selects, read on `reader`'s connection instead of `database`'s (which only serialises it):
    /// for a scan that should not go through the event loops' memory-mapped connections. A read still waiting for
    /// the reader's thread when the task is cancelled does not run.
    public static func rows(_ query: some SQLQueryBuilder, serialisedBy database: any SQLDatabase, on reader: SQLiteReader) async throws -> [any SQLRow] {
        let (sql, binds) = database.serialize(query.query)
        let values = try binds.map(data)
        let cancelled = CancelFlag()
        let (columns, rows) = try await withTaskCancellationHandler {
            try await reader.read { connection in
                if cancelled.isSet { throw CancellationError() }
                return try connection.rows(sql, values)
            }
        } onCancel: {
            cancelled.set()
        }
        let positions = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return rows.map { DirectRow(columns: columns, positions: positions, values: $0) }
    }

    /// Set when a task is cancelled, read on a reader's thread.
    final class CancelFlag: Sendable {
        private let value = Atomic<Bool>(false)
        var isSet: Bool { value.load(ordering: .relaxed) }
        func set() { value.store(true, ordering: .relaxed) }
    }

    /// A row read by ``SQLiteDirectConnection/rows(_:_:)``, decoded as SQLiteKit decodes its own rows.
    struct DirectRow: SQLRow {
        let columns: [String]
        let positions: [String: Int]
        let values: [SQLiteData]

        var allColumns: [String] { columns }
        func contains(column: String) -> Bool { positions[column] != nil }

        func decodeNil(column: String) throws -> Bool {
            guard let position = positions[column] else { throw missing(column) }
            return values[position] == .null
        }

        func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
            guard let position = positions[column] else { throw missing(column) }
            return try SQLiteDataDecoder().decode(D.self, from: values[position])
        }

        private func missing(_ column: String) -> DecodingError {
            DecodingError.keyNotFound(SomeCodingKey(stringValue: column), .init(codingPath: [], debugDescription: "no column \(column)"))
        }
    }
}
