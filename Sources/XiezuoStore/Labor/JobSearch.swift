import FluentKit
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

    /// An empty index; it fills on first use.
    public init() {}

    /// The index brought up to date with `database`.
    public func current(on database: any Database, today: Day) async throws -> JobSearchIndex {
        if index.needsCompaction { reset() }
        while true {
            let rows = try await JobPostingModel.query(on: database).filter(\.$changeSeq > seenSeq)
                .sort(\.$changeSeq).limit(20_000).all()
            if rows.isEmpty { break }
            for row in rows {
                if row.status == JobStatus.open.rawValue, let day = Day(row.validThrough), !(day < today) {
                    index.upsert(JobSearchIndex.Entry(id: row.id!, title: row.title, description: row.description,
                                                      countyCode: row.countyCode, occupationCode: row.occupationCode,
                                                      wageMax: row.wageMax, benefits: JobPostingModel.benefits(row.benefits),
                                                      validThrough: day, postedAt: row.postedAt, duplicateKey: row.duplicateKey))
                } else {
                    index.remove(row.id!)
                }
                seenSeq = max(seenSeq, row.changeSeq)
            }
        }
        return index
    }

    /// Forgets everything, so the next search rebuilds from the database (after a restore or a bulk load).
    public func reset() {
        index = JobSearchIndex()
        seenSeq = 0
    }
}
