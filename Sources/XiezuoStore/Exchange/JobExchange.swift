import FluentKit
import Foundation
import SQLKit
import XiezuoCore
import XiezuoSQLite

/// One page of the partner change feed.
public struct JobFeedPage: Sendable {
    /// The changes, in change-sequence order.
    public var records: [JobFeedRecord]
    /// The cursor to ask for next (the last record's sequence number, or the request's when empty).
    public var next: Int64
    /// True when more changes follow.
    public var hasMore: Bool
}

/// What a sync did with the records it received.
public struct SyncReport: Sendable, Equatable {
    public var received = 0
    public var created = 0
    public var updated = 0
    public var removed = 0
    /// Skipped records by reason: `own_origin`, `not_newer`, `unknown_removed`, or a validation code with its field.
    public var skipped: [String: Int] = [:]

    /// Creates an empty report.
    public init() {}

    /// Number of skipped records.
    public var skippedTotal: Int { skipped.values.reduce(0, +) }

    /// Adds another report's counts.
    public mutating func add(_ other: SyncReport) {
        received += other.received
        created += other.created
        updated += other.updated
        removed += other.removed
        skipped.merge(other.skipped, uniquingKeysWith: +)
    }
}

/// The job-sharing hub: serves this node's postings as a change feed and applies partners' feeds to local copies.
///
/// Only a posting's origin changes it, so copies never conflict: a received version is applied only when it is
/// newer than the copy held (`origin_version`), which makes every apply idempotent and order-safe.
public struct JobExchange: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database
    let regions: RegionDirectory
    let platform: String
    /// On an SQLite file, the connections that read feed pages (see ``SQLiteReader``); nil reads through `database`.
    let reader: SQLiteReader?
    /// On an SQLite file, the connection that writes received pages (see ``SQLiteWriter``); nil writes through
    /// `database`'s transactions.
    let writer: SQLiteWriter?

    /// Creates the hub for the node `platform`; on SQLite, `reader` reads feed pages and `writer` writes received
    /// pages when given.
    public init(database: any Database, regions: RegionDirectory, platform: String, reader: SQLiteReader? = nil,
                writer: SQLiteWriter? = nil, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.regions = regions
        self.platform = platform
        self.reader = reader
        self.writer = writer
    }

    /// The changes after `after`, at most `limit` of them (every posting this node holds, local or relayed).
    public func feed(after: Int64, limit: Int) async throws -> JobFeedPage {
        let limit = min(max(limit, 1), 5_000)
        let rows: [(posting: JobPosting, changeSeq: Int64)]
        if let reader {
            rows = try await reader.read { try JobPostingRow.changes(after: after, limit: limit + 1, on: $0) }
        } else {
            let sql = database as! any SQLDatabase
            rows = try await JobPostingRow.all(JobPostingRow.select(on: sql).where("change_seq", .greaterThan, after)
                .orderBy("change_seq").limit(limit + 1), on: sql)
        }
        let page = rows.prefix(limit)
        let records = page.map { JobFeedRecord($0.posting, seq: $0.changeSeq, localityName: regions[$0.posting.countyCode]?.name) }
        return JobFeedPage(records: Array(records), next: page.last?.changeSeq ?? after, hasMore: rows.count > limit)
    }

    /// The highest change number of any posting (0 when there is none).
    public func latestChange() async throws -> Int64 {
        try await JobPostingModel.query(on: database).max(\.$changeSeq) ?? 0
    }

    /// Where this node has read up to in `partner`'s feed.
    public func cursor(for partner: String) async throws -> Int64 {
        let sql = database as! any SQLDatabase
        let row = try await sql.raw("SELECT after_seq FROM sync_cursors WHERE partner = \(bind: partner)").first()
        return try row?.decode(column: "after_seq", as: Int64.self) ?? 0
    }

    /// Applies one page of `partner`'s feed and moves the cursor to `next`, all in one transaction: a failure
    /// leaves both the postings and the cursor as they were, so the page is simply fetched again.
    ///
    /// `origins` lists the platforms whose postings this sender may speak for (normally just the sender's own id);
    /// records of other origins are skipped as `not_from_sender`, so a partner cannot withdraw or pin another
    /// platform's postings. Nil accepts every origin (files handed over by an operator, or trusted relays).
    public func apply(_ records: [JobFeedRecord], from partner: String, next: Int64?, origins: Set<String>? = nil,
                      today: Day? = nil, logSkip: (JobFeedRecord, String) -> Void = { _, _ in }) async throws -> SyncReport {
        let today = today ?? clock.today
        return try await apply(check(records, origins: origins, today: today, logSkip: logSkip), from: partner, next: next)
    }

    /// A page's records checked, before anything is written: the newest acceptable version per origin, in the
    /// sender's order, and what was skipped.
    public struct CheckedPage: Sendable {
        var items: [Triaged]
        var report: SyncReport
    }

    /// Checks a page's records without touching the database (the CPU half of ``apply(_:from:next:origins:today:logSkip:)``),
    /// so a sync can check the next page while the previous one is written.
    public func check(_ records: [JobFeedRecord], origins: Set<String>? = nil, today: Day? = nil,
                      logSkip: (JobFeedRecord, String) -> Void = { _, _ in }) -> CheckedPage {
        let today = today ?? clock.today
        let (items, skipped) = triage(records, origins: origins, today: today, logSkip: logSkip)
        var report = skipped
        report.received = records.count
        return CheckedPage(items: items, report: report)
    }

    /// Writes a checked page and moves the cursor to `next`, in one transaction (see
    /// ``apply(_:from:next:origins:today:logSkip:)``).
    public func apply(_ page: CheckedPage, from partner: String, next: Int64?) async throws -> SyncReport {
        try await apply([page], from: partner, next: next)
    }

    /// Writes checked pages, in their order, and moves the cursor to `next`, all in one transaction: a failure
    /// leaves the postings and the cursor as they were. A sync groups pages this way because each commit costs
    /// SQLite the pages of every index it touched, however few rows changed them (a raw insert of these rows ran
    /// 20,000 rows/s committing every 5,000 and 27,700 every 20,000).
    public func apply(_ pages: [CheckedPage], from partner: String, next: Int64?) async throws -> SyncReport {
        let outcome = try await transaction { tx -> SyncReport in
            // The change sequence first: it serialises writers, so the versions read next cannot change under us.
            _ = try await ChangeSequence.next(on: tx)
            var outcome = SyncReport()
            for page in pages { outcome.add(try await write(page, on: tx)) }
            if let next { try await moveCursor(partner, to: next, on: tx) }
            try await AuditRecorder.record([AuditRecorder.Entry(
                by: .system, action: "sync", entity: "job_feed", entityID: partner, regionCode: nil, before: Optional<NoSummary>.none,
                after: ["received": outcome.received, "created": outcome.created, "updated": outcome.updated, "removed": outcome.removed])],
                on: tx)
            return outcome
        }
        var report = SyncReport()
        for page in pages { report.add(page.report) }
        report.created = outcome.created
        report.updated = outcome.updated
        report.removed = outcome.removed
        report.skipped.merge(outcome.skipped, uniquingKeysWith: +)
        return report
    }

    /// Runs `body` in one write transaction: the writer's, or else the database's.
    private func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let writer {
            defer { LocalCommits.add() }
            return try await writer.transaction(body)
        }
        return try await database.writeTransaction { tx in try await body(tx as! any SQLDatabase) }
    }

    /// Writes one checked page inside the caller's transaction; what it created, updated, removed or skipped
    /// (`received` counts the page's records).
    private func write(_ page: CheckedPage, on tx: any SQLDatabase) async throws -> SyncReport {
        let items = page.items
        var outcome = SyncReport()
        outcome.received = page.report.received
        let held = try await heldVersions(of: items.map(\.origin), on: tx)
        // The items to write, by position, and whether a copy is held: in the sender's order, so the copies take
        // their change numbers (and their ids) in the feed's order.
        var writes: [(index: Int, existing: Bool)] = []
        writes.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            if let version = held[item.key] {
                if version >= item.origin.version { outcome.skipped["not_newer", default: 0] += 1; continue }
                writes.append((index, true))
            } else if item.rejected {
                continue
            } else if item.status.isRemoval {
                outcome.skipped["unknown_removed", default: 0] += 1
            } else {
                writes.append((index, false))
            }
        }
        guard !writes.isEmpty else { return outcome }
        let numbers = Array(try await ChangeSequence.reserve(writes.count, on: tx))
        var rows: [ReceivedRow] = []
        rows.reserveCapacity(writes.count)
        for (write, seq) in zip(writes, numbers) {
            let item = items[write.index]
            if item.status.isRemoval {
                try await markRemoved(item.origin, status: item.status, seq: seq, on: tx)
                outcome.removed += 1
            } else {
                guard let content = item.content, let key = item.duplicateKey else { continue }
                rows.append(ReceivedRow(origin: item.origin, status: item.status, content: content, duplicateKey: key, seq: seq))
                if write.existing { outcome.updated += 1 } else { outcome.created += 1 }
            }
        }
        try await upsert(rows, on: tx)
        return outcome
    }

    /// A record that passed the checks, with its checked content (nil for a tombstone).
    struct Triaged: Sendable {
        /// `platform \u{1F} id` of the origin.
        var key: String
        var origin: JobOrigin
        var status: JobStatus
        /// The record's change number in the sender's feed (0 when it has none).
        var seq: Int64
        /// Where the record is in its page (a record is copied into the triage only when it is logged).
        var index: Int
        var content: ReceivedRow.Content?
        /// The content's duplicate key, computed here rather than while the page is written.
        var duplicateKey: String?
        /// The record failed its checks; it only withdraws an older copy held here.
        var rejected = false
    }

    /// Checks each record and keeps the newest version per origin, ordered by the sender's change numbers; the rest
    /// are counted as skipped with a reason.
    func triage(_ records: [JobFeedRecord], origins: Set<String>?, today: Day, logSkip: (JobFeedRecord, String) -> Void)
        -> ([Triaged], SyncReport) {
        var report = SyncReport()
        // Every origin's newest version so far, by position in `kept`; a superseded one leaves a hole.
        var kept: [Triaged?] = []
        kept.reserveCapacity(records.count)
        var latest: [String: Int] = [:]
        latest.reserveCapacity(records.count)
        func keep(_ item: Triaged) {
            if let old = latest[item.key] { kept[old] = nil }
            latest[item.key] = kept.count
            kept.append(item)
        }
        func held(_ key: String) -> Triaged? { latest[key].flatMap { kept[$0] } }
        for (index, record) in records.enumerated() {
            var reason: String?
            switch Self.check(record, platform: platform, regions: regions, today: today) {
            case .failure(let error):
                reason = [error.code, error.field].compactMap { $0 }.joined(separator: ":")
                // A newer version this node cannot accept still says the copy held here is out of date: it is
                // withdrawn here rather than left advertising the old content.
                if let origin = try? record.checkedOrigin(), origin.platform != platform,
                   origins?.contains(origin.platform) ?? true {
                    let key = origin.platform + "\u{1F}" + origin.id
                    if (held(key)?.origin.version ?? 0) < origin.version {
                        keep(Triaged(key: key, origin: origin, status: .withdrawn, seq: record.seq ?? 0, index: index, content: nil,
                                     rejected: true))
                    }
                }
            case .success(let (origin, status, content)):
                let key = origin.platform + "\u{1F}" + origin.id
                if origin.platform == platform {
                    reason = "own_origin"
                } else if let origins, !origins.contains(origin.platform) {
                    reason = "not_from_sender"
                } else if let held = held(key), held.origin.version >= origin.version {
                    reason = "not_newer"
                } else {
                    if let held = held(key) {
                        report.skipped["superseded", default: 0] += 1
                        logSkip(records[held.index], "superseded")
                    }
                    keep(Triaged(key: key, origin: origin, status: status, seq: record.seq ?? 0, index: index, content: content,
                                 duplicateKey: content.map(ReceivedRow.duplicateKey)))
                }
            }
            if let reason {
                report.skipped[reason, default: 0] += 1
                logSkip(record, reason)
            }
        }
        // Senders page in change order, so this is usually sorted already; the position breaks ties.
        var items = kept.compactMap { $0 }
        if items.count > 1, (1..<items.count).contains(where: { (items[$0].seq, items[$0].index) < (items[$0 - 1].seq, items[$0 - 1].index) }) {
            items.sort { ($0.seq, $0.index) < ($1.seq, $1.index) }
        }
        return (items, report)
    }

    static func check(_ record: JobFeedRecord, platform: String, regions: RegionDirectory,
                      today: Day) -> Result<(JobOrigin, JobStatus, ReceivedRow.Content?), DomainError> {
        do throws(DomainError) {
            let origin = try record.checkedOrigin()
            if origin.platform == platform { return .success((origin, .withdrawn, nil)) }
            let status = try record.checkedStatus()
            let content = status.isRemoval ? nil : try record.checkedContent(in: regions, today: today)
            return .success((origin, status, content))
        } catch {
            return .failure(error)
        }
    }

    /// The origin versions held for these origins, keyed `platform \u{1F} id`.
    func heldVersions(of origins: [JobOrigin], on sql: any SQLDatabase) async throws -> [String: Int64] {
        if let writer = SQLiteWriter.owning(sql) { return try await heldVersions(of: origins, on: writer) }
        var held: [String: Int64] = [:]
        for (platform, group) in Dictionary(grouping: origins, by: \.platform) {
            for start in stride(from: 0, to: group.count, by: 500) {
                let ids = group[start..<min(start + 500, group.count)].map { SQLBind($0.id) }
                let rows = try await sql.select().column("origin_id").column("origin_version").from("job_postings")
                    .where("origin_platform", .equal, SQLBind(platform))
                    .where("origin_id", .in, SQLGroupExpression(SQLList(ids))).all()
                for row in rows {
                    let id = try row.decode(column: "origin_id", as: String.self)
                    held[platform + "\u{1F}" + id] = try row.decode(column: "origin_version", as: Int64.self)
                }
            }
        }
        return held
    }

    func markRemoved(_ origin: JobOrigin, status: JobStatus, seq: Int64, on sql: any SQLDatabase) async throws {
        try await sql.update("job_postings")
            .set("status", to: status.rawValue).set("origin_version", to: origin.version).set("change_seq", to: seq)
            .set("updated_at", to: Date())
            .where("origin_platform", .equal, origin.platform).where("origin_id", .equal, origin.id)
            .where("origin_version", .lessThan, origin.version).run()
    }

    func moveCursor(_ partner: String, to next: Int64, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "sync_cursors").columns("partner", "after_seq", "updated_at")
            .values(SQLBind(partner), SQLBind(next), SQLBind(Date()))
            .onConflict(with: ["partner"]) { $0.set(excludedValueOf: "after_seq").set(excludedValueOf: "updated_at") }
            .run()
    }
}
