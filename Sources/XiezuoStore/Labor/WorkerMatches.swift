import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// A matched job as the API shows it.
public struct JobMatchListing: Sendable, Equatable {
    public var listing: JobListing
    public var score: MatchScore
}

/// A matched worker as the posting's side sees it, with the score.
public struct WorkerMatch: Sendable, Equatable {
    public var card: WorkerCard
    public var score: MatchScore
    /// Whether the posting's side has invited the worker to apply.
    public var invited: Bool = false
}

/// Matching in both directions (docs/matching.md): the top open jobs for a worker, from the job board's in-memory
/// index; the top seeking workers for a posting, for its employer and the staff covering it.
public struct WorkerMatching: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database
    let search: JobSearch
    let cipher: PersonalDataCipher

    /// Creates a matcher over `database` with the app's shared job index; `cipher` seals the candidate tokens.
    public init(database: any Database, search: JobSearch, cipher: PersonalDataCipher, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.search = search
        self.cipher = cipher
    }

    /// The Jiangsu regions paired with a county in `year`, county pairings before city ones.
    static func pairedCities(of county: String, year: Int, on database: any Database) async throws -> [String] {
        try await PairingModel.query(on: database).all().map { try $0.pairing }
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
    public func jobs(for workerID: UUID, by principal: Principal, limit: Int = 20, today: Day? = nil) async throws -> [JobMatchListing] {
        let today = today ?? clock.today
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

    /// The most workers read from the matching index for one posting.
    public static let candidateReadLimit = 20_000

    /// The top `limit` seeking workers for a posting, for its employer's accounts and the staff covering its county.
    /// The candidates come from the matching index (`worker_wishes`: seeking workers with a wished occupation in the
    /// posting's major group, at most ``candidateReadLimit``), never from every worker. Each comes as a
    /// ``WorkerCard``: whole (masked) for staff covering the worker, pseudonymous to everyone else; a worker who has
    /// applied to the posting shows as an applicant.
    public func workers(for postingID: UUID, by principal: Principal, limit: Int = 20, today: Day? = nil) async throws -> [WorkerMatch] {
        let today = today ?? clock.today
        guard let posting = try await JobPostingModel.find(postingID, on: database)?.posting,
              Permissions.servesPosting(principal, posting: posting) else {
            throw DomainError.notFound("job")
        }
        guard let group = WorkerWishes.majorGroup(posting.occupationCode) else { return [] }
        let ids = try await WorkerWishes.seeking(in: group, limit: Self.candidateReadLimit, on: database)
        var paired: [String: [String]] = [:]
        var scored: [(worker: Worker, score: MatchScore)] = []
        for start in stride(from: 0, to: ids.count, by: 500) {
            let models = try await WorkerModel.query(on: database).filter(\.$id ~~ Array(ids[start..<min(start + 500, ids.count)])).all()
            for model in models {
                let worker = try model.masked()
                if paired[worker.homeCounty] == nil {
                    paired[worker.homeCounty] = try await Self.pairedCities(of: worker.homeCounty, year: today.year, on: database)
                }
                let profile = MatchProfile(occupations: worker.wishedOccupations, preferredPlaces: worker.preferredPlaces,
                                           pairedCities: worker.pairedCities ? paired[worker.homeCounty]! : [], homeCounty: worker.homeCounty,
                                           minWage: worker.minWage)
                if let score = MatchScoring.score(profile, posting: posting) { scored.append((worker, score)) }
            }
        }
        let top = scored.sorted { ($0.score.score, $1.worker.id.uuidString) > ($1.score.score, $0.worker.id.uuidString) }
            .prefix(min(max(limit, 1), 100))
        let applied = Set(try await ApplicationModel.query(on: database).filter(\.$postingID == postingID)
            .filter(\.$workerID ~~ top.map(\.worker.id)).all().map(\.workerID))
        let invited = top.isEmpty ? [] : Set(try await (database as! any SQLDatabase).select().column("worker_id").from("job_invitations")
            .where("posting_id", .equal, SQLBind(postingID)).where("worker_id", .in, SQLBind.group(top.map(\.worker.id))).all()
            .map { try $0.decode(column: "worker_id", as: UUID.self) })
        return try top.map { match in
            WorkerMatch(card: try card(of: match.worker, for: postingID, applied: applied.contains(match.worker.id), by: principal, today: today),
                        score: match.score, invited: invited.contains(match.worker.id))
        }
    }

    /// A worker's card for a posting's side: covering staff see the whole masked profile, an applicant's name and
    /// contact show, everyone else gets the pseudonymous candidate.
    func card(of worker: Worker, for postingID: UUID, applied: Bool, by principal: Principal, today: Day) throws -> WorkerCard {
        let access: WorkerCard.Access = Permissions.canRevealWorker(principal, homeCode: worker.homeCode, accountID: worker.accountID)
            ? .covering : (applied ? .applicant : .candidate)
        return WorkerCard(worker, access: access, candidate: try Candidates.token(worker: worker.id, posting: postingID, cipher: cipher),
                          today: today)
    }
}

/// The opaque tokens that name a candidate to one posting's side: the worker's and the posting's ids sealed with the
/// data key, so a token tells nothing, cannot be made up, and works for that posting only.
enum Candidates {
    static func token(worker: UUID, posting: UUID, cipher: PersonalDataCipher) throws -> String {
        try cipher.seal(worker.uuidString + "|" + posting.uuidString)
    }

    /// The worker a token names for `posting`, or a validation error naming `field`.
    static func worker(from token: String?, posting: UUID, cipher: PersonalDataCipher, field: String = "candidate") throws -> UUID {
        guard let token = try Validate.text(token, field: field, max: 400, required: true),
              let text = try? cipher.open(token), case let parts = text.split(separator: "|"), parts.count == 2,
              let worker = UUID(uuidString: String(parts[0])), UUID(uuidString: String(parts[1])) == posting else {
            throw DomainError.invalid(field, "unknown_candidate")
        }
        return worker
    }
}
