import Foundation
import XiezuoCore
import XiezuoSQLite

/// A page's reads and writes on an ``SQLiteWriter``: the same statements as through SQLKit, prepared once for the
/// whole sync and run in one call on the writer's thread.
extension JobExchange {
    /// `INSERT … VALUES (?, …) ON CONFLICT … DO UPDATE … WHERE newer`, one row a statement: a multi-row `VALUES` makes
    /// SQLite keep a statement journal, a copy of every page the statement changes (with 16 KB pages and eight b-trees
    /// a row, a fifth of the writing time); a one-row upsert whose update leaves the foreign key alone (see
    /// ``replacedColumns``) needs none.
    static let sqliteUpsert: String = {
        let columns = JobPostingRow.insertColumns.map { "\"\($0)\"" }.joined(separator: ", ")
        let values = Array(repeating: "?", count: JobPostingRow.insertColumns.count).joined(separator: ", ")
        let updates = replacedColumns.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ", ")
        return "INSERT INTO \"job_postings\" (\(columns)) VALUES (\(values))"
            + " ON CONFLICT (\"origin_platform\", \"origin_id\") DO UPDATE SET \(updates)"
            + " WHERE \"job_postings\".\"origin_version\" < excluded.\"origin_version\""
    }()
    private static let writerHeldVersion = "SELECT origin_version FROM job_postings WHERE origin_platform = ?1 AND origin_id = ?2"

    /// ``heldVersions(of:on:)`` on the writer: one kept lookup per origin.
    func heldVersions(of origins: [JobOrigin], on writer: SQLiteWriter) async throws -> [String: Int64] {
        try await writer.run { connection in
            let lookup = try connection.statement(Self.writerHeldVersion)
            defer { lookup.reset() }
            var held: [String: Int64] = [:]
            for origin in origins {
                lookup.reset()
                try lookup.bind(1, text: origin.platform)
                try lookup.bind(2, text: origin.id)
                if try lookup.step() { held[origin.platform + "\u{1F}" + origin.id] = lookup.columnInt64(0) }
            }
            return held
        }
    }

    /// ``upsert(_:on:)`` on the writer, each value bound by its type (the statement's `bind` for received values, below).
    func upsert(_ rows: [ReceivedRow], ids: [UUID], now: Date, on writer: SQLiteWriter) async throws {
        try await writer.run { connection in
            let upsert = try connection.statement(Self.sqliteUpsert)
            defer { upsert.reset() }
            for index in rows.indices {
                upsert.reset()
                for (column, value) in rows[index].values(id: ids[index], now: now).enumerated() { try upsert.bind(Int32(column + 1), value) }
                _ = try upsert.step()
            }
        }
    }
}

extension SQLiteDirectStatement {
    /// Binds a received row's value as SQLiteKit's encoder stores it: ids as upper-case text, times as seconds since
    /// 1970.
    func bind(_ index: Int32, _ value: ReceivedRow.Value) throws {
        switch value {
        case .id(let id): try bind(index, text: id.hyphenatedText)
        case .text(let text): try bind(index, text: text)
        case .integer(let value): try bind(index, int64: value)
        case .time(let date): try bind(index, double: date.timeIntervalSince1970)
        case .null: try bindNull(index)
        }
    }
}
