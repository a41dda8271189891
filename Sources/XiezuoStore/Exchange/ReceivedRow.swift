import FluentKit
import Foundation
import SQLKit
import XiezuoCore
import XiezuoSQLite

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

    /// The row's values in insert order (every ``JobPostingColumn``). A received copy has no local employer and no
    /// contact person (neither travels in the feed). One pass with the content taken apart once: this runs on the
    /// writer's thread for every received posting.
    func values(id: UUID, now: Date) -> [Value] {
        let (content, name, creditCode, posted) = content
        var values: [Value] = []
        values.reserveCapacity(JobPostingColumn.all.count)
        for column in JobPostingColumn.all {
            let value: Value = switch column {
            case .id: .id(id)
            case .employerID, .contactPerson: .null
            case .employerName: .text(name)
            case .employerCreditCode: .text(creditCode)
            case .title: .text(content.title)
            case .occupationCode: .text(content.occupationCode)
            case .description: .text(content.description)
            case .countyCode: .text(content.countyCode)
            case .wageMin: .integer(content.wageMin)
            case .wageMax: .integer(content.wageMax)
            case .wageType: .text(content.wageType.rawValue)
            case .headcount: .integer(content.headcount)
            case .education: .text(content.education.rawValue)
            case .ageMin: .integer(content.ageMin)
            case .ageMax: .integer(content.ageMax)
            case .benefits: .text(content.benefits.map(\.rawValue).joined(separator: ","))
            case .validThrough: .text(content.validThrough.description)
            case .status: .text(status.rawValue)
            case .originPlatform: .text(origin.platform)
            case .originID: .text(origin.id)
            case .originVersion: .integer(origin.version)
            case .duplicateKey: .text(duplicateKey)
            case .postedAt: .time(posted?.noonInChina ?? now)
            case .changeSeq: .integer(seq)
            case .createdAt, .updatedAt: .time(now)
            }
            values.append(value)
        }
        return values
    }
}

extension JobExchange {
    /// Columns a newer received version replaces (``JobPostingColumn/isReplacedByNewerVersion``).
    static let replacedColumns = JobPostingColumn.replacedNames

    /// Writes received postings: new ones inserted, held ones replaced when the incoming version is newer (the
    /// `WHERE` keeps a stale version from ever overwriting a newer copy). Through the SQLite writer one row a
    /// statement (see ``sqliteUpsert``), elsewhere 400 rows a statement.
    func upsert(_ rows: [ReceivedRow], on sql: any SQLDatabase) async throws {
        let now = Date()
        // Time-ordered ids: new rows go to the end of the primary key's index (a held row keeps its id).
        let ids = UUID.timeOrdered(rows.count, at: now)
        if let writer = SQLiteWriter.owning(sql) {
            try await upsert(rows, ids: ids, now: now, on: writer)
            return
        }
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
}
