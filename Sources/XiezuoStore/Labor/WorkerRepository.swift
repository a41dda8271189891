import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// The worker registry. ID-card and phone numbers are sealed at rest and masked everywhere except an explicit,
/// audited reveal; the ID number's keyed digest refuses a second registration of the same person.
public struct WorkerRepository: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database
    let regions: RegionDirectory
    let cipher: PersonalDataCipher

    /// Creates a repository over `database`.
    public init(database: any Database, regions: RegionDirectory, cipher: PersonalDataCipher, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.regions = regions
        self.cipher = cipher
    }

    /// Registers a worker: by staff for their jurisdiction, or by a worker account for itself (once). The worker
    /// must consent to the processing of their data.
    public func register(_ draft: WorkerDraft, by principal: Principal, today: Day? = nil, now: Date? = nil) async throws -> Worker {
        let today = today ?? clock.today
        let now = now ?? clock.now
        let checked = try draft.validated(in: regions, today: today, requireConsent: true)
        let selfRegistration = principal.role == .worker
        let account = selfRegistration ? principal.accountID : nil
        guard Permissions.canEditWorker(principal, homeCode: checked.homeCode, accountID: account) else { throw DomainError.forbidden }
        return try await refusingOthersNumbers(by: principal) { tx in
            let seq = try await ChangeSequence.next(on: tx)
            if let account, try await WorkerModel.query(on: tx).filter(\.$accountID == account).first() != nil {
                throw DomainError(.conflict, code: "profile_exists")
            }
            try await Self.checkUnique(checked.idNumber, except: nil, cipher: cipher, selfService: selfRegistration, on: tx)
            let brands = try await WorkerBrands.ids(named: checked.certificates, field: "certificates", on: tx)
            let worker = Worker(
                id: UUID(), name: checked.name, idNumber: checked.idNumber.masked, phone: PhoneNumber.masked(checked.phone), revealed: false,
                gender: checked.idNumber.gender, birthDate: checked.idNumber.birthDate, homeCode: checked.homeCode,
                povertyStatus: checked.povertyStatus, education: checked.education, skills: checked.skills,
                wishedOccupations: checked.wishedOccupations, preferredPlaces: checked.preferredPlaces, pairedCities: checked.pairedCities,
                minWage: checked.minWage, certificates: checked.certificates,
                employment: [EmploymentRecord(status: .unemployed, since: today, note: nil)], consentAt: now,
                consentVersion: ConsentNotice.version, accountID: account)
            let model = WorkerModel()
            try model.seal(idNumber: checked.idNumber, phone: checked.phone, cipher: cipher)
            try model.apply(worker, seq: seq)
            try await model.create(on: tx)
            try await WorkerBrands.set(worker: worker.id, brands: brands, on: tx)
            try await WorkerWishes.set(worker: worker.id, occupations: worker.wishedOccupations, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "create", entity: "worker", entityID: worker.id.uuidString,
                                           regionCode: worker.homeCode, before: Optional<Worker.AuditView>.none, after: worker.auditView)
            return worker
        }
    }

    /// Refuses an ID number another worker holds. Staff are told it is registered (they deduplicate); a worker acting
    /// for themselves is not (that would tell them who is registered), and the attempt is recorded for the county
    /// of the worker who holds the number (see ``refusingOthersNumbers(by:_:)``).
    static func checkUnique(_ id: IDCardNumber, except worker: UUID?, cipher: PersonalDataCipher, selfService: Bool = false,
                            on database: any Database) async throws {
        if let other = try await WorkerModel.query(on: database).filter(\.$idIndex == cipher.blindIndex(id.value)).first(), other.id != worker {
            if selfService { throw OthersNumber(holder: try other.requireID(), homeCode: other.homeCode) }
            throw DomainError(.conflict, code: "id_registered", field: "idNumber")
        }
    }

    /// A worker's own attempt to take an ID number that another worker holds.
    struct OthersNumber: Error {
        var holder: UUID
        var homeCode: String
    }

    /// The answer a worker gets for any ID number they may not register or change to themselves.
    static let numberNotAccepted = DomainError.invalid("idNumber", "id_not_accepted")

    /// Runs `body` in a transaction; when it ends on ``OthersNumber``, records the attempt in the audit log (after the
    /// rollback, so the entry stays) under the holder's county, and answers ``numberNotAccepted``.
    private func refusingOthersNumbers<T: Sendable>(by principal: Principal,
                                                    _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        do {
            return try await database.writeTransaction(body)
        } catch let attempt as OthersNumber {
            try await AuditRecorder.record(on: database, by: principal, action: "id_conflict", entity: "worker",
                                           entityID: attempt.holder.uuidString, regionCode: attempt.homeCode,
                                           before: Optional<String>.none, after: ["account": principal.name])
            throw Self.numberNotAccepted
        }
    }

    /// Replaces a worker's fields (the consent on record stays). A change of poverty status or home county moves the
    /// facts of the worker's placements with it.
    public func update(_ id: UUID, with draft: WorkerDraft, by principal: Principal, today: Day? = nil) async throws -> Worker {
        let today = today ?? clock.today
        let selfService = principal.role == .worker
        return try await refusingOthersNumbers(by: principal) { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let model = try await editable(id, by: principal, on: tx)
            let before = try model.masked()
            // A blank ID or phone number keeps the stored one: the edit form does not show them, so editing a
            // worker's other fields reads no number in full.
            var draft = draft
            if (draft.idNumber ?? "").trimmingCharacters(in: .whitespaces).isEmpty { draft.idNumber = try cipher.open(model.idSealed) }
            if (draft.phone ?? "").trimmingCharacters(in: .whitespaces).isEmpty { draft.phone = try cipher.open(model.phoneSealed) }
            let checked = try draft.validated(in: regions, today: today, requireConsent: false)
            guard Permissions.canEditWorker(principal, homeCode: checked.homeCode, accountID: before.accountID) else { throw DomainError.forbidden }
            try await Self.checkUnique(checked.idNumber, except: id, cipher: cipher, selfService: selfService, on: tx)
            // A worker corrects their own ID number only through their county's office: whether the number is free or
            // someone else's, the answer is the same.
            if selfService, model.idIndex != cipher.blindIndex(checked.idNumber.value) { throw Self.numberNotAccepted }
            let brands = try await WorkerBrands.ids(named: checked.certificates, field: "certificates", on: tx)
            var after = before
            after.name = checked.name
            after.idNumber = checked.idNumber.masked
            after.phone = PhoneNumber.masked(checked.phone)
            after.gender = checked.idNumber.gender
            after.birthDate = checked.idNumber.birthDate
            after.homeCode = checked.homeCode
            after.povertyStatus = checked.povertyStatus
            after.education = checked.education
            after.skills = checked.skills
            after.wishedOccupations = checked.wishedOccupations
            after.preferredPlaces = checked.preferredPlaces
            after.pairedCities = checked.pairedCities
            after.minWage = checked.minWage
            after.certificates = checked.certificates
            try model.seal(idNumber: checked.idNumber, phone: checked.phone, cipher: cipher)
            try model.apply(after, seq: seq)
            try await model.save(on: tx)
            try await WorkerBrands.set(worker: id, brands: brands, on: tx)
            if before.wishedOccupations != after.wishedOccupations {
                try await WorkerWishes.set(worker: id, occupations: after.wishedOccupations, on: tx)
            }
            if before.povertyStatus != after.povertyStatus || before.homeCounty != after.homeCounty {
                let placements = try await LaborLedger.placements(of: id, on: tx)
                try await FactStore(database: tx).book(FactRules.delta(from: FactRules.contributions(of: placements, worker: before),
                                                                       to: FactRules.contributions(of: placements, worker: after)))
            }
            try await AuditRecorder.record(on: tx, by: principal, action: "update", entity: "worker", entityID: id.uuidString,
                                           regionCode: after.homeCode, before: before.auditView, after: after.auditView)
            return after
        }
    }

    /// Records a change of employment status (e.g. self-employed), dated, not in the future.
    public func recordStatus(_ id: UUID, _ status: EmploymentStatus, since: Day, note: String?, by principal: Principal,
                             today: Day? = nil) async throws -> Worker {
        let today = today ?? clock.today
        guard since <= today else { throw DomainError.invalid("date", "in_future") }
        let note = try Validate.text(note, field: "note", max: 200, required: false)
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let model = try await editable(id, by: principal, on: tx)
            let before = try model.masked()
            if let last = before.employment.last, since < last.since { throw DomainError.invalid("date", "before_previous_step") }
            var after = before
            after.employment.append(EmploymentRecord(status: status, since: since, note: note))
            try model.apply(after, seq: seq)
            try await model.save(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "status_\(status.rawValue)", entity: "worker",
                                           entityID: id.uuidString, regionCode: after.homeCode, before: before.auditView, after: after.auditView)
            return after
        }
    }

    func editable(_ id: UUID, by principal: Principal, on database: any Database) async throws -> WorkerModel {
        guard let model = try await WorkerModel.find(id, on: database),
              Permissions.canEditWorker(principal, homeCode: model.homeCode, accountID: model.accountID) else {
            throw DomainError.notFound("worker")
        }
        return model
    }

    /// One worker, masked, for the staff covering them and the worker themselves.
    public func get(_ id: UUID, by principal: Principal) async throws -> Worker {
        try await editable(id, by: principal, on: database).masked()
    }

    /// The signed-in worker's own profile, if they have registered one.
    public func mine(by principal: Principal) async throws -> Worker? {
        guard principal.role == .worker, let account = principal.accountID else { return nil }
        return try await WorkerModel.query(on: database).filter(\.$accountID == account).first()?.masked()
    }

    /// The worker with the ID-card and phone numbers in full: an explicit read with a stated reason (up to 200
    /// characters; the worker reading their own needs none), recorded with the reason in the audit log.
    public func reveal(_ id: UUID, reason: String?, by principal: Principal) async throws -> Worker {
        try await database.writeTransaction { tx in
            guard let model = try await WorkerModel.find(id, on: tx),
                  Permissions.canRevealWorker(principal, homeCode: model.homeCode, accountID: model.accountID) else {
                throw DomainError.notFound("worker")
            }
            let own = principal.accountID != nil && principal.accountID == model.accountID
            let reason = try Validate.text(reason, field: "reason", max: 200, required: !own) ?? "本人查看"
            var worker = try model.masked()
            worker.idNumber = try cipher.open(model.idSealed)
            worker.phone = try cipher.open(model.phoneSealed)
            worker.revealed = true
            try await AuditRecorder.record(on: tx, by: principal, action: "reveal", entity: "worker", entityID: id.uuidString,
                                           regionCode: model.homeCode, before: Optional<Worker>.none, after: ["reason": reason])
            return worker
        }
    }

    /// Workers of the principal's jurisdiction (staff only), by name; `search` matches the name.
    public func list(region: String? = nil, search: String? = nil, status: EmploymentStatus? = nil, by principal: Principal,
                     page: Paging = Paging()) async throws -> Paged<Worker> {
        guard principal.role?.isStaff == true else { throw DomainError.forbidden }
        let total = try await query(region: region, search: search, status: status, scope: principal.scope).count()
        let models = try await query(region: region, search: search, status: status, scope: principal.scope)
            .sort(\.$name).range(page.offset..<(page.offset + page.perPage)).all()
        return Paged(items: try models.map { try $0.masked() }, total: total, request: page)
    }

    private func query(region: String?, search: String?, status: EmploymentStatus?, scope: AccessScope) -> QueryBuilder<WorkerModel> {
        let query = WorkerModel.query(on: database).within(scope, columns: "home_code")
        if let region { query.within(.region(region), columns: "home_code") }
        if let status { query.filter(\.$status == status.rawValue) }
        if let search, !search.isEmpty { query.matching(search, in: "name") }
        return query
    }
}
