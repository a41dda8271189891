import FluentKit
import Foundation
import XiezuoCore

/// Applications and placements: a worker applies (or their officer for them), the employer answers, and a hire
/// records the placement, moves the worker's employment status and books the placement facts in one transaction.
public struct ApplicationRepository: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database
    let regions: RegionDirectory

    /// Creates a repository over `database`.
    public init(database: any Database, regions: RegionDirectory, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.regions = regions
    }

    /// Applies `worker` to an open posting.
    public func apply(worker workerID: UUID, to postingID: UUID, by principal: Principal, today: Day? = nil) async throws -> JobApplication {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            guard let worker = try await WorkerModel.find(workerID, on: tx),
                  Permissions.canEditWorker(principal, homeCode: worker.homeCode, accountID: worker.accountID) else {
                throw DomainError.notFound("worker")
            }
            guard let posting = try await JobPostingModel.find(postingID, on: tx)?.posting else { throw DomainError.notFound("job") }
            guard posting.status(on: today) == .open else { throw DomainError.invalid("postingId", "job_not_open") }
            if try await ApplicationModel.query(on: tx).filter(\.$workerID == workerID).filter(\.$postingID == postingID).first() != nil {
                throw DomainError(.conflict, code: "already_applied")
            }
            let application = JobApplication(id: UUID(), workerID: workerID, postingID: postingID, status: .applied, appliedOn: today)
            let model = ApplicationModel()
            model.apply(application, seq: seq)
            try await model.create(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "create", entity: "application", entityID: application.id.uuidString,
                                           regionCode: worker.homeCode, partnerRegionCode: posting.countyCode,
                                           before: Optional<JobApplication>.none, after: application)
            return application
        }
    }

    /// Who may answer for the posting's side: its employer's accounts and the staff covering the posting's county or
    /// the worker's home.
    static func answersForPosting(_ principal: Principal, posting: JobPosting, workerHome: String) -> Bool {
        Permissions.servesPosting(principal, posting: posting) || (principal.role?.isStaff == true && principal.scope.covers(workerHome))
    }

    /// Accepts or rejects (the employer's side) or withdraws (the worker's side) an application.
    /// `message` (at most 200 characters) goes to the worker with the answer.
    public func respond(_ id: UUID, _ status: ApplicationStatus, message: String? = nil, by principal: Principal,
                        today: Day? = nil) async throws -> JobApplication {
        let today = today ?? clock.today
        guard [.accepted, .rejected, .withdrawn].contains(status) else { throw DomainError.invalid("status", "unknown_choice", ["value": status.rawValue]) }
        let message = try Validate.text(message, field: "message", max: 200, required: false)
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let (model, worker, posting) = try await load(id, on: tx)
            let allowed = status == .withdrawn
                ? Permissions.canEditWorker(principal, homeCode: worker.homeCode, accountID: worker.accountID)
                : Self.answersForPosting(principal, posting: posting, workerHome: worker.homeCode)
            guard allowed else { throw DomainError.notFound("application") }
            let before = try model.application
            try before.status.checkMove(to: status)
            var after = before
            after.status = status
            after.respondedOn = today
            if status != .withdrawn { after.message = message }
            model.apply(after, seq: seq)
            try await model.save(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "status_\(status.rawValue)", entity: "application",
                                           entityID: id.uuidString, regionCode: worker.homeCode, partnerRegionCode: posting.countyCode,
                                           before: before, after: after)
            return after
        }
    }

    /// Marks the posting's applications still waiting as seen today, when its employer's accounts (or staff covering
    /// it) open the applicants page; the workers read "企业已查看". Returns how many changed.
    @discardableResult
    public func markSeen(postingID: UUID, by principal: Principal, today: Day? = nil) async throws -> Int {
        let today = today ?? clock.today
        guard let posting = try await JobPostingModel.find(postingID, on: database)?.posting,
              Permissions.servesPosting(principal, posting: posting) else { return 0 }
        let waiting = try await ApplicationModel.query(on: database).filter(\.$postingID == postingID)
            .filter(\.$status == ApplicationStatus.applied.rawValue).filter(\.$seenOn == nil).all()
        for model in waiting {
            model.seenOn = today.description
            try await model.save(on: database)
        }
        return waiting.count
    }

    /// Hires: records the placement (start date, wage, place), the worker's new employment status, and the facts.
    public func hire(_ id: UUID, _ draft: HireDraft, by principal: Principal, today: Day? = nil) async throws -> JobApplication {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let (model, workerModel, posting) = try await load(id, on: tx)
            guard Self.answersForPosting(principal, posting: posting, workerHome: workerModel.homeCode) else {
                throw DomainError.notFound("application")
            }
            let before = try model.application
            try before.status.checkMove(to: .hired)
            let (start, wage, place, note) = try draft.validated(in: regions, postingCounty: posting.countyCode, today: today)
            let after = try await Self.place(model, worker: workerModel, posting: posting, start: start, wage: wage, place: place, note: note,
                                             respondedOn: today, seq: seq, on: tx)
            let worker = try workerModel.masked()
            try await AuditRecorder.record(on: tx, by: principal, action: "status_hired", entity: "application", entityID: id.uuidString,
                                           regionCode: worker.homeCode, partnerRegionCode: place, before: before, after: after)
            return after
        }
    }

    /// Records a placement on an application (its status, start, wage, place and credited pairing), the worker's new
    /// employment status (local, in Jiangsu or elsewhere) and the placement facts. Hiring and a trip's arrival both
    /// come here.
    static func place(_ model: ApplicationModel, worker workerModel: WorkerModel, posting: JobPosting, start: Day, wage: Int64, place: String,
                      note: String?, respondedOn: Day, seq: Int64, on tx: any Database) async throws -> JobApplication {
        let worker = try workerModel.masked()
        let placementsBefore = try await LaborLedger.placements(of: worker.id, on: tx)
        var after = try model.application
        after.status = .hired
        after.respondedOn = respondedOn
        after.startDate = start
        after.wage = wage
        after.placeCode = place
        after.note = note
        after.pairingID = place.hasPrefix("32")
            ? try await IndustryLedger.pairing(county: worker.homeCounty, east: place, year: start.year, on: tx) : nil
        model.apply(after, seq: seq)
        try await model.save(on: tx)
        var updated = worker
        let status: EmploymentStatus = place.prefix(4) == worker.homeCode.prefix(4) ? .employedLocally
            : (place.hasPrefix("32") ? .employedInJiangsu : .employedElsewhere)
        updated.employment.append(EmploymentRecord(status: status, since: start, note: "\(posting.title) · \(posting.employerName)"))
        updated.employment.sort { $0.since < $1.since }
        try workerModel.apply(updated, seq: seq)
        try await workerModel.save(on: tx)
        let placementsAfter = placementsBefore + [PlacementFact(startDate: start, placeCode: place, pairingID: after.pairingID)]
        try await FactStore(database: tx).book(FactRules.delta(from: FactRules.contributions(of: placementsBefore, worker: worker),
                                                               to: FactRules.contributions(of: placementsAfter, worker: updated)))
        return after
    }

    private func load(_ id: UUID, on tx: any Database) async throws -> (ApplicationModel, WorkerModel, JobPosting) {
        guard let model = try await ApplicationModel.find(id, on: tx),
              let worker = try await WorkerModel.find(model.workerID, on: tx),
              let posting = try await JobPostingModel.find(model.postingID, on: tx)?.posting else {
            throw DomainError.notFound("application")
        }
        return (model, worker, posting)
    }

    /// A worker's applications, newest first (for the worker and the staff covering them).
    public func forWorker(_ workerID: UUID, by principal: Principal) async throws -> [JobApplication] {
        guard let worker = try await WorkerModel.find(workerID, on: database),
              Permissions.canEditWorker(principal, homeCode: worker.homeCode, accountID: worker.accountID) else {
            throw DomainError.notFound("worker")
        }
        return try await Self.withReversals(try await ApplicationModel.query(on: database).filter(\.$workerID == workerID)
            .sort(\.$appliedOn, .descending).all().map { try $0.application }, on: database)
    }

    /// A posting's applications (for its employer and the staff covering its county).
    public func forPosting(_ postingID: UUID, by principal: Principal) async throws -> [JobApplication] {
        guard let posting = try await JobPostingModel.find(postingID, on: database)?.posting,
              Permissions.servesPosting(principal, posting: posting) else {
            throw DomainError.notFound("job")
        }
        return try await Self.withReversals(try await ApplicationModel.query(on: database).filter(\.$postingID == postingID)
            .sort(\.$appliedOn, .descending).all().map { try $0.application }, on: database)
    }
}

/// An application with its worker's card, as the posting's side sees it.
public struct Applicant: Sendable {
    public var application: JobApplication
    public var card: WorkerCard
}

extension WorkerMatching {
    /// A posting's applications with the applicants' cards (an applicant's, or the whole masked profile for staff
    /// covering the worker), newest first: its employer and the staff covering its county.
    public func applicants(of postingID: UUID, by principal: Principal, today: Day? = nil) async throws -> [Applicant] {
        let today = today ?? clock.today
        let applications = try await ApplicationRepository(database: database, regions: RegionDirectory([]), clock: clock)
            .forPosting(postingID, by: principal)
        let workers = try await WorkerModel.query(on: database).filter(\.$id ~~ applications.map(\.workerID)).all()
        let byID = Dictionary(try workers.map { ($0.id!, try $0.masked()) }, uniquingKeysWith: { first, _ in first })
        return try applications.compactMap { application in
            guard let worker = byID[application.workerID] else { return nil }
            return Applicant(application: application, card: try card(of: worker, for: postingID, applied: true, by: principal, today: today))
        }
    }
}

/// What the labour ledgers contribute to the facts.
enum LaborLedger {
    /// A worker's placements, less those reversed.
    static func placements(of workerID: UUID, on database: any Database) async throws -> [PlacementFact] {
        let hired = try await ApplicationModel.query(on: database).filter(\.$workerID == workerID)
            .filter(\.$status == ApplicationStatus.hired.rawValue).all()
        let reversed = try await PlacementReversalModel.of(hired.compactMap(\.id), on: database)
        return try hired.filter { reversed[$0.id!] == nil }.compactMap { try $0.placement }
    }

    /// Every fact of the labour ledgers (placements, brands, workshops, training), for `xiezuo facts rebuild`.
    static func allFacts(on database: any Database) async throws -> [FactKey: Int64] {
        let reversed = try await PlacementReversalModel.all(on: database)
        let hired = try await ApplicationModel.query(on: database).filter(\.$status == ApplicationStatus.hired.rawValue).all()
            .filter { !reversed.contains($0.id!) }
        let byWorker = Dictionary(grouping: hired, by: \.workerID)
        var facts: [FactKey: Int64] = [:]
        for (workerID, applications) in byWorker {
            guard let worker = try await WorkerModel.find(workerID, on: database)?.masked() else { continue }
            facts.merge(FactRules.contributions(of: try applications.compactMap { try $0.placement }, worker: worker), uniquingKeysWith: +)
        }
        for brand in try await RegisterRow<LaborBrand>.query(on: database).all() {
            facts.merge(FactRules.contributions(of: try brand.record()), uniquingKeysWith: +)
        }
        for workshop in try await RegisterRow<AssistanceWorkshop>.query(on: database).all() {
            facts.merge(FactRules.contributions(of: try workshop.record()), uniquingKeysWith: +)
        }
        let programmes = try await RegisterRow<TrainingProgramme>.query(on: database).all().map { try $0.record() }
        let byID = Dictionary(programmes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for row in try await RegisterRow<TrainingEnrolment>.query(on: database).all() {
            let enrolment = try row.record()
            guard let programme = byID[enrolment.programmeID] else { continue }
            facts.merge(FactRules.contributions(of: enrolment, programme: programme), uniquingKeysWith: +)
        }
        return facts
    }
}
