import FluentKit
import Foundation
import XiezuoCore

/// Filters for the enterprise pipeline list.
public struct EnterpriseFilter: Sendable, Equatable {
    public var region: String?
    public var parkID: UUID?
    public var status: EnterpriseStatus?
    public var chain: String?
    public var search: String?
    /// Only the enterprises the principal may change (the staff pipeline), not also the public ones elsewhere.
    public var editableOnly = false

    public init(region: String? = nil, parkID: UUID? = nil, status: EnterpriseStatus? = nil, chain: String? = nil, search: String? = nil) {
        self.region = region
        self.parkID = parkID
        self.status = status
        self.chain = chain
        self.search = search
    }
}

/// Jiangsu enterprises moving west. Leads and negotiations are seen only by the staff of their county; signed and
/// landed enterprises are public. A landing (construction started) books the enterprise, its investment and its
/// jobs into the facts in the same transaction.
public struct EnterpriseRepository: Sendable {
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

    /// Records an enterprise as a lead.
    public func create(_ draft: EnterpriseDraft, by principal: Principal, today: Day? = nil) async throws -> Enterprise {
        let today = today ?? clock.today
        return try await write(id: UUID(), isNew: true, draft: draft, by: principal, today: today)
    }

    /// Replaces an enterprise's fields (its status and dates move separately).
    public func update(_ id: UUID, with draft: EnterpriseDraft, by principal: Principal, today: Day? = nil) async throws -> Enterprise {
        let today = today ?? clock.today
        return try await write(id: id, isNew: false, draft: draft, by: principal, today: today)
    }

    private func write(id: UUID, isNew: Bool, draft: EnterpriseDraft, by principal: Principal, today: Day) async throws -> Enterprise {
        try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let existing = try await EnterpriseModel.find(id, on: tx)
            let before = try existing?.enterprise()
            if !isNew, before == nil { throw DomainError.notFound("enterprise") }
            if let before, !Permissions.canEditIndustry(principal, countyCode: before.countyCode) { throw DomainError.notFound("enterprise") }
            let park = try await draft.parkId.asyncMap { try await ParkModel.find($0, on: tx)?.park() } ?? nil
            var after = try draft.validated(in: regions, base: before, id: id, park: park, pairingID: nil)
            // Credited to the pairing of the (checked) county with the home city, in force in the landing year.
            after.pairingID = try await IndustryLedger.pairing(county: after.countyCode, east: after.originCode,
                                                               year: before?.landedOn?.year ?? today.year, on: tx)
            guard Permissions.canEditIndustry(principal, countyCode: after.countyCode) else { throw DomainError.forbidden }
            let model = existing ?? EnterpriseModel()
            try model.apply(after, seq: seq)
            try await model.save(on: tx)
            try await FactStore(database: tx).book(FactRules.delta(from: before.map(FactRules.contributions(of:)) ?? [:],
                                                                   to: FactRules.contributions(of: after)))
            try await AuditRecorder.record(on: tx, by: principal, action: before == nil ? "create" : "update", entity: "enterprise",
                                           entityID: id.uuidString, regionCode: after.countyCode,
                                           partnerRegionCode: Self.auditPartner(before, after), before: before, after: after)
            return after
        }
    }

    /// The Jiangsu side an audit entry is also shown to: the home city, but only when neither state of the record is
    /// confidential (the audit log is readable by the staff of either side, and leads are the county's alone).
    static func auditPartner(_ before: Enterprise?, _ after: Enterprise) -> String? {
        (before?.status.isPublic ?? true) && after.status.isPublic ? after.originCode : nil
    }

    /// Moves an enterprise one step along the pipeline, dated `on` (today by default); an illegal jump is refused.
    public func move(_ id: UUID, to status: EnterpriseStatus, on day: Day? = nil, by principal: Principal,
                     today: Day? = nil) async throws -> Enterprise {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            guard let model = try await EnterpriseModel.find(id, on: tx) else { throw DomainError.notFound("enterprise") }
            let before = try model.enterprise()
            guard Permissions.canEditIndustry(principal, countyCode: before.countyCode) else { throw DomainError.notFound("enterprise") }
            var after = try before.moved(to: status, on: day ?? today, today: today)
            if status == .underConstruction {
                // Credited to the pairing in force in the landing year.
                after.pairingID = try await IndustryLedger.pairing(county: after.countyCode, east: after.originCode,
                                                                   year: after.landedOn!.year, on: tx)
            }
            try model.apply(after, seq: seq)
            try await model.save(on: tx)
            try await FactStore(database: tx).book(FactRules.delta(from: FactRules.contributions(of: before),
                                                                   to: FactRules.contributions(of: after)))
            try await AuditRecorder.record(on: tx, by: principal, action: "status_\(status.rawValue)", entity: "enterprise",
                                           entityID: id.uuidString, regionCode: after.countyCode,
                                           partnerRegionCode: Self.auditPartner(before, after), before: before, after: after)
            return after
        }
    }

    /// One enterprise, if the principal may see it.
    public func get(_ id: UUID, by principal: Principal) async throws -> Enterprise {
        guard let model = try await EnterpriseModel.find(id, on: database) else { throw DomainError.notFound("enterprise") }
        let enterprise = try model.enterprise()
        guard enterprise.status.isPublic || Permissions.seesWholePipeline(principal, countyCode: enterprise.countyCode) else {
            throw DomainError.notFound("enterprise")
        }
        return enterprise
    }

    /// Enterprises matching the filter that the principal may see, by county then name.
    public func list(_ filter: EnterpriseFilter, by principal: Principal, page: Paging = Paging()) async throws -> Paged<Enterprise> {
        let scope = principal.role?.isStaff == true ? principal.scope : .nothing
        let total = try await query(filter, scope: scope).count()
        let models = try await query(filter, scope: scope).sort(\.$countyCode).sort(\.$name)
            .range(page.offset..<(page.offset + page.perPage)).all()
        return Paged(items: try models.map { try $0.enterprise() }, total: total, request: page)
    }

    /// The query of ``list(_:by:page:)``: public statuses everywhere, every status within `scope`.
    ///
    /// A method rather than a local function: a local function capturing this function's locals, called again
    /// after an `await`, crashed the test process (a use-after-free of the captured database) with Swift 6.3.
    private func query(_ filter: EnterpriseFilter, scope: AccessScope) -> QueryBuilder<EnterpriseModel> {
        let publicStatuses = EnterpriseStatus.allCases.filter(\.isPublic).map(\.rawValue)
        let query = EnterpriseModel.query(on: database)
        switch scope {
        case .everything: break
        case .nothing: query.filter(\.$status ~~ publicStatuses)
        case .region(let prefix):
            query.group(.or) { group in
                group.filter(\.$status ~~ publicStatuses)
                group.filter(.sql(embed: "\(ident: "county_code") LIKE \(bind: prefix + "%")"))
            }
        }
        if filter.editableOnly { query.within(scope, columns: "county_code") }
        if let region = filter.region { query.within(.region(region), columns: "county_code", "origin_code") }
        if let park = filter.parkID { query.filter(\.$parkID == park) }
        if let status = filter.status { query.filter(\.$status == status.rawValue) }
        if let chain = filter.chain { query.filter(\.$chain == chain) }
        if let search = filter.search, !search.isEmpty { query.matching(search, in: "name", "credit_code") }
        return query
    }
}

/// Investment-promotion events: public to read; recorded by the staff of the organising region.
public struct PromotionEventRepository: Sendable {
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

    /// Records an event, or replaces one when `id` names a stored event.
    public func save(_ draft: PromotionEventDraft, id: UUID? = nil, by principal: Principal, today: Day? = nil) async throws -> PromotionEvent {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let existing = try await id.asyncMap { try await PromotionEventModel.find($0, on: tx) } ?? nil
            if id != nil, existing == nil { throw DomainError.notFound("event") }
            let before = try existing?.event()
            if let before, !(principal.role?.isStaff == true && principal.scope.covers(before.organiserCode)) { throw DomainError.notFound("event") }
            let event = try draft.validated(in: regions, id: id ?? UUID(), today: today)
            guard principal.role?.isStaff == true, principal.scope.covers(event.organiserCode) else { throw DomainError.forbidden }
            let model = existing ?? PromotionEventModel()
            try model.apply(event, seq: seq)
            try await model.save(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: before == nil ? "create" : "update", entity: "promotion_event",
                                           entityID: event.id.uuidString, regionCode: event.organiserCode, partnerRegionCode: event.cityCode,
                                           before: before, after: event)
            return event
        }
    }

    /// One event (public).
    public func get(_ id: UUID) async throws -> PromotionEvent {
        guard let model = try await PromotionEventModel.find(id, on: database) else { throw DomainError.notFound("event") }
        return try model.event()
    }

    /// Events (public), newest first; `region` matches the organiser or the host city.
    public func list(region: String? = nil, year: Int? = nil, page: Paging = Paging()) async throws -> Paged<PromotionEvent> {
        func query() -> QueryBuilder<PromotionEventModel> {
            let query = PromotionEventModel.query(on: database)
            if let region { query.within(.region(region), columns: "organiser_code", "city_code") }
            if let year { query.filter(\.$date >= "\(year)-01-01").filter(\.$date <= "\(year)-12-31") }
            return query
        }
        let total = try await query().count()
        let models = try await query().sort(\.$date, .descending).range(page.offset..<(page.offset + page.perPage)).all()
        return Paged(items: try models.map { try $0.event() }, total: total, request: page)
    }
}
