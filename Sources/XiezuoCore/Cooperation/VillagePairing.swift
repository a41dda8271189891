import Foundation

/// Who pairs with a village: an enterprise (村企结对) or a social organisation (社会组织结对).
public enum VillagePartnerKind: String, Sendable, Codable, CaseIterable {
    case enterprise
    case socialOrganisation = "social_organisation"
}

/// A Jiangsu enterprise or social organisation paired with a Shaanxi village for a year, with the money and goods
/// (valued in fen) it pledged and delivered.
public struct VillagePairing: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var partnerName: String
    public var partnerKind: VillagePartnerKind
    /// The Jiangsu region the partner belongs to, if recorded.
    public var partnerRegion: String?
    /// The township the village belongs to (9-digit code); its county keeps the record.
    public var townshipCode: String
    public var village: String
    public var year: Int
    public var moneyPledged: Int64
    public var goodsPledged: Int64
    public var moneyDelivered: Int64
    public var goodsDelivered: Int64
    public var generated: Bool

    public init(id: UUID, partnerName: String, partnerKind: VillagePartnerKind, partnerRegion: String?, townshipCode: String, village: String,
                year: Int, moneyPledged: Int64, goodsPledged: Int64, moneyDelivered: Int64, goodsDelivered: Int64, generated: Bool = false) {
        self.id = id
        self.partnerName = partnerName
        self.partnerKind = partnerKind
        self.partnerRegion = partnerRegion
        self.townshipCode = townshipCode
        self.village = village
        self.year = year
        self.moneyPledged = moneyPledged
        self.goodsPledged = goodsPledged
        self.moneyDelivered = moneyDelivered
        self.goodsDelivered = goodsDelivered
        self.generated = generated
    }

    /// The county whose staff keep it.
    public var countyCode: String { String(townshipCode.prefix(6)) }
    /// The village, named so two townships' villages of one name stay apart.
    public var villageKey: String { townshipCode + " " + village }
}

/// What someone submits to record or edit a village pairing; amounts in fen.
public struct VillagePairingDraft: Sendable, Codable, Equatable {
    public var partnerName: String?
    public var partnerKind: String?
    public var partnerRegion: String?
    public var townshipCode: String?
    public var village: String?
    public var year: Int?
    public var moneyPledged: Int64?
    public var goodsPledged: Int64?
    public var moneyDelivered: Int64?
    public var goodsDelivered: Int64?

    public init(partnerName: String? = nil, partnerKind: String? = nil, partnerRegion: String? = nil, townshipCode: String? = nil,
                village: String? = nil, year: Int? = nil, moneyPledged: Int64? = nil, goodsPledged: Int64? = nil,
                moneyDelivered: Int64? = nil, goodsDelivered: Int64? = nil) {
        self.partnerName = partnerName
        self.partnerKind = partnerKind
        self.partnerRegion = partnerRegion
        self.townshipCode = townshipCode
        self.village = village
        self.year = year
        self.moneyPledged = moneyPledged
        self.goodsPledged = goodsPledged
        self.moneyDelivered = moneyDelivered
        self.goodsDelivered = goodsDelivered
    }

    /// Checks every field: a Shaanxi township, a year not after this one, amounts of at least 0 fen.
    public func validated(in regions: RegionDirectory, id: UUID, today: Day) throws(DomainError) -> VillagePairing {
        let township = try Validate.required(townshipCode, field: "townshipCode", max: 9)
        guard let region = regions[township] else { throw .invalid("townshipCode", "unknown_region", ["code": township]) }
        guard region.province == .shaanxi, region.level == .township else { throw .invalid("townshipCode", "not_shaanxi_township") }
        let partnerRegion = try self.partnerRegion.flatMap { $0.isEmpty ? nil : $0 }.map { code throws(DomainError) in
            try Validate.jiangsuRegion(code, field: "partnerRegion", in: regions)
        }
        let year = try Validate.year(self.year, field: "year", required: true)!
        guard year <= today.year else { throw .invalid("year", "in_future") }
        func amount(_ value: Int64?, _ field: String) throws(DomainError) -> Int64 {
            guard let value else { return 0 }
            guard value >= 0 else { throw .invalid(field, "negative") }
            guard value <= 1_000_000_000_000 else { throw .invalid(field, "amount_too_large") }
            return value
        }
        return VillagePairing(
            id: id, partnerName: try IndustryValidate.line(partnerName, field: "partnerName", max: 100),
            partnerKind: try Validate.choice(partnerKind, field: "partnerKind", as: VillagePartnerKind.self), partnerRegion: partnerRegion,
            townshipCode: township, village: try IndustryValidate.line(village, field: "village", max: 60), year: year,
            moneyPledged: try amount(moneyPledged, "moneyPledged"), goodsPledged: try amount(goodsPledged, "goodsPledged"),
            moneyDelivered: try amount(moneyDelivered, "moneyDelivered"), goodsDelivered: try amount(goodsDelivered, "goodsDelivered"))
    }
}

extension FactRules {
    /// A pairing counts in January of its year, with the money and goods delivered. The villages covered are counted
    /// once per village and year over all its pairings (`villageCoverage`).
    public static func contributions(of pairing: VillagePairing) -> [FactKey: Int64] {
        var facts: [FactKey: Int64] = [:]
        let month = pairing.year * 100 + 1
        facts[FactKey(indicator: IndicatorCatalogue.villagePairings, countyCode: pairing.countyCode, pairingID: nil, month: month)] = 1
        let delivered = pairing.moneyDelivered + pairing.goodsDelivered
        if delivered != 0 {
            facts[FactKey(indicator: IndicatorCatalogue.villagePairingDelivered, countyCode: pairing.countyCode, pairingID: nil, month: month)] = delivered
        }
        return facts
    }

    /// The villages covered by `pairings`: one for each distinct village and year, in January of the year.
    public static func villageCoverage(_ pairings: [VillagePairing]) -> [FactKey: Int64] {
        var facts: [FactKey: Int64] = [:]
        for key in Set(pairings.map { "\($0.year)|\($0.villageKey)" }) {
            let parts = key.split(separator: "|", maxSplits: 1)
            let year = Int(parts[0])!, county = String(parts[1].prefix(6))
            facts[FactKey(indicator: IndicatorCatalogue.villagePairingVillages, countyCode: county, pairingID: nil, month: year * 100 + 1), default: 0] += 1
        }
        return facts
    }
}
