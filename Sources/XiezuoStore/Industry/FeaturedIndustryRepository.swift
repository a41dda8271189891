import FluentKit
import Foundation
import XiezuoCore

/// Featured industries: public to read; recorded and changed by the staff of their county, with the coverage
/// indicator 一县一特色 rebooked in the same transaction.
public struct FeaturedIndustryRepository: Sendable {
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

    /// Records an industry.
    public func create(_ draft: FeaturedIndustryDraft, by principal: Principal, today: Day? = nil) async throws -> FeaturedIndustry {
        let today = today ?? clock.today
        return try await write(id: UUID(), isNew: true, draft: draft, by: principal, today: today)
    }

    /// Replaces an industry's fields.
    public func update(_ id: UUID, with draft: FeaturedIndustryDraft, by principal: Principal, today: Day? = nil) async throws -> FeaturedIndustry {
        let today = today ?? clock.today
        return try await write(id: id, isNew: false, draft: draft, by: principal, today: today)
    }

    private func write(id: UUID, isNew: Bool, draft: FeaturedIndustryDraft, by principal: Principal, today: Day) async throws -> FeaturedIndustry {
        try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let existing = try await FeaturedIndustryModel.find(id, on: tx)
            let before = try existing?.industry()
            if !isNew, before == nil { throw DomainError.notFound("industry") }
            if let before, !Permissions.canEditIndustry(principal, countyCode: before.countyCode) { throw DomainError.notFound("industry") }
            var after = try draft.validated(in: regions, id: id, pairingID: nil,
                                            projectCounties: try await IndustryLedger.projectCounties(draft.projectIds, on: tx), today: today)
            after.pairingID = try await IndustryLedger.pairing(county: after.countyCode, east: nil, year: after.since, on: tx)
            guard Permissions.canEditIndustry(principal, countyCode: after.countyCode) else { throw DomainError.forbidden }
            let model = existing ?? FeaturedIndustryModel()
            try model.apply(after, seq: seq)
            try await model.save(on: tx)
            try await rebook(before: before, after: after, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: before == nil ? "create" : "update", entity: "featured_industry",
                                           entityID: id.uuidString, regionCode: after.countyCode, before: before, after: after)
            return after
        }
    }

    /// Removes an industry (a mistaken entry); the coverage indicator follows.
    public func delete(_ id: UUID, by principal: Principal) async throws {
        try await database.writeTransaction { tx in
            _ = try await ChangeSequence.next(on: tx)
            guard let model = try await FeaturedIndustryModel.find(id, on: tx) else { throw DomainError.notFound("industry") }
            let before = try model.industry()
            guard Permissions.canEditIndustry(principal, countyCode: before.countyCode) else { throw DomainError.notFound("industry") }
            try await model.delete(on: tx)
            try await rebook(before: before, after: nil, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "delete", entity: "featured_industry", entityID: id.uuidString,
                                           regionCode: before.countyCode, before: before, after: Optional<FeaturedIndustry>.none)
        }
    }

    private func rebook(before: FeaturedIndustry?, after: FeaturedIndustry?, on tx: any Database) async throws {
        let delta = try await IndustryLedger.coverageDelta(
            IndicatorCatalogue.coverageSpecialty,
            before: before.map { ($0.countyCode, FactRules.specialtyEntry($0)) },
            after: after.map { ($0.countyCode, FactRules.specialtyEntry($0)) },
            others: { try await IndustryLedger.specialtyEntries(county: $0, excluding: (before ?? after)?.id, on: tx) })
        try await FactStore(database: tx).book(delta)
    }

    /// One industry (public).
    public func get(_ id: UUID) async throws -> FeaturedIndustry {
        guard let model = try await FeaturedIndustryModel.find(id, on: database) else { throw DomainError.notFound("industry") }
        return try model.industry()
    }

    /// Industries matching the filter (public), by county then name.
    public func list(_ filter: IndustryFilter, page: Paging = Paging()) async throws -> Paged<FeaturedIndustry> {
        func query() -> QueryBuilder<FeaturedIndustryModel> {
            let query = FeaturedIndustryModel.query(on: database)
            if let region = filter.region { query.within(.region(region), columns: "county_code") }
            if let category = filter.category { query.filter(\.$category == category) }
            if let search = filter.search, !search.isEmpty { query.matching(search, in: "name", "category") }
            return query
        }
        let total = try await query().count()
        let models = try await query().sort(\.$countyCode).sort(\.$name).range(page.offset..<(page.offset + page.perPage)).all()
        return Paged(items: try models.map { try $0.industry() }, total: total, request: page)
    }

    /// Every industry in a region's subtree (for the overview), by county.
    public func all(in region: String) async throws -> [FeaturedIndustry] {
        try await FeaturedIndustryModel.query(on: database).within(.region(region), columns: "county_code")
            .sort(\.$countyCode).sort(\.$name).all().map { try $0.industry() }
    }
}
