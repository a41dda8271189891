import Foundation
import XiezuoCore

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
                try lookup.bind(1, .text(origin.platform))
                try lookup.bind(2, .text(origin.id))
                if try lookup.step() { held[origin.platform + "\u{1F}" + origin.id] = lookup.columnInt64(0) }
            }
            return held
        }
    }

    /// ``upsert(_:on:)`` on the writer: values bound as ``ReceivedRow/Value/sqlite`` gives them.
    func upsert(_ rows: [ReceivedRow], ids: [UUID], now: Date, on writer: SQLiteWriter) async throws {
        try await writer.run { connection in
            let upsert = try connection.statement(Self.sqliteUpsert)
            defer { upsert.reset() }
            for (row, id) in zip(rows, ids) {
                upsert.reset()
                for (index, value) in row.values(id: id, now: now).enumerated() { try upsert.bind(Int32(index + 1), value.sqlite) }
                _ = try upsert.step()
            }
        }
    }
}
