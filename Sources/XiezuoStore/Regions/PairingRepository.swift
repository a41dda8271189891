import FluentKit
import FluentSQL
import Foundation
import XiezuoCore

/// Reads and changes pairings. Reading is public; writing checks ``Permissions/canEditPairing(_:eastCode:westCode:)``.
public struct PairingRepository: Sendable {
    let database: any Database
    let regions: RegionDirectory

    /// Creates a repository over `database`, validating codes against `regions`.
    public init(database: any Database, regions: RegionDirectory) {
        self.database = database
        self.regions = regions
    }

    /// Pairings in force in `year` (all years when nil) that touch `region` (its subtree or its ancestors).
    public func list(year: Int? = nil, region: String? = nil, page: Paging = Paging()) async throws -> Paged<Pairing> {
        if let region, !(RegionCode.isWellFormed(region) && regions[region] != nil) {
            throw DomainError.invalid("region", "unknown_region", ["code": region])
        }
        if let year { _ = try Validate.year(year, field: "year", required: true) }
        let query = filtered(year: year, region: region)
        let total = try await query.count()
        let models = try await filtered(year: year, region: region)
            .sort(\.$level).sort(\.$eastCode).sort(\.$westCode)
            .range(page.offset..<(page.offset + page.perPage))
            .all()
        return Paged(items: try models.map { try $0.pairing }, total: total, request: page)
    }

    private func filtered(year: Int?, region: String?) -> QueryBuilder<PairingModel> {
        let query = PairingModel.query(on: database)
        if let year {
            query.group(.or) { $0.filter(\.$validFrom == nil).filter(\.$validFrom <= year) }
            query.group(.or) { $0.filter(\.$validTo == nil).filter(\.$validTo >= year) }
        }
        if let region {
            let ancestors = RegionCode.ancestors(of: region) + [region]
            query.group(.or) { group in
                group.filter(\.$eastCode, .custom("LIKE"), region + "%")
                group.filter(\.$westCode, .custom("LIKE"), region + "%")
                group.filter(\.$eastCode ~~ ancestors)
                group.filter(\.$westCode ~~ ancestors)
            }
        }
        return query
    }

    /// One pairing.
    public func get(_ id: UUID) async throws -> Pairing {
        guard let model = try await PairingModel.find(id, on: database) else { throw DomainError.notFound("pairing") }
        return try model.pairing
    }

    /// Adds a pairing after validation and the permission check; records it in the audit log.
    public func create(_ draft: PairingDraft, by principal: Principal) async throws -> Pairing {
        let valid = try draft.validated(in: regions)
        guard Permissions.canEditPairing(principal, eastCode: valid.east.code, westCode: valid.west.code) else {
            throw DomainError.forbidden
        }
        return try await database.writeTransaction { tx in
            try await Self.checkNoOverlap(east: valid.east.code, west: valid.west.code,
                                          span: valid.validFrom...(valid.validTo ?? Int.max), except: nil, on: tx)
            let model = PairingModel()
            model.id = UUID()
            model.eastCode = valid.east.code
            model.westCode = valid.west.code
            model.level = valid.east.level.rawValue
            model.validFrom = valid.validFrom
            model.validTo = valid.validTo
            model.confidence = "recorded"
            model.note = valid.note
            model.changeSeq = try await ChangeSequence.next(on: tx)
            try await model.create(on: tx)
            let pairing = try model.pairing
            try await AuditRecorder.record(on: tx, by: principal, action: "create", entity: "pairing",
                                           entityID: pairing.id.uuidString, regionCode: pairing.westCode,
                                           partnerRegionCode: pairing.eastCode, before: Optional<Pairing>.none, after: pairing)
            return pairing
        }
    }

    /// Ends a pairing or edits its note.
    public func update(_ id: UUID, with patch: PairingPatch, by principal: Principal) async throws -> Pairing {
        try await database.writeTransaction { tx in
            guard let model = try await PairingModel.find(id, on: tx) else { throw DomainError.notFound("pairing") }
            let before = try model.pairing
            guard Permissions.canEditPairing(principal, eastCode: before.eastCode, westCode: before.westCode) else {
                throw DomainError.forbidden
            }
            let after = try patch.applied(to: before)
            try await Self.checkNoOverlap(east: after.eastCode, west: after.westCode,
                                          span: (after.validFrom ?? Int.min)...(after.validTo ?? Int.max), except: id, on: tx)
            model.validTo = after.validTo
            model.note = after.note
            model.changeSeq = try await ChangeSequence.next(on: tx)
            try await model.save(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "update", entity: "pairing",
                                           entityID: id.uuidString, regionCode: before.westCode,
                                           partnerRegionCode: before.eastCode, before: before, after: after)
            return after
        }
    }

    /// Refuses a span that shares a year with another span of the same two regions.
    private static func checkNoOverlap(east: String, west: String, span: ClosedRange<Int>, except: UUID?,
                                       on database: any Database) async throws {
        let others = try await PairingModel.query(on: database)
            .filter(\.$eastCode == east).filter(\.$westCode == west).all()
            .filter { $0.id != except }
        if others.contains(where: { (($0.validFrom ?? Int.min)...($0.validTo ?? Int.max)).overlaps(span) }) {
            throw DomainError(.conflict, code: "pairing_overlaps", field: except == nil ? "validFrom" : "validTo")
        }
    }

    /// How many pairings are stored.
    public func count() async throws -> Int { try await PairingModel.query(on: database).count() }
}
