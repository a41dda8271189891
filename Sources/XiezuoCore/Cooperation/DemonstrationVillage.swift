import Foundation

/// Where a demonstration village (乡村振兴示范村) stands.
public enum DemonstrationStatus: String, Sendable, Codable, CaseIterable {
    /// 创建中
    case building
    /// 已建成
    case built
    /// 已验收
    case accepted
}

/// A rural-revitalisation demonstration village built with cooperation funds: the projects that fund it are linked,
/// and what they have disbursed is its funding.
public struct DemonstrationVillage: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var townshipCode: String
    public var village: String
    /// The year it was designated; it counts from then on (a stock).
    public var year: Int
    public var status: DemonstrationStatus
    public var projectIDs: [UUID]
    public var note: String?
    public var generated: Bool

    public init(id: UUID, townshipCode: String, village: String, year: Int, status: DemonstrationStatus, projectIDs: [UUID], note: String?,
                generated: Bool = false) {
        self.id = id
        self.townshipCode = townshipCode
        self.village = village
        self.year = year
        self.status = status
        self.projectIDs = projectIDs
        self.note = note
        self.generated = generated
    }

    /// The county whose staff keep it.
    public var countyCode: String { String(townshipCode.prefix(6)) }
}

/// What someone submits to record or edit a demonstration village.
public struct DemonstrationVillageDraft: Sendable, Codable, Equatable {
    public var townshipCode: String?
    public var village: String?
    public var year: Int?
    public var status: String?
    public var projectIds: [UUID]?
    public var note: String?

    public init(townshipCode: String? = nil, village: String? = nil, year: Int? = nil, status: String? = nil, projectIds: [UUID]? = nil,
                note: String? = nil) {
        self.townshipCode = townshipCode
        self.village = village
        self.year = year
        self.status = status
        self.projectIds = projectIds
        self.note = note
    }

    /// Checks every field (the linked projects are checked against the county by the store).
    public func validated(in regions: RegionDirectory, id: UUID, today: Day) throws(DomainError) -> DemonstrationVillage {
        let township = try Validate.required(townshipCode, field: "townshipCode", max: 9)
        guard let region = regions[township] else { throw .invalid("townshipCode", "unknown_region", ["code": township]) }
        guard region.province == .shaanxi, region.level == .township else { throw .invalid("townshipCode", "not_shaanxi_township") }
        let year = try Validate.year(self.year, field: "year", required: true)!
        guard year <= today.year else { throw .invalid("year", "in_future") }
        let projects = projectIds ?? []
        guard projects.count <= 50 else { throw .invalid("projectIds", "too_many", ["max": "50"]) }
        return DemonstrationVillage(id: id, townshipCode: township, village: try IndustryValidate.line(village, field: "village", max: 60),
                                    year: year, status: try Validate.choice(status ?? DemonstrationStatus.building.rawValue, field: "status",
                                                                            as: DemonstrationStatus.self),
                                    projectIDs: projects.reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } },
                                    note: try Validate.text(note, field: "note", max: 500, required: false))
    }
}

extension FactRules {
    /// A demonstration village counts from January of the year it was designated (a stock).
    public static func contributions(of village: DemonstrationVillage) -> [FactKey: Int64] {
        [FactKey(indicator: IndicatorCatalogue.demonstrationVillages, countyCode: village.countyCode, pairingID: nil, month: village.year * 100 + 1): 1]
    }
}
