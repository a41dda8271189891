import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// Projects: created, edited and moved through their life cycle by the staff of their county, with the facts
/// booked in the same transaction.
public struct ProjectRepository: Sendable {
    let database: any Database
    let regions: RegionDirectory

    /// Creates a repository over `database`.
    public init(database: any Database, regions: RegionDirectory) {
        self.database = database
        self.regions = regions
    }

    /// Creates a project (in status reserve unless `status` says approved).
    public func create(_ draft: ProjectDraft, status: ProjectStatus = .reserve, by principal: Principal) async throws -> Project {
        let pairing = try await draft.pairingId.asyncMap { try await PairingModel.find($0, on: database)?.pairing } ?? nil
        let project = try draft.validated(in: regions, pairing: pairing, id: UUID(), status: status)
        guard Permissions.canEditProject(principal, countyCode: project.countyCode) else { throw DomainError.forbidden }
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            if try await ProjectModel.query(on: tx).filter(\.$code == project.code).first() != nil {
                throw DomainError(.conflict, code: "code_taken", field: "code")
            }
            let model = ProjectModel()
            model.apply(project)
            (model.flowsCommitted, model.flowsDisbursed, model.flowsSpent) = (0, 0, 0)
            model.changeSeq = seq
            try await model.create(on: tx)
            try await FactStore(database: tx).book(FactRules.contributions(of: project))
            try await AuditRecorder.record(on: tx, by: principal, action: "create", entity: "project", entityID: project.code,
                                           regionCode: project.countyCode, before: Optional<Project>.none, after: project)
            return project
        }
    }

    /// Replaces a project's fields (not its status). When its county, pairing or action area changes, the facts of
    /// its flows move with it.
    public func update(_ id: UUID, with draft: ProjectDraft, by principal: Principal) async throws -> Project {
        let pairing = try await draft.pairingId.asyncMap { try await PairingModel.find($0, on: database)?.pairing } ?? nil
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let model = try await scoped(id, by: principal, on: tx)
            let before = try model.project
            let after = try draft.validated(in: regions, pairing: pairing, id: id, status: before.status)
            guard Permissions.canEditProject(principal, countyCode: after.countyCode) else { throw DomainError.forbidden }
            if after.code != before.code, try await ProjectModel.query(on: tx).filter(\.$code == after.code).first() != nil {
                throw DomainError(.conflict, code: "code_taken", field: "code")
            }
            var delta = FactRules.delta(from: FactRules.contributions(of: before), to: FactRules.contributions(of: after))
            if before.countyCode != after.countyCode || before.pairingID != after.pairingID || before.actionArea != after.actionArea {
                let flows = try await FundFlowRepository.sums(of: id, on: tx)
                delta.merge(FactRules.delta(from: FactRules.contributions(of: flows, project: before),
                                            to: FactRules.contributions(of: flows, project: after)), uniquingKeysWith: +)
            }
            model.apply(after)
            model.changeSeq = seq
            try await model.save(on: tx)
            try await FactStore(database: tx).book(delta)
            try await AuditRecorder.record(on: tx, by: principal, action: "update", entity: "project", entityID: after.code,
                                           regionCode: after.countyCode, before: before, after: after)
            return after
        }
    }

    /// Moves a project one step on (or cancels it); an illegal jump is refused naming `status`.
    public func move(_ id: UUID, to status: ProjectStatus, by principal: Principal) async throws -> Project {
        try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let model = try await scoped(id, by: principal, on: tx)
            let before = try model.project
            try before.status.checkMove(to: status)
            var after = before
            after.status = status
            model.status = status.rawValue
            model.changeSeq = seq
            try await model.save(on: tx)
            try await FactStore(database: tx).book(FactRules.delta(from: FactRules.contributions(of: before),
                                                                   to: FactRules.contributions(of: after)))
            try await AuditRecorder.record(on: tx, by: principal, action: "status_\(status.rawValue)", entity: "project",
                                           entityID: after.code, regionCode: after.countyCode, before: before, after: after)
            return after
        }
    }

    /// One project, if it lies in the principal's jurisdiction.
    public func get(_ id: UUID, by principal: Principal) async throws -> Project {
        try await readable(id, by: principal, on: database).project
    }

    /// A project the principal may read: one of their jurisdiction, or, for staff of a Jiangsu region, one funded
    /// through a pairing whose Jiangsu side lies in their jurisdiction (read only: writes go through ``scoped``).
    func readable(_ id: UUID, by principal: Principal, on database: any Database) async throws -> ProjectModel {
        guard let model = try await ProjectModel.find(id, on: database) else { throw DomainError.notFound("project") }
        if Self.sees(principal, countyCode: model.countyCode) { return model }
        if let east = PairedRegions.jiangsuSide(of: principal), let pairing = model.pairingID,
           let side = try await PairingModel.find(pairing, on: database)?.eastCode, side.hasPrefix(east) {
            return model
        }
        throw DomainError.notFound("project")
    }

    func scoped(_ id: UUID, by principal: Principal, on database: any Database) async throws -> ProjectModel {
        guard let model = try await ProjectModel.find(id, on: database), Self.sees(principal, countyCode: model.countyCode) else {
            throw DomainError.notFound("project")
        }
        return model
    }

    /// Whether a project of this county is visible to the principal: staff whose jurisdiction covers it. To anyone
    /// else it does not exist.
    static func sees(_ principal: Principal, countyCode: String) -> Bool {
        principal.role?.isStaff == true && principal.scope.covers(countyCode)
    }

    /// Projects in the principal's jurisdiction matching the filter, newest year first, then by code.
    public func list(_ filter: ProjectFilter, by principal: Principal, page: Paging = Paging()) async throws -> Paged<Project> {
        guard principal.role?.isStaff == true else { throw DomainError.forbidden }
        let total = try await query(filter, by: principal).count()
        let models = try await query(filter, by: principal).sort(\.$year, .descending).sort(\.$code)
            .range(page.offset..<(page.offset + page.perPage)).all()
        return Paged(items: try models.map { try $0.project }, total: total, request: page)
    }

    /// Every project matching the filter, for the CSV export, in batches so memory stays flat.
    public func forEach(_ filter: ProjectFilter, by principal: Principal, _ body: ([Project]) async throws -> Void) async throws {
        guard principal.role?.isStaff == true else { throw DomainError.forbidden }
        var offset = 0
        while true {
            let batch = try await query(filter, by: principal).sort(\.$year, .descending).sort(\.$code)
                .range(offset..<(offset + 1000)).all().map { try $0.project }
            if batch.isEmpty { return }
            try await body(batch)
            offset += batch.count
        }
    }

    private func query(_ filter: ProjectFilter, by principal: Principal) -> QueryBuilder<ProjectModel> {
        let query = ProjectModel.query(on: database)
        if let east = PairedRegions.jiangsuSide(of: principal) {
            // The Jiangsu side reads the projects its pairings fund (codes are validated digit strings).
            query.filter(.sql(embed: "pairing_id IN (SELECT id FROM pairings WHERE east_code LIKE \(bind: east + "%"))"))
        } else {
            query.within(principal.scope, columns: "county_code")
        }
        if let year = filter.year { query.filter(\.$year == year) }
        if let region = filter.region { query.within(.region(region), columns: "county_code") }
        if let area = filter.actionArea { query.filter(\.$actionArea == area.rawValue) }
        if let status = filter.status { query.filter(\.$status == status.rawValue) }
        if let search = filter.search, !search.isEmpty { query.matching(search, in: "name", "code") }
        return query
    }
}

extension ProjectRepository {
    /// The ids of the projects with these codes (for forms where staff type codes); unknown codes are left out.
    public func ids(forCodes codes: [String]) async throws -> [String: UUID] {
        guard !codes.isEmpty else { return [:] }
        let models = try await ProjectModel.query(on: database).filter(\.$code ~~ Array(Set(codes.prefix(200)))).all()
        return Dictionary(models.map { ($0.code, $0.id!) }, uniquingKeysWith: { first, _ in first })
    }

    /// The codes of the projects with these ids, for edit forms.
    public func codes(for ids: [UUID]) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let models = try await ProjectModel.query(on: database).filter(\.$id ~~ Array(Set(ids.prefix(200)))).all()
        return Dictionary(models.map { ($0.id!, $0.code) }, uniquingKeysWith: { first, _ in first })
    }
}
