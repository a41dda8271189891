import Foundation
import XiezuoCore

extension PersonnelExchange: RegisterRecord {
    typealias Stored = PersonnelExchangeStoredV1
    /// Dated by the posting's start; searched by name and employer.
    static let register = RegisterColumns<Self>(table: "personnel_exchanges", county: { $0.regionCode }, day: { $0.from.description },
                                                status: { $0.direction.rawValue }, name: { $0.name + " " + $0.employer })
}

extension VillagePairing: RegisterRecord {
    typealias Stored = VillagePairingStoredV1
    static let register = RegisterColumns<Self>(table: "village_pairings", county: { $0.countyCode }, day: { "\($0.year)-01-01" },
                                                status: { $0.partnerKind.rawValue }, name: { $0.partnerName + " " + $0.village })
}

extension DemonstrationVillage: RegisterRecord {
    typealias Stored = DemonstrationVillageStoredV1
    static let register = RegisterColumns<Self>(table: "demonstration_villages", county: { $0.countyCode }, day: { "\($0.year)-01-01" },
                                                status: { $0.status.rawValue }, name: { $0.village })
}

/// How a ``PersonnelExchange`` is kept in `personnel_exchanges.body`: version 1 (see ``StoredShape``).
struct PersonnelExchangeStoredV1: StoredShape {
    static let version = 1
    var v: Int
    var id: UUID
    var name: String
    var sex: String
    var employer: String
    var post: String
    var field: String
    var direction: String
    var level: String
    var regionCode: String
    var partnerCode: String?
    var from: String
    var to: String
    var generated: Bool

    init(_ value: PersonnelExchange) {
        v = Self.version
        id = value.id
        name = value.name
        sex = value.sex.rawValue
        employer = value.employer
        post = value.post
        field = value.field.rawValue
        direction = value.direction.rawValue
        level = value.level.rawValue
        regionCode = value.regionCode
        partnerCode = value.partnerCode
        from = value.from.description
        to = value.to.description
        generated = value.generated
    }

    func value(in row: StoredRow) throws -> PersonnelExchange {
        try row.check(version: v, reads: Self.version)
        return PersonnelExchange(id: id, name: name, sex: try row.choice(sex, as: PersonSex.self, column: "body.sex"), employer: employer,
                                 post: post, field: try row.choice(field, as: ExchangeField.self, column: "body.field"),
                                 direction: try row.choice(direction, as: ExchangeDirection.self, column: "body.direction"),
                                 level: try row.choice(level, as: ExchangeLevel.self, column: "body.level"), regionCode: regionCode,
                                 partnerCode: partnerCode, from: try row.day(from, column: "body.from"), to: try row.day(to, column: "body.to"),
                                 generated: generated)
    }
}

/// How a ``VillagePairing`` is kept in `village_pairings.body`: version 1; amounts in fen.
struct VillagePairingStoredV1: StoredShape {
    static let version = 1
    var v: Int
    var id: UUID
    var partnerName: String
    var partnerKind: String
    var partnerRegion: String?
    var townshipCode: String
    var village: String
    var year: Int
    var moneyPledged: Int64
    var goodsPledged: Int64
    var moneyDelivered: Int64
    var goodsDelivered: Int64
    var generated: Bool

    init(_ value: VillagePairing) {
        v = Self.version
        id = value.id
        partnerName = value.partnerName
        partnerKind = value.partnerKind.rawValue
        partnerRegion = value.partnerRegion
        townshipCode = value.townshipCode
        village = value.village
        year = value.year
        moneyPledged = value.moneyPledged
        goodsPledged = value.goodsPledged
        moneyDelivered = value.moneyDelivered
        goodsDelivered = value.goodsDelivered
        generated = value.generated
    }

    func value(in row: StoredRow) throws -> VillagePairing {
        try row.check(version: v, reads: Self.version)
        return VillagePairing(id: id, partnerName: partnerName,
                              partnerKind: try row.choice(partnerKind, as: VillagePartnerKind.self, column: "body.partnerKind"),
                              partnerRegion: partnerRegion, townshipCode: townshipCode, village: village, year: year, moneyPledged: moneyPledged,
                              goodsPledged: goodsPledged, moneyDelivered: moneyDelivered, goodsDelivered: goodsDelivered, generated: generated)
    }
}

/// How a ``DemonstrationVillage`` is kept in `demonstration_villages.body`: version 1.
struct DemonstrationVillageStoredV1: StoredShape {
    static let version = 1
    var v: Int
    var id: UUID
    var townshipCode: String
    var village: String
    var year: Int
    var status: String
    var projectIds: [UUID]
    var note: String?
    var generated: Bool

    init(_ value: DemonstrationVillage) {
        v = Self.version
        id = value.id
        townshipCode = value.townshipCode
        village = value.village
        year = value.year
        status = value.status.rawValue
        projectIds = value.projectIDs
        note = value.note
        generated = value.generated
    }

    func value(in row: StoredRow) throws -> DemonstrationVillage {
        try row.check(version: v, reads: Self.version)
        return DemonstrationVillage(id: id, townshipCode: townshipCode, village: village, year: year,
                                    status: try row.choice(status, as: DemonstrationStatus.self, column: "body.status"), projectIDs: projectIds,
                                    note: note, generated: generated)
    }
}
