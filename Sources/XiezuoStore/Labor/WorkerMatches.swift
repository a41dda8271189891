import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// A matched job as the API shows it.
public struct JobMatchListing: Sendable, Equatable {
    public var listing: JobListing
    public var score: MatchScore
}

/// A matched worker (masked) as the API shows it.
public struct WorkerMatch: Sendable, Equatable {
    public var worker: Worker
    public var score: MatchScore
}

/// Matching in both directions (docs/matching.md): the top open jobs for a worker, from the job board's in-memory
/// index; the top seeking workers for a posting, for its employer and the staff covering it.
public struct WorkerMatching: Sendable {
    let database: any Database
    let search: JobSearch

    /// Creates a matcher over `database` with the app's shared job index.
    public init(database: any Database, search: JobSearch) {
        self.database = database
        self.search = search
    }

    /// The Jiangsu regions paired with a county in `year`, county pairings before city ones.
    static func pairedCities(of county: String, year: Int, on database: any Database) async throws -> [String] {
        try await PairingModel.query(on: database).all().map(\.pairing)
            .filter { county.hasPrefix($0.westCode) && $0.isActive(in: year) }.map(\.eastCode)
            .sorted { ($0.count, $1) > ($1.count, $0) }  // the most specific first: a reason names the county pairing
    }

    /// What a worker looks for, with the paired cities resolved.
    public func profile(of worker: Worker, today: Day) async throws -> MatchProfile {
        MatchProfile(occupations: worker.wishedOccupations, preferredPlaces: worker.preferredPlaces,
                     pairedCities: worker.pairedCities ? try await Self.pairedCities(of: worker.homeCounty, year: today.year, on: database) : [],
                     homeCounty: worker.homeCounty, minWage: worker.minWage)
    }

    /// The top `limit` open jobs for a worker the principal may see.
    public func jobs(for workerID: UUID, by principal: Principal, limit: Int = 20, today: Day = Day(Date())) async throws -> [JobMatchListing] {
        guard let model = try await WorkerModel.find(workerID, on: database),
              Permissions.canEditWorker(principal, homeCode: model.homeCode, accountID: model.accountID) else {
            throw DomainError.notFound("worker")
        }
        let profile = try await profile(of: try model.masked(), today: today)
        let index = try await search.current(on: database, today: today)
        let matches = index.matches(for: profile, today: today, limit: min(max(limit, 1), 100))
        guard !matches.isEmpty else { return [] }
        let sql = database as! any SQLDatabase
        let postings = try await JobPostingRow.all(
            JobPostingRow.select(on: sql).where("id", .in, SQLBind.group(matches.map(\.postingID))), on: sql).map(\.posting)
        let origins = try await JobPostingRow.openOrigins(of: Array(Set(postings.map(\.duplicateKey))), on: sql)
        let byID = Dictionary(uniqueKeysWithValues: postings.map { ($0.id, $0) })
        return matches.compactMap { match in
            guard let posting = byID[match.postingID], posting.status(on: today) == .open else { return nil }
            return JobMatchListing(listing: JobListing(posting: posting, origins: origins[posting.duplicateKey] ?? []), score: match.score)
        }
    }

    /// The top `limit` workers seeking work for a posting, masked: for the posting's employer and the staff covering
    /// its county.
    public func workers(for postingID: UUID, by principal: Principal, limit: Int = 20, today: Day = Day(Date())) async throws -> [WorkerMatch] {
        guard let posting = try await JobPostingModel.find(postingID, on: database)?.posting,
              Permissions.servesPosting(principal, posting: posting) else {
            throw DomainError.notFound("job")
        }
        let seeking = try await WorkerModel.query(on: database).filter(\.$status == EmploymentStatus.unemployed.rawValue)
            .sort(\.$name).limit(50_000).all()
        var paired: [String: [String]] = [:]
        var scored: [WorkerMatch] = []
        for model in seeking {
            let worker = try model.masked()
            if paired[worker.homeCounty] == nil {
                paired[worker.homeCounty] = try await Self.pairedCities(of: worker.homeCounty, year: today.year, on: database)
            }
            let profile = MatchProfile(occupations: worker.wishedOccupations, preferredPlaces: worker.preferredPlaces,
                                       pairedCities: worker.pairedCities ? paired[worker.homeCounty]! : [], homeCounty: worker.homeCounty,
                                       minWage: worker.minWage)
            if let score = MatchScoring.score(profile, posting: posting) { scored.append(WorkerMatch(worker: worker, score: score)) }
        }
        return Array(scored.sorted { ($0.score.score, $1.worker.name) > ($1.score.score, $0.worker.name) }.prefix(min(max(limit, 1), 100)))
    }
}
