import FluentKit
import Foundation
import XiezuoCore

/// Employers: registered by the staff of their region; their contact phone sealed at rest, masked in lists and
/// shown in full only to those who may see it, each such read audited.
public struct EmployerRepository: Sendable {
    let database: any Database
    let regions: RegionDirectory
    let cipher: PersonalDataCipher

    /// Creates a repository over `database`.
    public init(database: any Database, regions: RegionDirectory, cipher: PersonalDataCipher) {
        self.database = database
        self.regions = regions
        self.cipher = cipher
    }

    /// Registers an employer; its credit code must be new.
    public func create(_ draft: EmployerDraft, by principal: Principal) async throws -> Employer {
        guard principal.role?.isStaff == true else { throw DomainError.forbidden }
        let checked = try draft.validated(in: regions)
        guard Permissions.canManageEmployer(principal, regionCode: checked.regionCode) else { throw DomainError.forbidden }
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            if try await EmployerModel.query(on: tx).filter(\.$creditCode == checked.creditCode).first() != nil {
                throw DomainError(.conflict, code: "credit_code_taken", field: "creditCode")
            }
            let model = EmployerModel()
            model.id = UUID()
            try model.apply(checked, cipher: cipher)
            model.changeSeq = seq
            try await model.create(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "create", entity: "employer", entityID: checked.creditCode,
                                           regionCode: checked.regionCode, before: Optional<Employer>.none, after: model.masked)
            return model.masked
        }
    }

    /// Replaces an employer's fields; an empty contact phone keeps the stored one. A new name reaches its postings (and partners, through the feed).
    public func update(_ id: UUID, with draft: EmployerDraft, by principal: Principal) async throws -> Employer {
        try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let model = try await manageable(id, by: principal, on: tx)
            let checked = try draft.validated(in: regions, phoneOptional: true)
            guard Permissions.canManageEmployer(principal, regionCode: checked.regionCode) else { throw DomainError.forbidden }
            guard checked.creditCode == model.creditCode else { throw DomainError.invalid("creditCode", "credit_code_fixed") }
            let before = model.masked
            try model.apply(checked, cipher: cipher)
            model.changeSeq = seq
            try await model.save(on: tx)
            if before.name != checked.name {
                let postings = try await JobPostingModel.query(on: tx).filter(\.$employerID == id)
                    .filter(\.$status ~~ [JobStatus.open.rawValue, JobStatus.filled.rawValue]).all()
                if !postings.isEmpty {
                    let numbers = try await ChangeSequence.reserve(postings.count, on: tx)
                    for (posting, number) in zip(postings, numbers) {
                        posting.employerName = checked.name
                        posting.changeSeq = number
                        posting.originVersion = number
                        try await posting.save(on: tx)
                    }
                }
            }
            try await AuditRecorder.record(on: tx, by: principal, action: "update", entity: "employer", entityID: model.creditCode,
                                           regionCode: checked.regionCode, before: before, after: model.masked)
            return model.masked
        }
    }

    /// One employer, masked. Visible to the staff of its region and its own accounts.
    public func get(_ id: UUID, by principal: Principal) async throws -> Employer {
        try await visible(id, by: principal).masked
    }

    /// One employer with its contact phone in full, for those who may see it; the read is audited.
    public func reveal(_ id: UUID, by principal: Principal) async throws -> Employer {
        let model = try await visible(id, by: principal)
        guard Permissions.canRevealEmployerContact(principal, employerID: id, regionCode: model.regionCode) else {
            throw DomainError.forbidden
        }
        var employer = model.masked
        employer.contactPhone = try cipher.open(model.contactPhoneSealed)
        employer.phoneRevealed = true
        try await AuditRecorder.record(on: database, by: principal, action: "reveal_phone", entity: "employer",
                                       entityID: model.creditCode, regionCode: model.regionCode,
                                       before: Optional<Employer>.none, after: Optional<Employer>.none)
        return employer
    }

    /// The ids of the employers with these credit codes (codes are public, on every business licence), and their names.
    public func find(creditCodes: [String]) async throws -> [String: (id: UUID, name: String)] {
        guard !creditCodes.isEmpty else { return [:] }
        let models = try await EmployerModel.query(on: database).filter(\.$creditCode ~~ creditCodes.map { $0.uppercased() }).all()
        return Dictionary(models.map { ($0.creditCode, (id: $0.id!, name: $0.name)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The names and credit codes of these employers (public facts of a business).
    public func summaries(_ ids: [UUID]) async throws -> [UUID: (name: String, creditCode: String)] {
        guard !ids.isEmpty else { return [:] }
        let models = try await EmployerModel.query(on: database).filter(\.$id ~~ ids).all()
        return Dictionary(models.map { ($0.id!, (name: $0.name, creditCode: $0.creditCode)) }, uniquingKeysWith: { first, _ in first })
    }

    /// Employers in the principal's jurisdiction (an enterprise account sees its own), by name.
    public func list(region: String? = nil, search: String? = nil, by principal: Principal,
                     page: Paging = Paging()) async throws -> Paged<Employer> {
        guard principal.role == .enterprise || principal.role?.isStaff == true else { throw DomainError.forbidden }
        func query() -> QueryBuilder<EmployerModel> {
            let query = EmployerModel.query(on: database)
            if principal.role == .enterprise {
                query.filter(\.$id == (principal.employerID ?? UUID()))
            } else {
                query.within(principal.role?.isStaff == true ? principal.scope : .nothing, columns: "region_code")
            }
            if let region { query.within(.region(region), columns: "region_code") }
            if let search, !search.isEmpty { query.matching(search, in: "name", "credit_code") }
            return query
        }
        let total = try await query().count()
        let models = try await query().sort(\.$name).range(page.offset..<(page.offset + page.perPage)).all()
        return Paged(items: models.map(\.masked), total: total, request: page)
    }

    /// Links an enterprise account to the employer it acts for: admins, and coordinators covering the employer
    /// (and, when the account already acts for another employer, covering that one too).
    public func link(account accountID: UUID, to employerID: UUID, by principal: Principal) async throws {
        guard principal.role == .admin || principal.role == .coordinator else { throw DomainError.forbidden }
        try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let employer = try await manageable(employerID, by: principal, on: tx)
            guard let account = try await AccountModel.find(accountID, on: tx), account.role == Role.enterprise.rawValue else {
                throw DomainError.invalid("username", "not_enterprise_account")
            }
            if let current = account.employerID, current != employerID {
                guard let previous = try await EmployerModel.find(current, on: tx),
                      Permissions.canManageEmployer(principal, regionCode: previous.regionCode) else {
                    throw DomainError(.conflict, code: "account_linked_elsewhere", field: "username")
                }
            }
            let before = account.employerID
            account.employerID = employerID
            account.changeSeq = seq
            try await account.save(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "link_account", entity: "employer",
                                           entityID: employer.creditCode, regionCode: employer.regionCode,
                                           before: ["account": account.username, "employer": before?.uuidString ?? ""],
                                           after: ["account": account.username, "employer": employerID.uuidString])
        }
    }

    func visible(_ id: UUID, by principal: Principal) async throws -> EmployerModel {
        guard let model = try await EmployerModel.find(id, on: database),
              Permissions.canRevealEmployerContact(principal, employerID: id, regionCode: model.regionCode) else {
            throw DomainError.notFound("employer")
        }
        return model
    }

    func manageable(_ id: UUID, by principal: Principal, on database: any Database) async throws -> EmployerModel {
        guard let model = try await EmployerModel.find(id, on: database),
              Permissions.canManageEmployer(principal, regionCode: model.regionCode) else {
            throw DomainError.notFound("employer")
        }
        return model
    }
}
