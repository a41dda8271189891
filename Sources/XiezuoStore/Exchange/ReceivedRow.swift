import FluentKit
import Foundation
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
}

extension JobExchange {
    /// Writes received postings in multi-row statements: new ones inserted, held ones replaced when the incoming
    /// version is newer (the `WHERE` keeps a stale version from ever overwriting a newer copy).
    func upsert(_ rows: [ReceivedRow], on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let now = Date()
        // Time-ordered ids: new rows go to the end of the primary key's index (a held row keeps its id).
        let ids = UUID.timeOrdered(rows.count, at: now)
        for start in stride(from: 0, to: rows.count, by: 400) {
            let insert = sql.insert(into: "job_postings").columns(JobPostingRow.insertColumns)
            for (row, id) in zip(rows[start..<min(start + 400, rows.count)], ids[start...]) {
                let (content, name, creditCode, posted) = row.content
                let postedAt = posted?.noonInChina ?? now
                let values: [any SQLExpression] = [
                    SQLBind(id), SQLLiteral.null, SQLBind(name), SQLBind(creditCode), SQLBind(content.title), SQLBind(content.occupationCode),
                    SQLBind(content.description), SQLBind(content.countyCode), SQLBind(content.wageMin), SQLBind(content.wageMax),
                    SQLBind(content.wageType.rawValue), SQLBind(content.headcount), SQLBind(content.education.rawValue),
                    SQLBind(content.ageMin), SQLBind(content.ageMax),
                    SQLBind(content.benefits.map(\.rawValue).joined(separator: ",")), SQLBind(content.validThrough.description),
                    SQLBind(row.status.rawValue), SQLBind(row.origin.platform), SQLBind(row.origin.id), SQLBind(row.origin.version),
                    SQLBind(JobText.duplicateKey(creditCode: creditCode, title: content.title, countyCode: content.countyCode,
                                                 wageMin: content.wageMin, wageMax: content.wageMax)),
                    SQLBind(postedAt), SQLBind(row.seq), SQLBind(now), SQLBind(now),
                ]
                insert.values(values)
            }
            try await insert.onConflict(with: ["origin_platform", "origin_id"]) { update in
                var update = update
                for column in JobPostingRow.insertColumns where !["id", "origin_platform", "origin_id", "created_at"].contains(column) {
                    update = update.set(excludedValueOf: column)
                }
                return update.where(SQLColumn("origin_version", table: "job_postings"), .lessThan, SQLColumn("origin_version", table: "excluded"))
            }.run()
        }
    }
}
