import FluentKit
import SQLKit
import Foundation
import Synchronization
import XiezuoCore
import XiezuoSQLite
#if canImport(Glibc)
import Glibc
#endif

/// Keeps one in-memory ``JobSearchIndex`` of open postings current from the change sequence.
///
/// Before each search it reads the rows whose `change_seq` is past the last one it saw (one indexed query that
/// usually returns nothing), so writes from this server, from `xiezuo sync` in another process and from partner
/// syncs all show up at the next search, on SQLite and PostgreSQL alike.
public actor JobSearch {
    private var index = JobSearchIndex()
    private var seenSeq: Int64 = 0
    /// Bumped by ``reset()`` and when a compacted index is put in place, so a refresh in flight knows its rows
    /// belong to a discarded index.
    private var generation = 0
    /// Whether the first build has finished, and whether one is under way; read without entering the actor, so a
    /// search never queues behind a build.
    private struct Readiness {
        var ready = false
        var building = false
        /// Searches answered by the database meanwhile, to be told when the index is ready (or its build stopped).
        var waiting: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0

        /// Sets `building` (and `ready`), and hands back the waiters to resume once either is done.
        mutating func set(building: Bool, ready: Bool? = nil) -> [CheckedContinuation<Void, Never>] {
            self.building = building
            if let ready { self.ready = ready }
            guard self.ready || !building else { return [] }
            defer { waiting = [:] }
            return Array(waiting.values)
        }
    }
    private nonisolated let readiness = Mutex(Readiness())

    /// True once the index has been built (it then only catches up with the changes since).
    public nonisolated var isReady: Bool { readiness.withLock { $0.ready } }

    /// The index brought up to date, or nil while it is first being built. The call that finds no index builds
    /// the first 20,000 postings itself (a small board is ready at once) and leaves the rest to a build in the
    /// background; meanwhile callers answer from the database (``JobBoard``), so no request waits for a build (a
    /// million postings take about five seconds).
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
                readiness.withLock { $0.set(building: false) }.forEach { $0.resume() }
                throw error
            }
            if let built {
                readiness.withLock { $0.set(building: false) }.forEach { $0.resume() }
                return built
            }
            Task {
                do {
                    let started = DispatchTime.now().uptimeNanoseconds
                    let built = try await self.current(on: database, today: today)
                    let footprint = built.footprint
                    database.logger.info("""
                        job index ready: \(built.count) open postings, built in \((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000) ms \
                        (\(footprint.terms) terms, \(footprint.postingBytes / 1_048_576) MB of posting lists)
                        """)
                } catch {
                    database.logger.error("building the job index failed: \(error)")
                }
                self.readiness.withLock { $0.set(building: false) }.forEach { $0.resume() }
            }
            return nil
        }
        guard isReady else { return nil }
        return try await current(on: database, today: today)
    }

    /// Returns once the index is ready, or when no build is under way (it failed), or when the task is cancelled.
    public nonisolated func waitUntilReady() async {
        let id = readiness.withLock { state -> Int? in
            guard !state.ready, state.building else { return nil }
            state.nextWaiter += 1
            return state.nextWaiter
        }
        guard let id else { return }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = readiness.withLock { state -> Bool in
                    guard !state.ready, state.building, !Task.isCancelled else { return true }
                    state.waiting[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            readiness.withLock { $0.waiting.removeValue(forKey: id) }?.resume()
        }
    }

    /// Rows a search reads into a missing index before it answers from the database instead.
    static let firstBatch = 20_000

    /// On an SQLite file, the connection the index reads through and the one the database's searches meanwhile run
    /// on (each ``SQLiteReader/scanning(path:)``, a thread of its own, so a burst of such searches at a start never
    /// holds up the build); nil reads through the database it is given.
    private nonisolated let readers = Mutex<(build: SQLiteReader, search: SQLiteReader)?>(nil)

    /// An empty index; it fills on first use.
    public init() {}

    /// Reads an SQLite file's postings through scanning readers of its own from now on; ``close()`` closes them.
    public nonisolated func scan(path: String) {
        readers.withLock { $0 = (.scanning(path: path), .scanning(path: path)) }
    }

    /// The reader of the database's searches while the index is built (nil: the database itself).
    public nonisolated var searchReader: SQLiteReader? { readers.withLock { $0?.search } }

    /// Closes the readers (at shutdown).
    public nonisolated func close() async {
        guard let readers = readers.withLock({ $0 }) else { return }
        await readers.build.close()
        await readers.search.close()
    }

    /// The index brought up to date with `database`.
    public func current(on database: any Database, today: Day) async throws -> JobSearchIndex {
        try await current(on: database, today: today, budget: nil)!
    }

    /// The index brought up to date, reading at most `budget` rows (all with nil); nil once it has read that many
    /// (what was read stays in the index: the next call goes on from there).
    func current(on database: any Database, today: Day, budget: Int?) async throws -> JobSearchIndex? {
        var read = 0
        if index.numbered >= JobSearchIndex.maxDocuments {
            reset()
        } else if index.needsCompaction, isReady, compaction == nil {
            startCompaction(on: database, today: today)
        }
        let reader = readers.withLock { $0?.build }
        let wasReady = isReady
        // While the index applies one batch, the next is read (on the reader's thread, or the database's).
        var next: (from: Int64, rows: Task<[Change], any Error>)?
        defer { next?.rows.cancel() }
        while true {
            // Past the budget the caller answers without the index; what was read stays in it.
            if let budget, read >= budget { return nil }
            // Another refresh may run while this one waits for the database (actors re-enter at `await`); rows
            // read from an older position are dropped and read again, so a stale row never overwrites a newer one.
            let from = seenSeq
            let generation = self.generation
            let rows: [Change]
            if let prefetched = next, prefetched.from == from {
                rows = try await prefetched.rows.value
            } else {
                rows = try await Self.changes(after: from, today: today, on: database, reader: reader)
            }
            next = nil
            guard seenSeq == from, self.generation == generation else { continue }
            guard let last = rows.last else {
                readiness.withLock { $0.set(building: $0.building, ready: true) }.forEach { $0.resume() }
                break
            }
            read += rows.count
            if index.numbered + rows.count >= JobSearchIndex.maxDocuments {
                reset()
                continue
            }
            if rows.count == Self.batch, budget == nil {
                next = (last.seq, Task { try await Self.changes(after: last.seq, today: today, on: database, reader: reader) })
            }
            for row in rows {
                if let entry = row.entry { index.upsert(entry) } else { index.remove(row.id) }
                seenSeq = max(seenSeq, row.seq)
            }
        }
        if !wasReady {
            // A bulk build leaves its lists with room to grow and the allocator with the batches' freed memory.
            index.shrink()
            Self.returnFreedMemory()
        }
        return index
    }

    /// Rows read at a time.
    static let batch = 20_000

    /// A changed posting: its entry when it is open on `today`, nil when it left the board.
    struct Change: Sendable {
        var id: UUID
        var seq: Int64
        var entry: JobSearchIndex.Entry?
    }

    /// The columns the index needs, in the order ``change(_:today:)`` reads them.
    static let columns = ["id", "title", "description", "county_code", "occupation_code", "wage_min", "wage_max", "benefits",
                          "valid_through", "status", "posted_at", "duplicate_key", "change_seq"]
    static let changesSQL = "SELECT " + columns.map { "\"\($0)\"" }.joined(separator: ", ")
        + " FROM \"job_postings\" WHERE \"change_seq\" > ?1 ORDER BY \"change_seq\" LIMIT ?2"

    /// The next batch of postings changed after `after`, in change order: on an SQLite file through `reader`'s
    /// connection (a kept statement, columns by position), otherwise through `database`.
    static func changes(after: Int64, today: Day, on database: any Database, reader: SQLiteReader?) async throws -> [Change] {
        if let reader {
            return try await reader.read { connection in
                let statement = try connection.statement(changesSQL)
                defer { statement.reset() }
                try statement.bind(1, int64: after)
                try statement.bind(2, int64: Int64(batch))
                var rows: [Change] = []
                rows.reserveCapacity(batch)
                while try statement.step() { rows.append(try change(statement, today: today)) }
                return rows
            }
        }
        // Plain SQL and only the indexed columns: building the index over a million postings reads them all.
        return try await (database as! any SQLDatabase).select().columns(columns.map { SQLColumn($0) }).from("job_postings")
            .where("change_seq", .greaterThan, after).orderBy("change_seq").limit(batch).all()
            .map { try change(SQLRowColumns(row: $0, names: columns), today: today) }
    }

    /// The change in a row of ``columns``.
    static func change(_ row: some ColumnReader, today: Day) throws -> Change {
        let id = try row.uuid(0)
        let seq = try row.int64(12)
        guard try row.text(9) == JobStatus.open.rawValue, let day = Day(try row.text(8)), !(day < today) else {
            return Change(id: id, seq: seq, entry: nil)
        }
        return Change(id: id, seq: seq, entry: JobSearchIndex.Entry(
            id: id, title: try row.text(1), description: try row.text(2), countyCode: try row.text(3), occupationCode: try row.text(4),
            wageMax: try row.int64(6), wageMin: try row.int64(5), benefits: JobPostingModel.benefits(try row.text(7)),
            validThrough: day, postedAt: try row.date(10), duplicateKey: try row.text(11)))
    }

    /// Hands the allocator's free memory back to the system (glibc keeps what a thread freed in its arena):
    /// glibc's `malloc_trim`, looked up at run time (its header is not in Swift's Glibc module; other C libraries
    /// lack it).
    static func returnFreedMemory() {
        #if os(Linux)
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        #endif
    }

    /// A compacted index being built beside the one in use.
    private var compaction: Task<Void, Never>?

    /// Builds a fresh index beside the one in use (more than half of whose numbers are dead: postings changed or
    /// gone) and puts it in place when done; searches go on with the old one meanwhile, so none waits for it.
    private func startCompaction(on database: any Database, today: Day) {
        let generation = self.generation
        let reader = readers.withLock { $0?.build }
        compaction = Task.detached {
            do {
                let (fresh, seq) = try await Self.build(on: database, today: today, reader: reader)
                await self.install(fresh, seenSeq: seq, ifStill: generation)
            } catch {
                database.logger.error("compacting the job index failed: \(error)")
                await self.install(nil, seenSeq: 0, ifStill: generation)
            }
        }
    }

    /// A whole index read from the database, and the last change it holds.
    static func build(on database: any Database, today: Day, reader: SQLiteReader?) async throws -> (JobSearchIndex, Int64) {
        var fresh = JobSearchIndex()
        var seq: Int64 = 0
        while true {
            let rows = try await changes(after: seq, today: today, on: database, reader: reader)
            guard let last = rows.last else { break }
            for row in rows {
                if let entry = row.entry { fresh.upsert(entry) } else { fresh.remove(row.id) }
            }
            seq = last.seq
        }
        fresh.shrink()
        return (fresh, seq)
    }

    /// Puts a compacted index in place, unless the index was reset meanwhile; the next refresh catches it up with
    /// the changes made during its build (and refreshes under way read again).
    private func install(_ fresh: JobSearchIndex?, seenSeq seq: Int64, ifStill generation: Int) {
        compaction = nil
        guard let fresh, generation == self.generation else { return }
        index = fresh
        seenSeq = seq
        self.generation += 1
        Self.returnFreedMemory()
    }

    /// Waits for a compaction under way (tests).
    func compacted() async { await compaction?.value }

    /// Forgets everything, so the next search rebuilds from the database (after a restore or a bulk load).
    public func reset() {
        index = JobSearchIndex()
        seenSeq = 0
        generation += 1
        readiness.withLock { $0.ready = false }
    }
}
