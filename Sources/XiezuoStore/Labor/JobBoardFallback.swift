import Foundation
import SQLKit
import XiezuoCore
import XiezuoSQLite

/// The job board's search answered by the database, while the in-memory index is first being built: the same
/// filters and words (a word matches the title, the description or an occupation it names), newest first or by
/// wage, each duplicate group once. Slower than the index over many postings (each word a scan), but a start never
/// makes a visitor wait for the build.
enum JobBoardFallback {
    ///
    /// On an SQLite file the statements run on `reader` (the index's scanning reader: no memory map), so a scan of a
    /// million postings does not leave the whole file mapped into the server's resident memory.
    static func search(_ query: JobQuery, today: Day, offset: Int, limit: Int, on sql: any SQLDatabase,
                       reader: SQLiteReader? = nil) async throws -> JobSearchIndex.Hits {
        func all(_ select: SQLSelectBuilder) async throws -> [any SQLRow] {
            if let reader { return try await SQLiteDirect.rows(select, serialisedBy: sql, on: reader) }
            return try await select.all()
        }
        func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
            var select = select.where("status", .equal, SQLBind(JobStatus.open.rawValue)).where("valid_through", .greaterThanOrEqual, SQLBind(today.description))
            if let region = query.region { select = select.where("county_code", .like, SQLBind(region + "%")) }
            if let occupation = query.occupation { select = select.where("occupation_code", .like, SQLBind(occupation + "%")) }
            if let wage = query.wageMin { select = select.where(SQLRaw("COALESCE(wage_min, wage_max)"), .greaterThanOrEqual, SQLBind(wage)) }
            for benefit in query.benefits {
                select = select.where(SQLRaw("(',' || benefits || ',')"), .like, SQLBind("%," + benefit.rawValue + ",%"))
            }
            for word in query.text.split(whereSeparator: \.isWhitespace).map(String.init) {
                let pattern = "%" + word.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
                let codes = OccupationCatalogue.codes(matching: word)
                select = select.where(group: { group in
                    var group = group.where("title", .like, SQLBind(pattern)).orWhere("description", .like, SQLBind(pattern))
                    for code in codes.prefix(50) { group = group.orWhere("occupation_code", .like, SQLBind(code + "%")) }
                    return group
                })
            }
            return select
        }
        // Each duplicate group once: its newest posting (or best paid) stands for it.
        let total = try await all(filtered(sql.select().column(SQLRaw("COUNT(DISTINCT duplicate_key)"), as: "n").from("job_postings")))
            .first?.decode(column: "n", as: Int.self) ?? 0
        let order = query.sort == .wage ? "MAX(wage_max)" : "MAX(posted_at)"
        let rows = try await all(filtered(sql.select().column("duplicate_key").column(SQLRaw(order), as: "rank").from("job_postings"))
            .groupBy("duplicate_key").orderBy(SQLOrderBy(expression: SQLRaw("rank"), direction: SQLDirection.descending)).orderBy("duplicate_key")
            .limit(limit).offset(offset))
        let keys = try rows.map { try $0.decode(column: "duplicate_key", as: String.self) }
        guard !keys.isEmpty else { return JobSearchIndex.Hits(ids: [], total: total) }
        let members = try await all(filtered(sql.select().column("id").column("duplicate_key").column("posted_at").column("wage_max").from("job_postings"))
            .where("duplicate_key", .in, SQLBind.group(keys)))
        var best: [String: (id: UUID, rank: Double)] = [:]
        for row in members {
            let key = try row.decode(column: "duplicate_key", as: String.self)
            let rank = query.sort == .wage ? Double(try row.decode(column: "wage_max", as: Int64.self))
                : try row.decode(column: "posted_at", as: Date.self).timeIntervalSince1970
            let id = try row.decode(column: "id", as: UUID.self)
            if best[key].map({ rank > $0.rank }) ?? true { best[key] = (id, rank) }
        }
        return JobSearchIndex.Hits(ids: keys.compactMap { best[$0]?.id }, total: total)
    }
}
