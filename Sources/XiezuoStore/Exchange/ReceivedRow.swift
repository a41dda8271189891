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
    /// The key that recognises the same job on several platforms (computed while the page is checked).
    var duplicateKey: String
    var seq: Int64

    /// The key of a checked posting.
    static func duplicateKey(of content: Content) -> String {
        JobText.duplicateKey(creditCode: content.creditCode, title: content.0.title, countyCode: content.0.countyCode,
                             wageMin: content.0.wageMin, wageMax: content.0.wageMax)
    }

    /// A column value, typed, so neither path has to find out at run time what it is.
    enum Value: Equatable {
        case id(UUID), text(String), integer(Int64), time(Date), null

        /// As SQLiteKit's encoder stores it (ids as upper-case text, times as seconds since 1970).
        var sqlite: SQLiteData {
            switch self {
            case .id(let id): .text(id.uuidString)
            case .text(let text): .text(text)
            case .integer(let value): .integer(Int(value))
            case .time(let date): .float(date.timeIntervalSince1970)
            case .null: .null
            }
        }

        /// As an SQLKit bind (PostgreSQL): ids as `uuid`, times as timestamps.
        var sql: any SQLExpression {
            switch self {
            case .id(let id): SQLBind(id)
            case .text(let text): SQLBind(text)
            case .integer(let value): SQLBind(value)
            case .time(let date): SQLBind(date)
            case .null: SQLLiteral.null
            }
        }

        static func integer(_ value: Int?) -> Value { value.map { .integer(Int64($0)) } ?? .null }
    }

    /// The row's values in `JobPostingRow.insertColumns` order.
    func values(id: UUID, now: Date) -> [Value] {
        let (content, name, creditCode, posted) = content
        return [
            .id(id), .null, .text(name), .text(creditCode), .text(content.title), .text(content.occupationCode),
            .text(content.description), .text(content.countyCode), .integer(content.wageMin), .integer(content.wageMax),
            .text(content.wageType.rawValue), .integer(content.headcount), .text(content.education.rawValue),
            .integer(content.ageMin), .integer(content.ageMax), .text(content.benefits.map(\.rawValue).joined(separator: ",")),
            .text(content.validThrough.description), .text(status.rawValue), .text(origin.platform), .text(origin.id),
            .integer(origin.version), .text(duplicateKey), .time(posted?.noonInChina ?? now), .integer(seq), .time(now), .time(now),
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
                insert.values(row.values(id: id, now: now).map(\.sql))
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
                for value in row.values(id: id, now: now) { binds.append(value.sqlite) }
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
}
