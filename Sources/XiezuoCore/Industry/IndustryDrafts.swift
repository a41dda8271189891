import Foundation

/// A featured-industry upgrade as submitted.
public struct UpgradeDraft: Sendable, Codable, Equatable {
    public var kind: String?
    public var date: String?
    public var description: String?

    public init(kind: String? = nil, date: String? = nil, description: String? = nil) {
        self.kind = kind
        self.date = date
        self.description = description
    }
}

/// What someone submits to record or edit a featured industry. Money in fen.
public struct FeaturedIndustryDraft: Sendable, Codable, Equatable {
    public var name: String?
    public var countyCode: String?
    public var category: String?
    public var role: String?
    public var since: Int?
    public var areaMu: Int?
    public var heads: Int?
    public var outputValue: Int64?
    public var upgrades: [UpgradeDraft]?
    public var projectIds: [UUID]?
    public var leadingEnterprises: [String]?
    public var cooperatives: [String]?
    public var productionBases: [String]?
    public var chainHouseholds: Int?
    public var linkedHouseholds: Int?
    public var incomeIncrease: Int64?
    public var mechanisms: [String]?
    public var description: String?

    public init(name: String? = nil, countyCode: String? = nil, category: String? = nil, role: String? = nil, since: Int? = nil,
                areaMu: Int? = nil, heads: Int? = nil, outputValue: Int64? = nil, upgrades: [UpgradeDraft]? = nil,
                projectIds: [UUID]? = nil, leadingEnterprises: [String]? = nil, cooperatives: [String]? = nil,
                productionBases: [String]? = nil, chainHouseholds: Int? = nil, linkedHouseholds: Int? = nil,
                incomeIncrease: Int64? = nil, mechanisms: [String]? = nil, description: String? = nil) {
        self.name = name
        self.countyCode = countyCode
        self.category = category
        self.role = role
        self.since = since
        self.areaMu = areaMu
        self.heads = heads
        self.outputValue = outputValue
        self.upgrades = upgrades
        self.projectIds = projectIds
        self.leadingEnterprises = leadingEnterprises
        self.cooperatives = cooperatives
        self.productionBases = productionBases
        self.chainHouseholds = chainHouseholds
        self.linkedHouseholds = linkedHouseholds
        self.incomeIncrease = incomeIncrease
        self.mechanisms = mechanisms
        self.description = description
    }

    /// Checks every field and returns the industry it describes.
    ///
    /// `projectCounties` holds the county of each project in `projectIds` that exists (looked up by the caller); a
    /// linked project must exist and lie in the industry's county.
    public func validated(in regions: RegionDirectory, id: UUID, pairingID: UUID?, projectCounties: [UUID: String],
                          today: Day) throws(DomainError) -> FeaturedIndustry {
        let name = try Validate.required(name, field: "name", max: 100)
        let countyCode = try Validate.shaanxiCounty(countyCode, field: "countyCode", in: regions)
        let category = try Validate.required(category, field: "category", max: 40)
        let roleText = try Validate.required(role, field: "role", max: 20)
        guard let role = IndustryRole(rawValue: roleText) else { throw .invalid("role", "unknown_choice", ["value": roleText]) }
        let since = try Validate.year(since, field: "since", required: true)!
        guard since <= today.year else { throw .invalid("since", "in_future") }
        var upgrades: [IndustryUpgrade] = []
        for (index, upgrade) in (self.upgrades ?? []).prefix(101).enumerated() {
            let field = "upgrades[\(index)]"
            guard index < 100 else { throw .invalid("upgrades", "too_many", ["max": "100"]) }
            let kindText = try Validate.required(upgrade.kind, field: field + ".kind", max: 20)
            guard let kind = UpgradeKind(rawValue: kindText) else { throw .invalid(field + ".kind", "unknown_choice", ["value": kindText]) }
            let date = try IndustryValidate.day(upgrade.date, field: field + ".date", required: true, notAfter: today)!
            let text = try IndustryValidate.line(upgrade.description, field: field + ".description", max: 500)
            upgrades.append(IndustryUpgrade(kind: kind, date: date, description: text))
        }
        let projects = try IndustryValidate.projects(projectIds, county: countyCode, known: projectCounties)
        var mechanisms: [LinkMechanism] = []
        for text in Self.trimmed(self.mechanisms) {
            guard let mechanism = LinkMechanism(rawValue: text) else { throw .invalid("mechanisms", "unknown_choice", ["value": text]) }
            if !mechanisms.contains(mechanism) { mechanisms.append(mechanism) }
        }
        let chain = ValueChain(leadingEnterprises: try Validate.items(leadingEnterprises, field: "leadingEnterprises", maxCount: 50, maxLength: 100),
                               cooperatives: try Validate.items(cooperatives, field: "cooperatives", maxCount: 50, maxLength: 100),
                               productionBases: try Validate.items(productionBases, field: "productionBases", maxCount: 50, maxLength: 100),
                               households: try Validate.count(chainHouseholds, field: "chainHouseholds"))
        let link = FarmerLink(households: try Validate.count(linkedHouseholds, field: "linkedHouseholds"),
                              incomeIncrease: try Validate.fen(incomeIncrease, field: "incomeIncrease", required: false) ?? 0,
                              mechanisms: mechanisms)
        return FeaturedIndustry(
            id: id, name: name, countyCode: countyCode, pairingID: pairingID, category: category, role: role, since: since,
            areaMu: try IndustryValidate.optionalCount(areaMu, field: "areaMu"), heads: try IndustryValidate.optionalCount(heads, field: "heads"),
            outputValue: try Validate.fen(outputValue, field: "outputValue", required: false), upgrades: upgrades.sorted { $0.date < $1.date },
            projectIDs: projects, valueChain: chain, farmerLink: link,
            description: try Validate.text(description, field: "description", max: 2000, required: false))
    }

    private static func trimmed(_ values: [String]?) -> [String] {
        (values ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// Checks shared by the industry drafts.
public enum IndustryValidate {
    /// Linked projects: each must exist and lie in `county`; duplicates are dropped.
    public static func projects(_ ids: [UUID]?, county: String, known: [UUID: String]) throws(DomainError) -> [UUID] {
        var result: [UUID] = []
        for id in ids ?? [] where !result.contains(id) {
            guard result.count < 100 else { throw .invalid("projectIds", "too_many", ["max": "100"]) }
            guard let projectCounty = known[id] else { throw .invalid("projectIds", "unknown_project", ["id": id.uuidString]) }
            guard projectCounty == county else { throw .invalid("projectIds", "project_other_county", ["id": id.uuidString]) }
            result.append(id)
        }
        return result
    }

    /// Required text on one line (forms list such entries one per line).
    public static func line(_ text: String?, field: String, max: Int) throws(DomainError) -> String {
        let value = try Validate.required(text, field: field, max: max)
        if value.contains(where: \.isNewline) { throw .invalid(field, "one_line") }
        return value
    }

    /// A `yyyy-MM-dd` day between 1990 and `notAfter` (when given).
    public static func day(_ text: String?, field: String, required: Bool, notAfter: Day?) throws(DomainError) -> Day? {
        guard let day = try Validate.day(text, field: field) else {
            if required { throw .invalid(field, "required") }
            return nil
        }
        guard (1990...2100).contains(day.year) else { throw .invalid(field, "year_out_of_range") }
        if let notAfter, notAfter < day { throw .invalid(field, "in_future") }
        return day
    }

    /// An optional count (area, heads).
    public static func optionalCount(_ value: Int?, field: String) throws(DomainError) -> Int? {
        guard let value else { return nil }
        return try Validate.count(value, field: field)
    }
}
