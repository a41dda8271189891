import Foundation

/// The level at which a labour brand was recognised.
public enum BrandLevel: String, Sendable, Codable, CaseIterable {
    case county, city, province, national
}

/// What kind of organisation leads a labour brand.
public enum LeadingUnitKind: String, Sendable, Codable, CaseIterable {
    case enterprise, cooperative
    /// 培训机构: a training institution.
    case trainingInstitution = "training_institution"
}

/// A leading unit (引领单位) of a labour brand.
public struct LeadingUnit: Sendable, Codable, Hashable {
    public var name: String
    public var kind: LeadingUnitKind

    public init(name: String, kind: LeadingUnitKind) {
        self.name = name
        self.kind = kind
    }
}

/// A labour brand (劳务品牌) such as 丹凤厨工: an occupation a county's workers are known for, with the units that lead it.
public struct LaborBrand: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var name: String
    public var countyCode: String
    /// Occupation code of the classification, any level.
    public var occupationCode: String
    public var level: BrandLevel
    /// The year it was recognised; it counts for the indicators from then on.
    public var since: Int
    public var leadingUnits: [LeadingUnit]
    public var description: String?
    /// True for the records the demo generated.
    public var generated: Bool

    public init(id: UUID, name: String, countyCode: String, occupationCode: String, level: BrandLevel, since: Int,
                leadingUnits: [LeadingUnit], description: String?, generated: Bool = false) {
        self.id = id
        self.name = name
        self.countyCode = countyCode
        self.occupationCode = occupationCode
        self.level = level
        self.since = since
        self.leadingUnits = leadingUnits
        self.description = description
        self.generated = generated
    }
}

/// What someone submits to record or edit a labour brand.
public struct LaborBrandDraft: Sendable, Codable, Equatable {
    public var name: String?
    public var countyCode: String?
    public var occupationCode: String?
    public var level: String?
    public var since: Int?
    public var leadingUnits: [LeadingUnitDraft]?
    public var description: String?

    /// A leading unit as submitted.
    public struct LeadingUnitDraft: Sendable, Codable, Equatable {
        public var name: String?
        public var kind: String?

        public init(name: String? = nil, kind: String? = nil) {
            self.name = name
            self.kind = kind
        }
    }

    public init(name: String? = nil, countyCode: String? = nil, occupationCode: String? = nil, level: String? = nil, since: Int? = nil,
                leadingUnits: [LeadingUnitDraft]? = nil, description: String? = nil) {
        self.name = name
        self.countyCode = countyCode
        self.occupationCode = occupationCode
        self.level = level
        self.since = since
        self.leadingUnits = leadingUnits
        self.description = description
    }

    /// Checks every field: a Shaanxi county, a well-formed occupation code, a known level, a year not after this one,
    /// and at most 50 leading units with distinct names.
    public func validated(in regions: RegionDirectory, id: UUID, today: Day) throws(DomainError) -> LaborBrand {
        let name = try IndustryValidate.line(name, field: "name", max: 60)
        let county = try Validate.shaanxiCounty(countyCode, field: "countyCode", in: regions)
        let occupation = try Validate.required(occupationCode, field: "occupationCode", max: 12)
        guard OccupationCatalogue.isWellFormed(occupation) else { throw .invalid("occupationCode", "occupation_format") }
        let levelText = try Validate.required(level, field: "level", max: 20)
        guard let level = BrandLevel(rawValue: levelText) else { throw .invalid("level", "unknown_choice", ["value": levelText]) }
        guard let since = try Validate.year(since, field: "since", required: true) else { throw .invalid("since", "required") }
        guard since <= today.year else { throw .invalid("since", "in_future") }
        var units: [LeadingUnit] = []
        for (index, unit) in (leadingUnits ?? []).enumerated() {
            let field = "leadingUnits[\(index)]"
            let unitName = try IndustryValidate.line(unit.name, field: field + ".name", max: 100)
            let kindText = try Validate.required(unit.kind, field: field + ".kind", max: 30)
            guard let kind = LeadingUnitKind(rawValue: kindText) else { throw .invalid(field + ".kind", "unknown_choice", ["value": kindText]) }
            guard !units.contains(where: { $0.name == unitName }) else { throw .invalid(field + ".name", "duplicate") }
            units.append(LeadingUnit(name: unitName, kind: kind))
        }
        guard units.count <= 50 else { throw .invalid("leadingUnits", "too_many", ["max": "50"]) }
        return LaborBrand(id: id, name: name, countyCode: county, occupationCode: occupation, level: level, since: since,
                          leadingUnits: units, description: try Validate.text(description, field: "description", max: 2000, required: false))
    }
}

extension FactRules {
    /// A brand counts, with its leading units, from January of the year it was recognised (stock indicators).
    public static func contributions(of brand: LaborBrand) -> [FactKey: Int64] {
        let month = brand.since * 100 + 1
        var facts = [FactKey(indicator: IndicatorCatalogue.laborBrands, countyCode: brand.countyCode, pairingID: nil, month: month): Int64(1)]
        if !brand.leadingUnits.isEmpty {
            facts[FactKey(indicator: IndicatorCatalogue.laborBrandLeadingUnits, countyCode: brand.countyCode, pairingID: nil, month: month)] =
                Int64(brand.leadingUnits.count)
        }
        return facts
    }
}
