import FluentKit
import SQLKit
import Foundation
import Synchronization
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
    /// Whether the first build has finished, and whether one is under way; read without entering the actor, so a
    /// search never queues behind a build.
    private struct Readiness { var ready = false; var building = false }
    private nonisolated let readiness = Mutex(Readiness())

    /// True once the index has been built (it then only catches up with the changes since).
    public nonisolated var isReady: Bool { readiness.withLock { $0.ready } }

    /// The index brought up to date, or nil while it is first being built. The call that finds no index builds
    /// the first 20,000 postings itself (a small board is ready at once) and leaves the rest to a build in the
    /// background; meanwhile callers answer from the database (``JobBoard``), so no request waits for a build (a
    /// million postings take the better part of a minute).
    public nonisolated func readyIndex(on database: any Database, today: Day) async throws -> JobSearchIndex? {
        let start = readiness.withLock { state -> Bool in
            guard !state.ready, !state.building else { return false }
            state.building = true
            return true
        }
        if start {
            let built: JobSearchIndex?
            do {
                built = try await current(on: database, today: today, budget: Self.firstBatch)
            } catch {
                readiness.withLock { $0.building = false }
                throw error
            }
            if let built {
                readiness.withLock { $0.building = false }
                return built
            }
            Task {
                do {
                    let started = DispatchTime.now().uptimeNanoseconds
                    let built = try await self.current(on: database, today: today)
                    database.logger.info("job index ready: \(built.count) open postings, built in \((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000) ms")
                } catch {
                    database.logger.error("building the job index failed: \(error)")
                }
                self.readiness.withLock { $0.building = false }
            }
            return nil
        }
        guard isReady else { return nil }
        return try await current(on: database, today: today)
    }

    /// Rows a search reads into a missing index before it answers from the database instead.
    static let firstBatch = 20_000

    /// An empty index; it fills on first use.
    public init() {}

    /// The index brought up to date with `database`.
    public func current(on database: any Database, today: Day) async throws -> JobSearchIndex {
        try await current(on: database, today: today, budget: nil)!
    }

    /// The index brought up to date, reading at most `budget` rows (all with nil); nil once it has read that many
    /// (what was read stays in the index: the next call goes on from there).
    func current(on database: any Database, today: Day, budget: Int?) async throws -> JobSearchIndex? {
        var read = 0
        if index.needsCompaction || index.numbered >= JobSearchIndex.maxDocuments { reset() }
        let sql = database as! any SQLDatabase
        while true {
            // Past the budget the caller answers without the index; what was read stays in it.
            if let budget, read >= budget { return nil }
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
            if rows.isEmpty {
                readiness.withLock { $0.ready = true }
                break
            }
            read += rows.count
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
        readiness.withLock { $0.ready = false }
    }
}
