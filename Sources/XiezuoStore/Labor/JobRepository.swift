import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// Job postings created on this platform: posted by an employer's own accounts or by the staff where the work is,
/// changed only here (copies received from partners are read-only), expired automatically after their last day.
public struct JobRepository: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database
    let regions: RegionDirectory
    /// This node's platform id, the origin of the postings created here.
    let platform: String

    /// Creates a repository over `database` for the node `platform`.
    public init(database: any Database, regions: RegionDirectory, platform: String, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.regions = regions
        self.platform = platform
    }

    /// Posts a job for `employerID` (an enterprise account posts for its own employer whatever it names).
    public func create(_ draft: JobDraft, employerID: UUID?, by principal: Principal, today: Day? = nil) async throws -> JobPosting {
        let today = today ?? clock.today
        guard principal.role?.isStaff == true || (principal.role == .enterprise && principal.employerID != nil) else {
            throw DomainError.forbidden
        }
        let content = try draft.validated(in: regions, today: today)
        let employerID = principal.role == .enterprise ? principal.employerID : employerID
        guard let employerID else { throw DomainError.invalid("employerId", "required") }
        guard Permissions.canEditPosting(principal, employerID: employerID, countyCode: content.countyCode) else {
            throw DomainError.forbidden
        }
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            guard let employer = try await EmployerModel.find(employerID, on: tx) else {
                throw DomainError.invalid("employerId", "unknown_employer")
            }
            if principal.role != .enterprise, !Permissions.canManageEmployer(principal, regionCode: employer.regionCode) {
                throw DomainError.forbidden
            }
            let model = JobPostingModel()
            let id = UUID.timeOrdered()
            model.id = id
            model.employerID = employerID
            model.employerName = employer.name
            model.employerCreditCode = employer.creditCode
            model.apply(content)
            model.status = JobStatus.open.rawValue
            model.originPlatform = platform
            model.originID = id.uuidString.lowercased()
            model.originVersion = seq
            model.postedAt = Date()
            model.changeSeq = seq
            try await model.create(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "create", entity: "job_posting", entityID: model.originID,
                                           regionCode: content.countyCode, before: Optional<JobPosting>.none, after: model.posting)
            return try model.posting
        }
    }

    /// Replaces a posting's content. An expired posting given a new last day opens again.
    public func update(_ id: UUID, with draft: JobDraft, by principal: Principal, today: Day? = nil) async throws -> JobPosting {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let model = try await editable(id, by: principal, on: tx)
            let content = try draft.validated(in: regions, today: today)
            guard Permissions.canEditPosting(principal, employerID: model.employerID, countyCode: content.countyCode) else {
                throw DomainError.forbidden
            }
            let before = try model.posting
            guard before.status != .withdrawn else { throw DomainError.invalid("status", "posting_withdrawn") }
            model.apply(content)
            if before.status == .expired { model.status = JobStatus.open.rawValue }
            model.originVersion = seq
            model.changeSeq = seq
            try await model.save(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "update", entity: "job_posting", entityID: model.originID,
                                           regionCode: content.countyCode, before: before, after: model.posting)
            return try model.posting
        }
    }

    /// Marks a posting filled, open again, or withdrawn.
    public func move(_ id: UUID, to status: JobStatus, by principal: Principal) async throws -> JobPosting {
        try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let model = try await editable(id, by: principal, on: tx)
            let before = try model.posting
            try before.status.checkMove(to: status)
            model.status = status.rawValue
            model.originVersion = seq
            model.changeSeq = seq
            try await model.save(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "status_\(status.rawValue)", entity: "job_posting",
                                           entityID: model.originID, regionCode: model.countyCode, before: before, after: model.posting)
            return try model.posting
        }
    }

    /// Any posting by id, for the public page (withdrawn and expired ones say so).
    public func get(_ id: UUID) async throws -> JobPosting {
        guard let model = try await JobPostingModel.find(id, on: database) else { throw DomainError.notFound("job_posting") }
        return try model.posting
    }

    /// A posting the principal may change, for its edit form.
    public func editableCopy(_ id: UUID, by principal: Principal) async throws -> JobPosting {
        try await editable(id, by: principal, on: database).posting
    }

    /// Every copy of the same job (same duplicate key) still open, this one included: where it is posted.
    public func origins(of posting: JobPosting) async throws -> [JobOrigin] {
        try await JobPostingRow.openOrigins(of: [posting.duplicateKey], on: database as! any SQLDatabase)[posting.duplicateKey] ?? []
    }

    /// The postings a principal manages: an enterprise's own, or those placed in a staff member's jurisdiction.
    public func managed(status: JobStatus? = nil, search: String? = nil, by principal: Principal,
                        page: Paging = Paging()) async throws -> Paged<JobPosting> {
        guard principal.role == .enterprise || principal.role?.isStaff == true else { throw DomainError.forbidden }
        func query() -> QueryBuilder<JobPostingModel> {
            let query = JobPostingModel.query(on: database)
            switch principal.role {
            case .enterprise: query.filter(\.$employerID == (principal.employerID ?? UUID()))
            case .admin, .coordinator, .officer: query.within(principal.scope, columns: "county_code")
            default: query.filter(.sql(embed: "1 = 0"))
            }
            if let status { query.filter(\.$status == status.rawValue) }
            if let search, !search.isEmpty { query.matching(search, in: "title", "employer_name") }
            return query
        }
        let total = try await query().count()
        let models = try await query().sort(\.$changeSeq, .descending).range(page.offset..<(page.offset + page.perPage)).all()
        return Paged(items: try models.map { try $0.posting }, total: total, request: page)
    }

    /// Expires every open or filled posting whose last day is before `today`, each with its own change number so
    /// partners receive the tombstones. Returns how many expired.
    @discardableResult
    public func expireDue(today: Day? = nil) async throws -> Int {
        let today = today ?? clock.today
        let anyDue = try await JobPostingModel.query(on: database)
            .filter(\.$status ~~ [JobStatus.open.rawValue, JobStatus.filled.rawValue])
            .filter(\.$validThrough < today.description).first() != nil
        guard anyDue else { return 0 }
        return try await database.writeTransaction { tx in
            // The change sequence first: no other write can commit between reading the due postings and expiring them.
            _ = try await ChangeSequence.next(on: tx)
            let due = try await JobPostingModel.query(on: tx)
                .filter(\.$status ~~ [JobStatus.open.rawValue, JobStatus.filled.rawValue])
                .filter(\.$validThrough < today.description).all()
            guard !due.isEmpty else { return 0 }
            let numbers = try await ChangeSequence.reserve(due.count, on: tx)
            for (model, number) in zip(due, numbers) {
                model.status = JobStatus.expired.rawValue
                if model.originPlatform == platform { model.originVersion = number }
                model.changeSeq = number
                try await model.save(on: tx)
            }
            try await AuditRecorder.record(on: tx, by: .system, action: "expire", entity: "job_posting",
                                           entityID: "\(due.count)", regionCode: nil, before: Optional<JobPosting>.none,
                                           after: ["expired": due.count])
            return due.count
        }
    }

    func editable(_ id: UUID, by principal: Principal, on database: any Database) async throws -> JobPostingModel {
        guard let model = try await JobPostingModel.find(id, on: database),
              Permissions.canEditPosting(principal, employerID: model.employerID, countyCode: model.countyCode) else {
            throw DomainError.notFound("job_posting")
        }
        guard model.originPlatform == platform else {
            throw DomainError(.forbidden, code: "posting_read_only", arguments: ["platform": model.originPlatform])
        }
        return model
    }
}
