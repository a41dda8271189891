/// What an indicator counts in.
public enum IndicatorUnit: String, Sendable, Codable {
    case fen, projects, persons, households, enterprises, parks, brands, counties
    /// A share in basis points (1/100 of a percent).
    case share
}

/// How an indicator's value is obtained.
public enum IndicatorKind: Sendable, Equatable {
    /// Summed from facts.
    case base
    /// numerator / denominator of two base indicators, read as a share.
    case ratio(numerator: String, denominator: String)
}

/// One figure the yearly agreement and assessment ask for.
public struct Indicator: Sendable, Identifiable, Equatable {
    public var code: String
    public var nameZh: String
    public var nameEn: String
    public var unit: IndicatorUnit
    /// The action area it belongs to, if one.
    public var area: ActionArea?
    public var kind: IndicatorKind
    /// False while the capability that records its facts is not built yet; such figures show "no data".
    public var live: Bool

    public var id: String { code }

    public init(_ code: String, _ nameZh: String, _ nameEn: String, unit: IndicatorUnit, area: ActionArea? = nil,
                kind: IndicatorKind = .base, live: Bool = true) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.unit = unit
        self.area = area
        self.kind = kind
        self.live = live
    }
}

/// The indicator catalogue: every figure the platform keeps. Codes are stable; facts and targets refer to them.
public enum IndicatorCatalogue {
    public static let aidCommitted = "aid_committed"
    public static let aidCommittedFourActions = "aid_committed_four_actions"
    public static let aidDisbursed = "aid_disbursed"
    public static let socialDonations = "social_donations"
    public static let fourActionShare = "four_action_share"
    public static let projectsTotal = "projects_total"
    public static let beneficiaryPersons = "beneficiary_persons"
    public static let beneficiaryPovertyLiftedPersons = "beneficiary_poverty_lifted_persons"
    public static let beneficiaryHouseholds = "beneficiary_households"

    /// The code of the project count of one action area.
    public static func projects(_ area: ActionArea) -> String { "projects_" + area.rawValue }

    /// Every indicator, in the order dashboards show them.
    public static let all: [Indicator] = [
        Indicator(aidCommitted, "财政援助资金（承诺）", "Aid funds committed", unit: .fen),
        Indicator(aidDisbursed, "财政援助资金（到位）", "Aid funds disbursed", unit: .fen),
        Indicator(aidCommittedFourActions, "投向四项行动的援助资金", "Aid funds committed to the four actions", unit: .fen),
        Indicator(fourActionShare, "四项行动资金占比", "Four-action share of aid funds", unit: .share,
                  kind: .ratio(numerator: aidCommittedFourActions, denominator: aidCommitted)),
        Indicator(socialDonations, "社会捐助", "Social donations", unit: .fen),
        Indicator(projectsTotal, "立项项目", "Approved projects", unit: .projects),
        Indicator(projects(.featuredIndustry), "特色产业项目", "Featured-industry projects", unit: .projects, area: .featuredIndustry),
        Indicator(projects(.industrialCluster), "产业集群项目", "Industrial-cluster projects", unit: .projects, area: .industrialCluster),
        Indicator(projects(.consumptionAssistance), "消费帮扶项目", "Consumption-assistance projects", unit: .projects, area: .consumptionAssistance),
        Indicator(projects(.laborCooperation), "劳务协作项目", "Labour-cooperation projects", unit: .projects, area: .laborCooperation),
        Indicator(beneficiaryPersons, "受益群众", "Beneficiaries", unit: .persons),
        Indicator(beneficiaryPovertyLiftedPersons, "其中脱贫人口", "of whom poverty-lifted", unit: .persons),
        Indicator(beneficiaryHouseholds, "受益户数", "Beneficiary households", unit: .households),
        // Declared now, recorded by the capabilities that follow.
        Indicator("parks_cobuilt", "共建产业园区", "Co-built industrial parks", unit: .parks, area: .industrialCluster, live: false),
        Indicator("enterprises_landed", "引导落地企业", "Enterprises guided to invest", unit: .enterprises, area: .industrialCluster, live: false),
        Indicator("enterprise_investment", "企业实际投资", "Enterprise investment", unit: .fen, area: .industrialCluster, live: false),
        Indicator("consumption_sales", "消费帮扶销售额", "Consumption-assistance sales", unit: .fen, area: .consumptionAssistance, live: false),
        Indicator("workers_placed", "帮助农村劳动力就业", "Rural workers helped into jobs", unit: .persons, area: .laborCooperation, live: false),
        Indicator("workers_placed_poverty_lifted", "其中脱贫劳动力", "of whom poverty-lifted", unit: .persons, area: .laborCooperation, live: false),
        Indicator("workers_placed_in_jiangsu", "其中在江苏就业", "of whom in Jiangsu", unit: .persons, area: .laborCooperation, live: false),
        Indicator("labor_brands", "劳务品牌", "Labour brands", unit: .brands, area: .laborCooperation, live: false),
        Indicator("training_completions", "培训结业", "Training completions", unit: .persons, area: .laborCooperation, live: false),
        Indicator("coverage_one_county_one_specialty", "“一县一特色”覆盖县", "Counties with a leading featured industry", unit: .counties,
                  area: .featuredIndustry, live: false),
        Indicator("coverage_one_county_one_park", "“一县一园区”覆盖县", "Counties with a co-built park", unit: .counties,
                  area: .industrialCluster, live: false),
    ]

    /// The indicator with this code.
    public static func indicator(_ code: String) -> Indicator? { all.first { $0.code == code } }

    /// Codes that agreements may set targets for (every indicator but the share, whose target is the threshold).
    public static var targetable: [Indicator] { all.filter { $0.kind == .base } }
}
