import FluentKit
import SQLKit
import Foundation
import XiezuoCore

/// Keeps one in-memory ``JobSearchIndex`` of open postings current from the change sequence.
///
/// Before each search it reads the rows whose `change_seq` is past the last one it saw (one indexed query that
/// usually returns nothing), so writes from this server, from `xiezuo sync` in another process and from partner
/// syncs all show up at the next search, on SQLite and PostgreSQL alike.
public actor JobSearch {
    private var index = JobSearchIndex()
    private var seenSeq: Int64 = 0
    /// Bumped by ``reset()`` so a refresh in flight knows its rows belong to a discarded index.
    private var generation = 0

    /// An empty index; it fills on first use.
    public init() {}

    /// The index brought up to date with `database`.
    public func current(on database: any Database, today: Day) async throws -> JobSearchIndex {
        if index.needsCompaction || index.numbered >= JobSearchIndex.maxDocuments { reset() }
        let sql = database as! any SQLDatabase
        while true {
            // Another refresh may run while this one waits for the database (actors re-enter at `await`); rows
            // read from an older position are dropped and read again, so a stale row never overwrites a newer one.
            let from = seenSeq
            let generation = self.generation
            // Plain SQL and only the indexed columns: building the index over a million postings reads them all.
            let rows = try await sql.select()
                .columns("id", "title", "description", "county_code", "occupation_code", "wage_min", "wage_max", "benefits",
                         "valid_through", "status", "posted_at", "duplicate_key", "change_seq")
                .from("job_postings").where("change_seq", .greaterThan, from).orderBy("change_seq").limit(20_000).all()
            guard seenSeq == from, self.generation == generation else { continue }
            if rows.isEmpty { break }
            if index.numbered + rows.count >= JobSearchIndex.maxDocuments {
                reset()
                continue
            }
            for row in rows {
                let id = try row.decode(column: "id", as: UUID.self)
                let status = try row.decode(column: "status", as: String.self)
                if status == JobStatus.open.rawValue, let day = Day(try row.decode(column: "valid_through", as: String.self)), !(day < today) {
                    index.upsert(JobSearchIndex.Entry(
                        id: id, title: try row.decode(column: "title", as: String.self),
                        description: try row.decode(column: "description", as: String.self),
                        countyCode: try row.decode(column: "county_code", as: String.self),
                        occupationCode: try row.decode(column: "occupation_code", as: String.self),
                        wageMax: try row.decode(column: "wage_max", as: Int64.self),
                        wageMin: try row.decode(column: "wage_min", as: Int64.self),
                        benefits: JobPostingModel.benefits(try row.decode(column: "benefits", as: String.self)),
                        validThrough: day, postedAt: try row.decode(column: "posted_at", as: Date.self),
                        duplicateKey: try row.decode(column: "duplicate_key", as: String.self)))
                } else {
                    index.remove(id)
                }
                seenSeq = max(seenSeq, try row.decode(column: "change_seq", as: Int64.self))
            }
        }
        return index
    }

    /// Forgets everything, so the next search rebuilds from the database (after a restore or a bulk load).
    public func reset() {
        index = JobSearchIndex()
        seenSeq = 0
        generation += 1
    }
}
