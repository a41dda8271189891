import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// Co-built parks: public to read; recorded and changed by the staff of their county, with the park count and the
/// coverage indicator 一县一园区 booked in the same transaction.
public struct ParkRepository: Sendable {
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

    /// Records a park.
    public func create(_ draft: ParkDraft, by principal: Principal, today: Day? = nil) async throws -> Park {
        let today = today ?? clock.today
        return try await write(id: UUID(), isNew: true, draft: draft, by: principal, today: today)
    }

    /// Replaces a park's fields. An enclave with agreed shares cannot stop being an enclave.
    public func update(_ id: UUID, with draft: ParkDraft, by principal: Principal, today: Day? = nil) async throws -> Park {
        let today = today ?? clock.today
        return try await write(id: id, isNew: false, draft: draft, by: principal, today: today)
    }

    private func write(id: UUID, isNew: Bool, draft: ParkDraft, by principal: Principal, today: Day) async throws -> Park {
        try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let existing = try await ParkModel.find(id, on: tx)
            let before = try existing?.park()
            if !isNew, before == nil { throw DomainError.notFound("park") }
            if let before, !Permissions.canEditIndustry(principal, countyCode: before.countyCode) { throw DomainError.notFound("park") }
            var after = try draft.validated(in: regions, id: id, pairingID: nil,
                                            projectCounties: try await IndustryLedger.projectCounties(draft.projectIds, on: tx), today: today)
            after.pairingID = try await IndustryLedger.pairing(county: after.countyCode, east: after.partnerCode,
                                                               year: after.established?.year ?? today.year, on: tx)
            guard Permissions.canEditIndustry(principal, countyCode: after.countyCode) else { throw DomainError.forbidden }
            if let before {
                // Agreed shares name the park's two sides: while there are any, the form and both sides stay.
                if before.form != after.form || before.countyCode != after.countyCode || before.partnerCode != after.partnerCode,
                   try await EnclaveShareModel.query(on: tx).filter(\.$parkID == id).count() > 0 {
                    let field = before.form != after.form ? "form" : (before.countyCode != after.countyCode ? "countyCode" : "partnerCode")
                    throw DomainError.invalid(field, "enclave_has_shares")
                }
                if before.countyCode != after.countyCode,
                   try await EnterpriseModel.query(on: tx).filter(\.$parkID == id).count() > 0 {
                    throw DomainError.invalid("countyCode", "park_has_enterprises")
                }
            }
            let model = existing ?? ParkModel()
            try model.apply(after, seq: seq)
            try await model.save(on: tx)
            try await rebook(before: before, after: after, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: before == nil ? "create" : "update", entity: "park",
                                           entityID: id.uuidString, regionCode: after.countyCode, partnerRegionCode: after.partnerCode,
                                           before: before, after: after)
            return after
        }
    }

    /// Removes a park with no enterprises and no enclave shares (a mistaken entry).
    public func delete(_ id: UUID, by principal: Principal) async throws {
        try await database.writeTransaction { tx in
            _ = try await ChangeSequence.next(on: tx)
            guard let model = try await ParkModel.find(id, on: tx) else { throw DomainError.notFound("park") }
            let before = try model.park()
            guard Permissions.canEditIndustry(principal, countyCode: before.countyCode) else { throw DomainError.notFound("park") }
            if try await EnterpriseModel.query(on: tx).filter(\.$parkID == id).count() > 0 {
                throw DomainError(.conflict, code: "park_has_enterprises")
            }
            if try await EnclaveShareModel.query(on: tx).filter(\.$parkID == id).count() > 0 {
                throw DomainError(.conflict, code: "enclave_has_shares")
            }
            try await (tx as! any SQLDatabase).delete(from: "park_figures").where("park_id", .equal, SQLBind(id)).run()
            try await (tx as! any SQLDatabase).delete(from: "park_images").where("park_id", .equal, SQLBind(id)).run()
            try await model.delete(on: tx)
            try await rebook(before: before, after: nil, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "delete", entity: "park", entityID: id.uuidString,
                                           regionCode: before.countyCode, before: before, after: Optional<Park>.none)
        }
    }

    private func rebook(before: Park?, after: Park?, on tx: any Database) async throws {
        var delta = FactRules.delta(from: before.map(FactRules.contributions(of:)) ?? [:], to: after.map(FactRules.contributions(of:)) ?? [:])
        delta.merge(try await IndustryLedger.coverageDelta(
            IndicatorCatalogue.coveragePark,
            before: before.map { ($0.countyCode, FactRules.parkEntry($0)) },
            after: after.map { ($0.countyCode, FactRules.parkEntry($0)) },
            others: { try await IndustryLedger.parkEntries(county: $0, excluding: (before ?? after)?.id, on: tx) }), uniquingKeysWith: +)
        try await FactStore(database: tx).book(delta.filter { $0.value != 0 })
    }

    /// One park (public).
    public func get(_ id: UUID) async throws -> Park {
        guard let model = try await ParkModel.find(id, on: database) else { throw DomainError.notFound("park") }
        return try model.park()
    }

    /// Parks matching the filter (public), by county then name; `category` filters by form.
    public func list(_ filter: IndustryFilter, page: Paging = Paging()) async throws -> Paged<Park> {
        func query() -> QueryBuilder<ParkModel> {
            let query = ParkModel.query(on: database)
            if let region = filter.region { query.within(.region(region), columns: "county_code", "partner_code") }
            if let form = filter.category { query.filter(\.$form == form) }
            if let search = filter.search, !search.isEmpty { query.matching(search, in: "name") }
            return query
        }
        let total = try await query().count()
        let models = try await query().sort(\.$countyCode).sort(\.$name).range(page.offset..<(page.offset + page.perPage)).all()
        return Paged(items: try models.map { try $0.park() }, total: total, request: page)
    }

    /// Every park in a Shaanxi region's subtree (for the overview), by county.
    public func all(in region: String) async throws -> [Park] {
        try await ParkModel.query(on: database).within(.region(region), columns: "county_code")
            .sort(\.$countyCode).sort(\.$name).all().map { try $0.park() }
    }
}
