import FluentKit
import Foundation
import XiezuoCore

/// A trainee as lists show them: the enrolment with the worker's name.
public struct Trainee: Sendable, Hashable {
    public var enrolment: TrainingEnrolment
    public var workerName: String
}

/// Training programmes and their trainees. Programmes are public to read; the staff of the programme's county record
/// them and each trainee's steps, which book the training facts (trained, certified, employed after training) in the
/// same transaction. A worker may enrol themselves.
public struct TrainingRepository: Sendable {
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

    /// Records a programme (`id` nil) or replaces one's fields. Seats cannot drop below the trainees enrolled, and the
    /// county cannot move once there are trainees; a new employer moves the trainees' facts to the new pairing.
    public func save(_ draft: TrainingProgrammeDraft, id: UUID? = nil, by principal: Principal) async throws -> TrainingProgramme {
        try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let before = try await id.asyncMap { try await Register<TrainingProgramme>.find($0, on: tx) } ?? nil
            if id != nil, before == nil { throw DomainError.notFound("training") }
            if let before, !Permissions.canEditLaborRecord(principal, countyCode: before.countyCode) { throw DomainError.notFound("training") }
            let employer = try await draft.employerId.asyncMap { try await EmployerModel.find($0, on: tx) } ?? nil
            let brandKnown = try await draft.brandId.asyncMap { try await Register<LaborBrand>.find($0, on: tx) != nil } ?? false
            var after = try draft.validated(in: regions, id: id ?? UUID(), employerKnown: employer != nil, brandKnown: brandKnown)
            guard Permissions.canEditLaborRecord(principal, countyCode: after.countyCode) else { throw DomainError.forbidden }
            if let employer, employer.regionCode.hasPrefix("32") {
                after.pairingID = try await IndustryLedger.pairing(county: after.countyCode, east: employer.regionCode,
                                                                   year: after.startDate.year, on: tx)
            }
            let trainees = try await enrolments(of: after.id, on: tx)
            if let before {
                if trainees.count > after.seats { throw DomainError.invalid("seats", "fewer_than_enrolled", ["count": String(trainees.count)]) }
                if before.countyCode != after.countyCode, !trainees.isEmpty { throw DomainError.invalid("countyCode", "training_has_trainees") }
            }
            try await Register.save(after, seq: seq, on: tx)
            var delta: [FactKey: Int64] = [:]
            for trainee in trainees {
                if let before { delta.merge(FactRules.contributions(of: trainee, programme: before).mapValues { -$0 }, uniquingKeysWith: +) }
                delta.merge(FactRules.contributions(of: trainee, programme: after), uniquingKeysWith: +)
            }
            try await FactStore(database: tx).book(delta.filter { $0.value != 0 })
            try await AuditRecorder.record(on: tx, by: principal, action: before == nil ? "create" : "update", entity: "training",
                                           entityID: after.id.uuidString, regionCode: after.countyCode, before: before, after: after)
            return after
        }
    }

    /// One programme (public).
    public func get(_ id: UUID) async throws -> TrainingProgramme {
        guard let programme = try await Register<TrainingProgramme>.find(id, on: database) else { throw DomainError.notFound("training") }
        return programme
    }

    /// Programmes in a region (public), latest end first; `openOn` keeps those that have not ended by that day.
    public func list(region: String?, search: String? = nil, mode: TrainingMode? = nil, openOn: Day? = nil,
                     page: Paging = Paging()) async throws -> Paged<TrainingProgramme> {
        try await Register<TrainingProgramme>.page({
            let query = Register<TrainingProgramme>.query(region: region, on: database)
            if let search, !search.isEmpty { query.matching(search, in: "name") }
            if let mode { query.filter(\.$status == mode.rawValue) }
            if let openOn { query.filter(\.$day >= openOn.description) }
            return query
        }, paging: page)
    }

    /// How many trainees each programme has.
    public func enrolledCounts(_ ids: [UUID]) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await RegisterRow<TrainingEnrolment>.query(on: database).filter(\.$parentID ~~ ids).all()
        return Dictionary(grouping: rows.compactMap(\.parentID), by: { $0 }).mapValues(\.count)
    }

    /// Enrols a worker (by the worker, or staff covering the worker) while seats remain and the
    /// programme has not ended.
    public func enrol(_ workerID: UUID, in programmeID: UUID, by principal: Principal, today: Day? = nil) async throws -> TrainingEnrolment {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            guard let programme = try await Register<TrainingProgramme>.find(programmeID, on: tx) else { throw DomainError.notFound("training") }
            guard let worker = try await WorkerModel.find(workerID, on: tx),
                  // The worker themselves or the staff covering the worker: running the programme's county gives no
                  // hold over workers of other counties.
                  Permissions.canEditWorker(principal, homeCode: worker.homeCode, accountID: worker.accountID) else {
                throw DomainError.notFound("worker")
            }
            guard today <= programme.endDate else { throw DomainError.invalid("programmeId", "training_ended") }
            let trainees = try await enrolments(of: programmeID, on: tx)
            if trainees.contains(where: { $0.workerID == workerID }) { throw DomainError(.conflict, code: "already_enrolled") }
            guard trainees.count < programme.seats else { throw DomainError(.conflict, code: "training_full") }
            let enrolment = TrainingEnrolment(id: UUID(), programmeID: programmeID, workerID: workerID, countyCode: programme.countyCode,
                                              enrolledOn: today)
            try await Register.save(enrolment, seq: seq, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "create", entity: "enrolment", entityID: enrolment.id.uuidString,
                                           regionCode: programme.countyCode, partnerRegionCode: worker.homeCode,
                                           before: Optional<TrainingEnrolment>.none, after: enrolment)
            return enrolment
        }
    }

    /// Records a trainee's step (completed, certified, employed, dropped) on `date` (default today), by the staff of
    /// the programme's county; a certificate of a brand's training makes the worker carry the brand.
    public func record(_ enrolmentID: UUID, _ step: EnrolmentStep, on date: Day? = nil, certificateNumber: String? = nil,
                       by principal: Principal, today: Day? = nil) async throws -> TrainingEnrolment {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            guard let before = try await Register<TrainingEnrolment>.find(enrolmentID, on: tx),
                  let programme = try await Register<TrainingProgramme>.find(before.programmeID, on: tx),
                  Permissions.canEditLaborRecord(principal, countyCode: programme.countyCode) else {
                throw DomainError.notFound("enrolment")
            }
            let after = try before.recording(step, on: date ?? today, certificateNumber: certificateNumber, programme: programme, today: today)
            try await Register.save(after, seq: seq, on: tx)
            if step == .certified, let brandID = programme.brandID, let brand = try await Register<LaborBrand>.find(brandID, on: tx),
               let worker = try await WorkerModel.find(after.workerID, on: tx) {
                try await WorkerBrands.grant(brand: brand, to: worker, seq: seq, on: tx)
            }
            try await FactStore(database: tx).book(FactRules.delta(from: FactRules.contributions(of: before, programme: programme),
                                                                   to: FactRules.contributions(of: after, programme: programme)))
            try await AuditRecorder.record(on: tx, by: principal, action: "step_\(step.rawValue)", entity: "enrolment",
                                           entityID: enrolmentID.uuidString, regionCode: programme.countyCode, before: before, after: after)
            return after
        }
    }

    /// A programme's trainees with their names (staff of its county only).
    public func trainees(of programmeID: UUID, by principal: Principal) async throws -> [Trainee] {
        let programme = try await get(programmeID)
        guard Permissions.canEditLaborRecord(principal, countyCode: programme.countyCode) else { throw DomainError.notFound("training") }
        let list = try await enrolments(of: programmeID, on: database)
        let names = try await WorkerModel.names(of: list.map(\.workerID), on: database)
        return list.map { Trainee(enrolment: $0, workerName: names[$0.workerID] ?? "") }
    }

    /// A worker's enrolments with their programmes (for the worker and the staff covering them).
    public func enrolments(ofWorker workerID: UUID, by principal: Principal) async throws -> [(TrainingEnrolment, TrainingProgramme)] {
        guard let worker = try await WorkerModel.find(workerID, on: database),
              Permissions.canEditWorker(principal, homeCode: worker.homeCode, accountID: worker.accountID) else {
            throw DomainError.notFound("worker")
        }
        let rows = try await RegisterRow<TrainingEnrolment>.query(on: database).filter(\.$workerID == workerID).sort(\.$day, .descending).all()
        var result: [(TrainingEnrolment, TrainingProgramme)] = []
        for row in rows {
            let enrolment = try row.record()
            if let programme = try await Register<TrainingProgramme>.find(enrolment.programmeID, on: database) { result.append((enrolment, programme)) }
        }
        return result
    }

    func enrolments(of programmeID: UUID, on database: any Database) async throws -> [TrainingEnrolment] {
        try await RegisterRow<TrainingEnrolment>.query(on: database).filter(\.$parentID == programmeID).sort(\.$day).all().map { try $0.record() }
    }
}

extension TrainingRepository {
    /// One enrolment, whoever asks (the programme page checks the staff before showing or changing it).
    public func enrolment(_ id: UUID) async throws -> TrainingEnrolment? {
        try await Register<TrainingEnrolment>.find(id, on: database)
    }
}
