import FluentKit
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
        let models = try await JobPostingModel.query(on: database).filter(\.$id ~~ hits.ids).all()
        let keys = Set(models.map(\.duplicateKey))
        // Filtered on status here, not in SQL: with `status` in the WHERE clause SQLite may pick the status index
        // and walk every open posting instead of the few rows of these keys.
        let copies = try await JobPostingModel.query(on: database).filter(\.$duplicateKey ~~ keys).all()
            .filter { $0.status == JobStatus.open.rawValue }
        var originsByKey: [String: [JobOrigin]] = [:]
        for copy in copies.sorted(by: { $0.originPlatform < $1.originPlatform }) {
            originsByKey[copy.duplicateKey, default: []].append(JobOrigin(platform: copy.originPlatform, id: copy.originID,
                                                                          version: copy.originVersion))
        }
        let byID = Dictionary(uniqueKeysWithValues: models.map { ($0.id!, $0) })
        let listings = hits.ids.compactMap { id -> JobListing? in
            guard let model = byID[id] else { return nil }
            return JobListing(posting: model.posting, origins: originsByKey[model.duplicateKey] ?? [])
        }
        return Paged(items: listings, total: hits.total, request: page)
    }
}
