import Foundation

/// A featured industry's standing in its county: 主导 leading, or 首位 first (the county's top one). Either makes
/// the county count for "one county, one specialty".
public enum IndustryRole: String, Sendable, Codable, CaseIterable {
    case leading
    case first
}

/// The three kinds of upgrade the letter names: 技术 + 标准 + 品牌.
public enum UpgradeKind: String, Sendable, Codable, CaseIterable {
    case technology, standard, brand
}

/// One dated upgrade of a featured industry.
public struct IndustryUpgrade: Sendable, Codable, Hashable {
    public var kind: UpgradeKind
    public var date: Day
    public var description: String

    public init(kind: UpgradeKind, date: Day, description: String) {
        self.kind = kind
        self.date = date
        self.description = description
    }
}

/// The chain the letter promotes: 龙头企业 + 专业合作社 + 种植基地 + 农户.
public struct ValueChain: Sendable, Codable, Hashable {
    public var leadingEnterprises: [String]
    public var cooperatives: [String]
    public var productionBases: [String]
    /// Farm households in the chain.
    public var households: Int

    public init(leadingEnterprises: [String] = [], cooperatives: [String] = [], productionBases: [String] = [], households: Int = 0) {
        self.leadingEnterprises = leadingEnterprises
        self.cooperatives = cooperatives
        self.productionBases = productionBases
        self.households = households
    }
}

/// How an industry links farmers in and lifts them (联农带农).
public enum LinkMechanism: String, Sendable, Codable, CaseIterable {
    /// 分红 dividends on shares or pooled assets.
    case dividend
    /// 务工 wages for work in the chain.
    case wage
    /// 订单收购 purchase of crops grown to order.
    case orderPurchase = "order_purchase"
    /// 土地流转 rent for land.
    case landRent = "land_rent"
}

/// 联农带农: households linked, the average yearly income increase per household (fen), and the mechanisms.
public struct FarmerLink: Sendable, Codable, Hashable {
    public var households: Int
    public var incomeIncrease: Int64
    public var mechanisms: [LinkMechanism]

    public init(households: Int = 0, incomeIncrease: Int64 = 0, mechanisms: [LinkMechanism] = []) {
        self.households = households
        self.incomeIncrease = incomeIncrease
        self.mechanisms = mechanisms
    }
}

/// A county's featured industry (特色产业, 一县一特色).
public struct FeaturedIndustry: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var name: String
    /// The Shaanxi county.
    public var countyCode: String
    /// The pairing its facts are credited to, resolved from the county when it is recorded.
    public var pairingID: UUID?
    /// 食用菌, 果品, 粮食, 蚕桑, 中药材, 文旅, …
    public var category: String
    public var role: IndustryRole
    /// The year the county made it its featured industry; the coverage indicator counts from then.
    public var since: Int
    /// Planted or used area in 亩.
    public var areaMu: Int?
    /// Head of livestock (or silkworm sheets, hives…), where that is the measure.
    public var heads: Int?
    /// Output value per year in fen.
    public var outputValue: Int64?
    public var upgrades: [IndustryUpgrade]
    /// Projects of the funds ledger that serve it.
    public var projectIDs: [UUID]
    public var valueChain: ValueChain
    public var farmerLink: FarmerLink
    public var description: String?

    public init(id: UUID, name: String, countyCode: String, pairingID: UUID?, category: String, role: IndustryRole, since: Int,
                areaMu: Int? = nil, heads: Int? = nil, outputValue: Int64? = nil, upgrades: [IndustryUpgrade] = [],
                projectIDs: [UUID] = [], valueChain: ValueChain = ValueChain(), farmerLink: FarmerLink = FarmerLink(),
                description: String? = nil) {
        self.id = id
        self.name = name
        self.countyCode = countyCode
        self.pairingID = pairingID
        self.category = category
        self.role = role
        self.since = since
        self.areaMu = areaMu
        self.heads = heads
        self.outputValue = outputValue
        self.upgrades = upgrades
        self.projectIDs = projectIDs
        self.valueChain = valueChain
        self.farmerLink = farmerLink
        self.description = description
    }
}
