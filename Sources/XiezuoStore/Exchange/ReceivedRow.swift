import FluentKit
import Foundation
import SQLiteKit
import SQLKit
import XiezuoCore

/// A checked posting from a partner, ready to be written.
struct ReceivedRow {
    /// The checked fields of a received posting: its content, employer name and credit code, and posting day.
    typealias Content = (JobDraft.Checked, name: String, creditCode: String, posted: Day?)

    var origin: JobOrigin
    var status: JobStatus
    var content: Content
    var seq: Int64

    /// The row's values in `JobPostingRow.insertColumns` order, as plain values that both the SQLite path and
    /// SQLKit's binds can take (`nil` for SQL NULL).
    func values(id: UUID, now: Date) -> [(any Encodable & Sendable)?] {
        let (content, name, creditCode, posted) = content
        return [
            id, nil, name, creditCode, content.title, content.occupationCode, content.description, content.countyCode,
            content.wageMin, content.wageMax, content.wageType.rawValue, content.headcount, content.education.rawValue,
            content.ageMin, content.ageMax, content.benefits.map(\.rawValue).joined(separator: ","),
            content.validThrough.description, status.rawValue, origin.platform, origin.id, origin.version,
            JobText.duplicateKey(creditCode: creditCode, title: content.title, countyCode: content.countyCode,
                                 wageMin: content.wageMin, wageMax: content.wageMax),
            posted?.noonInChina ?? now, seq, now, now,
        ]
    }
}

extension JobExchange {
    /// Columns a newer received version replaces (all but the local id, the origin and the creation time).
    static let replacedColumns = JobPostingRow.insertColumns.filter { !["id", "origin_platform", "origin_id", "created_at"].contains($0) }

    /// Writes received postings in multi-row statements: new ones inserted, held ones replaced when the incoming
    /// version is newer (the `WHERE` keeps a stale version from ever overwriting a newer copy).
    func upsert(_ rows: [ReceivedRow], on database: any Database) async throws {
        let now = Date()
        // Time-ordered ids: new rows go to the end of the primary key's index (a held row keeps its id).
        let ids = UUID.timeOrdered(rows.count, at: now)
        if let sqlite = database as? any SQLiteDatabase {
            try await upsertSQLite(rows, ids: ids, now: now, on: sqlite)
            return
        }
        let sql = database as! any SQLDatabase
        for start in stride(from: 0, to: rows.count, by: 400) {
            let insert = sql.insert(into: "job_postings").columns(JobPostingRow.insertColumns)
            for (row, id) in zip(rows[start..<min(start + 400, rows.count)], ids[start...]) {
                insert.values(row.values(id: id, now: now).map { value -> any SQLExpression in value.map { SQLBind($0) } ?? SQLLiteral.null })
            }
            try await insert.onConflict(with: ["origin_platform", "origin_id"]) { update in
                var update = update
                for column in Self.replacedColumns { update = update.set(excludedValueOf: column) }
                return update.where(SQLColumn("origin_version", table: "job_postings"), .lessThan, SQLColumn("origin_version", table: "excluded"))
            }.run()
        }
    }

    /// The same statement on SQLite, written as text with SQLite values bound directly: SQLKit's statement tree,
    /// serializer and `Encodable` bind encoder were a fifth of the time a sync spends writing a page.
    private func upsertSQLite(_ rows: [ReceivedRow], ids: [UUID], now: Date, on sqlite: any SQLiteDatabase) async throws {
        let perStatement = 1_000 // 26,000 parameters; SQLite allows 32,766
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let chunk = rows[start..<min(start + perStatement, rows.count)]
            var binds: [SQLiteData] = []
            binds.reserveCapacity(chunk.count * JobPostingRow.insertColumns.count)
            for (row, id) in zip(chunk, ids[start...]) {
                for value in row.values(id: id, now: now) { binds.append(try Self.sqliteData(value)) }
            }
            try await sqlite.query(Self.sqliteUpsert(rows: chunk.count), binds) { _ in }
        }
    }

    /// `INSERT … VALUES (?, …), … ON CONFLICT … DO UPDATE … WHERE newer` for `rows` rows.
    static func sqliteUpsert(rows: Int) -> String {
        let columns = JobPostingRow.insertColumns.map { "\"\($0)\"" }.joined(separator: ", ")
        let tuple = "(" + Array(repeating: "?", count: JobPostingRow.insertColumns.count).joined(separator: ", ") + ")"
        let updates = replacedColumns.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ", ")
        return "INSERT INTO \"job_postings\" (\(columns)) VALUES " + Array(repeating: tuple, count: rows).joined(separator: ", ")
            + " ON CONFLICT (\"origin_platform\", \"origin_id\") DO UPDATE SET \(updates)"
            + " WHERE \"job_postings\".\"origin_version\" < excluded.\"origin_version\""
    }

    /// A value as SQLiteKit's encoder stores it: ids as upper-case text, times as seconds since 1970; the
    /// common types directly, anything else through the encoder itself.
    static func sqliteData(_ value: (any Encodable & Sendable)?) throws -> SQLiteData {
        switch value {
        case nil: .null
        case let id as UUID: .text(id.uuidString)
        case let convertible as any SQLiteDataConvertible: convertible.sqliteData ?? .null
        case let other?: try SQLiteDataEncoder().encode(other)
        }
    }
}
