import FluentKit
import SQLKit
import Foundation
import XiezuoCore

/// One job on the board: the posting shown and every platform the same job is posted on.
public struct JobListing: Sendable, Equatable {
    public var posting: JobPosting
    public var origins: [JobOrigin]

    /// Creates a listing.
    public init(posting: JobPosting, origins: [JobOrigin]) {
        self.posting = posting
        self.origins = origins
    }
}

/// The public job board: search over the in-memory index, then the page's postings read from the database.
public struct JobBoard: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database
    let search: JobSearch

    /// Creates a board over `database` with the app's shared index.
    public init(database: any Database, search: JobSearch, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.search = search
    }

    /// The answer of `answer`, or of `sooner` if it has one first (nil: it has none); the slower goes on to its end
    /// unheard (a database scan cannot be stopped half-way).
    static func first(_ answer: @escaping @Sendable () async throws -> JobSearchIndex.Hits,
                      or sooner: @escaping @Sendable () async throws -> JobSearchIndex.Hits?) async throws -> JobSearchIndex.Hits {
        let (answers, continuation) = AsyncThrowingStream<JobSearchIndex.Hits?, any Error>.makeStream()
        let tasks = [
            Task {
                do { _ = continuation.yield(try await answer()) } catch { continuation.finish(throwing: error) }
            },
            Task { _ = continuation.yield(try? await sooner()) },
        ]
        defer {
            tasks.forEach { $0.cancel() }
            continuation.finish()
        }
        for try await hits in answers {
            if let hits { return hits }
        }
        throw CancellationError()
    }

    /// One page of open postings matching `query`, each job once however many platforms carry it.
    public func find(_ query: JobQuery, page: Paging, today: Day? = nil) async throws -> Paged<JobListing> {
        let today = today ?? clock.today
        let hits: JobSearchIndex.Hits
        if let index = try await search.readyIndex(on: database, today: today) {
            hits = index.search(query, today: today, offset: page.offset, limit: page.perPage)
        } else {
            // The index is being built (after a start): the same search, answered by the database, unless the build
            // finishes first (over a million postings the database's scans take longer than the rest of a build).
            let (database, search) = (database, self.search)
            hits = try await Self.first(
                { try await JobBoardFallback.search(query, today: today, offset: page.offset, limit: page.perPage,
                                                    on: database as! any SQLDatabase, reader: search.searchReader) },
                or: {
                    await search.waitUntilReady()
                    guard !Task.isCancelled, search.isReady, let index = try await search.readyIndex(on: database, today: today) else { return nil }
                    return index.search(query, today: today, offset: page.offset, limit: page.perPage)
                })
        }
        guard !hits.ids.isEmpty else { return Paged(items: [], total: hits.total, request: page) }
        let sql = database as! any SQLDatabase
        let postings = try await JobPostingRow.all(JobPostingRow.select(on: sql).where("id", .in, SQLBind.group(hits.ids)), on: sql)
            .map(\.posting)
        let originsByKey = try await JobPostingRow.openOrigins(of: Array(Set(postings.map(\.duplicateKey))), on: sql)
        let byID = Dictionary(uniqueKeysWithValues: postings.map { ($0.id, $0) })
        let listings = hits.ids.compactMap { id -> JobListing? in
            // The index may lag a change committed a moment ago; never show a posting that is no longer open.
            guard let posting = byID[id], posting.status(on: today) == .open else { return nil }
            return JobListing(posting: posting, origins: originsByKey[posting.duplicateKey] ?? [])
        }
        return Paged(items: listings, total: hits.total, request: page)
    }

    /// Every posting open on `today`, read in one pass (for benchmarks and full exports; the board itself pages).
    public func openPostings(today: Day? = nil) async throws -> [JobPosting] {
        let today = today ?? clock.today
        let sql = database as! any SQLDatabase
        return try await JobPostingRow.all(JobPostingRow.select(on: sql).where("status", .equal, SQLBind(JobStatus.open.rawValue)), on: sql)
            .map(\.posting).filter { $0.status(on: today) == .open }
    }
}
