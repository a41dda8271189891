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
    let database: any Database
    let search: JobSearch

    /// Creates a board over `database` with the app's shared index.
    public init(database: any Database, search: JobSearch) {
        self.database = database
        self.search = search
    }

    /// One page of open postings matching `query`, each job once however many platforms carry it.
    public func find(_ query: JobQuery, page: Paging, today: Day = Day(Date())) async throws -> Paged<JobListing> {
        let index = try await search.current(on: database, today: today)
        let hits = index.search(query, today: today, offset: page.offset, limit: page.perPage)
        guard !hits.ids.isEmpty else { return Paged(items: [], total: hits.total, request: page) }
        let sql = database as! any SQLDatabase
        let postings = try await JobPostingRow.select(on: sql).where("id", .in, SQLBind.group(hits.ids)).all()
            .map { try JobPostingRow.decode($0).posting }
        let keys = Array(Set(postings.map(\.duplicateKey)))
        // Filtered on status here, not in SQL: with `status` in the WHERE clause SQLite may pick the status index
        // and walk every open posting instead of the few rows of these keys.
        let copies = try await sql.select().columns("duplicate_key", "origin_platform", "origin_id", "origin_version", "status")
            .from("job_postings").where("duplicate_key", .in, SQLBind.group(keys)).all()
        var originsByKey: [String: [JobOrigin]] = [:]
        for copy in copies where try copy.decode(column: "status", as: String.self) == JobStatus.open.rawValue {
            originsByKey[try copy.decode(column: "duplicate_key", as: String.self), default: []].append(
                JobOrigin(platform: try copy.decode(column: "origin_platform", as: String.self),
                          id: try copy.decode(column: "origin_id", as: String.self),
                          version: try copy.decode(column: "origin_version", as: Int64.self)))
        }
        let byID = Dictionary(uniqueKeysWithValues: postings.map { ($0.id, $0) })
        let listings = hits.ids.compactMap { id -> JobListing? in
            // The index may lag a change committed a moment ago; never show a posting that is no longer open.
            guard let posting = byID[id], posting.status(on: today) == .open else { return nil }
            return JobListing(posting: posting, origins: (originsByKey[posting.duplicateKey] ?? []).sorted { $0.platform < $1.platform })
        }
        return Paged(items: listings, total: hits.total, request: page)
    }
}
