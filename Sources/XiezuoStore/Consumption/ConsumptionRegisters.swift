import FluentKit
import Foundation
import XiezuoCore

/// Regional public brands, sales events and budget units' procurement: public to read (procurement for staff), kept
/// by the staff covering their region.
public struct ConsumptionRegisters: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database
    let regions: RegionDirectory

    /// Creates the registers over `database`.
    public init(database: any Database, regions: RegionDirectory, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.regions = regions
    }

    /// Records (`id` nil) or replaces a regional brand; a name once.
    public func saveBrand(_ draft: RegionalBrandDraft, id: UUID? = nil, by principal: Principal) async throws -> RegionalBrand {
        try await save(id: id, entity: "regional_brand", by: principal) { before, tx in
            var brand = try draft.validated(in: regions, id: id ?? UUID())
            brand.generated = before?.generated ?? false
            if let other = try await RegisterRow<RegionalBrand>.query(on: tx).filter(\.$name == brand.name).first(), other.id != brand.id {
                throw DomainError(.conflict, code: "brand_name_taken", field: "name")
            }
            return brand
        }
    }

    /// Records (`id` nil) or replaces an event, by staff covering its Jiangsu city.
    public func saveEvent(_ draft: SalesEventDraft, id: UUID? = nil, by principal: Principal) async throws -> SalesEvent {
        try await save(id: id, entity: "sales_event", by: principal) { before, tx in
            let suppliers = try await EmployerModel.query(on: tx).filter(\.$id ~~ (draft.supplierIds ?? []).prefix(200).map { $0 }).all()
                .filter { $0.regionCode.hasPrefix("61") }.compactMap(\.id)
            var event = try draft.validated(in: regions, id: id ?? UUID(), knownSuppliers: Set(suppliers))
            event.generated = before?.generated ?? false
            return event
        }
    }

    /// Records (`id` nil) or replaces a budget unit's year, by staff covering its Jiangsu region; one row per unit,
    /// region and year.
    public func saveProcurement(_ draft: ProcurementDraft, id: UUID? = nil, by principal: Principal, today: Day? = nil) async throws -> Procurement {
        let today = today ?? clock.today
        return try await save(id: id, entity: "procurement", by: principal) { _, tx in
            let procurement = try draft.validated(in: regions, id: id ?? UUID(), today: today)
            if let other = try await RegisterRow<Procurement>.query(on: tx).filter(\.$name == procurement.registerName).first(),
               other.id != procurement.id {
                throw DomainError(.conflict, code: "procurement_exists", field: "unitName")
            }
            return procurement
        }
    }

    private func save<R: RegisterRecord & Encodable>(id: UUID?, entity: String, by principal: Principal,
                                                     make: @Sendable @escaping (R?, any Database) async throws -> R) async throws -> R {
        try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let before = try await id.asyncMap { try await Register<R>.find($0, on: tx) } ?? nil
            if id != nil, before == nil { throw DomainError.notFound(entity) }
            if let before, !Permissions.canRecordSales(principal, regionCode: before.registerCounty) { throw DomainError.notFound(entity) }
            let after = try await make(before, tx)
            guard Permissions.canRecordSales(principal, regionCode: after.registerCounty) else { throw DomainError.forbidden }
            try await Register.save(after, seq: seq, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: before == nil ? "create" : "update", entity: entity,
                                           entityID: after.id.uuidString, regionCode: after.registerCounty, before: before, after: after)
            return after
        }
    }

    /// One regional brand (public).
    public func brand(_ id: UUID) async throws -> RegionalBrand {
        guard let brand = try await Register<RegionalBrand>.find(id, on: database) else { throw DomainError.notFound("regional_brand") }
        return brand
    }

    /// Regional brands in a region (public), by region then name.
    public func brands(region: String? = nil, page: Paging = Paging(perPage: 200)) async throws -> Paged<RegionalBrand> {
        try await Register<RegionalBrand>.page({ Register<RegionalBrand>.query(region: region, on: database) }, paging: page, order: .countyThenName)
    }

    /// One event (public).
    public func event(_ id: UUID) async throws -> SalesEvent {
        guard let event = try await Register<SalesEvent>.find(id, on: database) else { throw DomainError.notFound("sales_event") }
        return event
    }

    /// One budget unit's year (the staff check it before showing it).
    public func procurement(_ id: UUID) async throws -> Procurement {
        guard let unit = try await Register<Procurement>.find(id, on: database) else { throw DomainError.notFound("procurement") }
        return unit
    }

    /// Events in a Jiangsu region (public), newest first.
    public func events(region: String? = nil, page: Paging = Paging()) async throws -> Paged<SalesEvent> {
        try await Register<SalesEvent>.page({ Register<SalesEvent>.query(region: region, on: database) }, paging: page)
    }

    /// Budget units' procurement of a year in the staff's jurisdiction (or `region`), lowest share first.
    public func procurements(year: Int, region: String? = nil, by principal: Principal) async throws -> [Procurement] {
        guard principal.role?.isStaff == true else { throw DomainError.forbidden }
        let rows = try await Register<Procurement>.query(region: region, on: database).within(principal.scope, columns: "county_code")
            .filter(\.$day == String(year)).all().map { try $0.record() }
        return rows.sorted { ($0.shareBasisPoints ?? Int.max, $0.unitName) < ($1.shareBasisPoints ?? Int.max, $1.unitName) }
    }
}
