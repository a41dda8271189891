import Foundation
import SQLiteKit
import SQLKit
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
