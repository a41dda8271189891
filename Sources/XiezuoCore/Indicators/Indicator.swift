/// What an indicator counts in.
public enum IndicatorUnit: String, Sendable, Codable {
    case fen, projects, persons, households, enterprises, parks, brands, counties, units, workshops, villages, pairings
    /// Days on post, summed over persons.
    case personDays = "person_days"
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

/// One figure the yearly agreement and assessment ask for. Its name is in the locale files as `indicator.<code>`.
public struct Indicator: Sendable, Identifiable, Equatable {
    public var code: String
    public var unit: IndicatorUnit
    /// The action area it belongs to, if one.
    public var area: ActionArea?
    public var kind: IndicatorKind
    /// False while the capability that records its facts is not built yet; such figures show "no data".
    public var live: Bool
    /// A stock rather than a flow: a year's value counts everything up to its end (parks built, counties covered),
    /// not only what happened in it.
    public var cumulative: Bool

    public var id: String { code }

    public init(_ code: String, unit: IndicatorUnit, area: ActionArea? = nil, kind: IndicatorKind = .base, live: Bool = true,
                cumulative: Bool = false) {
        self.code = code
        self.unit = unit
        self.area = area
        self.kind = kind
        self.live = live
        self.cumulative = cumulative
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
    public static let parksCobuilt = "parks_cobuilt"
    public static let enterprisesLanded = "enterprises_landed"
    public static let enterpriseInvestment = "enterprise_investment"
    public static let enterpriseJobs = "enterprise_jobs"
    public static let enterpriseJobsRural = "enterprise_jobs_rural"
    public static let enterpriseJobsPovertyLifted = "enterprise_jobs_poverty_lifted"
    public static let coverageSpecialty = "coverage_one_county_one_specialty"
    public static let coveragePark = "coverage_one_county_one_park"
    public static let workersPlaced = "workers_placed"
    public static let workersPlacedPovertyLifted = "workers_placed_poverty_lifted"
    public static let workersPlacedInJiangsu = "workers_placed_in_jiangsu"
    public static let laborBrands = "labor_brands"
    public static let laborBrandLeadingUnits = "labor_brand_leading_units"
    public static let trainingCompletions = "training_completions"
    public static let trainingCertified = "training_certified"
    public static let trainingEmployed = "training_employed"
    public static let workshops = "workshops"
    public static let workshopJobs = "workshop_jobs"
    public static let workshopJobsPovertyLifted = "workshop_jobs_poverty_lifted"
    public static let consumptionSales = "consumption_sales"
    public static let personnelToShaanxi = "personnel_to_shaanxi"
    public static let personnelToJiangsu = "personnel_to_jiangsu"
    public static let personnelCadres = "personnel_cadres"
    public static let personnelProfessionals = "personnel_professionals"
    public static let personnelDays = "personnel_days"
    public static let villagePairings = "village_pairings"
    public static let villagePairingVillages = "village_pairing_villages"
    public static let villagePairingDelivered = "village_pairing_delivered"
    public static let demonstrationVillages = "demonstration_villages"

    /// The code of the project count of one action area.
    public static func projects(_ area: ActionArea) -> String { "projects_" + area.rawValue }

    /// Every indicator, in the order dashboards show them.
    public static let all: [Indicator] = [
        Indicator(aidCommitted, unit: .fen),
        Indicator(aidDisbursed, unit: .fen),
        Indicator(aidCommittedFourActions, unit: .fen),
        Indicator(fourActionShare, unit: .share,
                  kind: .ratio(numerator: aidCommittedFourActions, denominator: aidCommitted)),
        Indicator(socialDonations, unit: .fen),
        Indicator(projectsTotal, unit: .projects),
        Indicator(projects(.featuredIndustry), unit: .projects, area: .featuredIndustry),
        Indicator(projects(.industrialCluster), unit: .projects, area: .industrialCluster),
        Indicator(projects(.consumptionAssistance), unit: .projects, area: .consumptionAssistance),
        Indicator(projects(.laborCooperation), unit: .projects, area: .laborCooperation),
        Indicator(beneficiaryPersons, unit: .persons),
        Indicator(beneficiaryPovertyLiftedPersons, unit: .persons),
        Indicator(beneficiaryHouseholds, unit: .households),
        Indicator(coverageSpecialty, unit: .counties, area: .featuredIndustry, cumulative: true),
        Indicator(parksCobuilt, unit: .parks, area: .industrialCluster, cumulative: true),
        Indicator(coveragePark, unit: .counties, area: .industrialCluster, cumulative: true),
        Indicator(enterprisesLanded, unit: .enterprises, area: .industrialCluster),
        Indicator(enterpriseInvestment, unit: .fen, area: .industrialCluster),
        Indicator(enterpriseJobs, unit: .persons, area: .industrialCluster),
        Indicator(enterpriseJobsRural, unit: .persons, area: .industrialCluster),
        Indicator(enterpriseJobsPovertyLifted, unit: .persons, area: .industrialCluster),
        Indicator(workersPlaced, unit: .persons, area: .laborCooperation),
        Indicator(workersPlacedPovertyLifted, unit: .persons, area: .laborCooperation),
        Indicator(workersPlacedInJiangsu, unit: .persons, area: .laborCooperation),
        Indicator(trainingCompletions, unit: .persons, area: .laborCooperation),
        Indicator(trainingCertified, unit: .persons, area: .laborCooperation),
        Indicator(trainingEmployed, unit: .persons, area: .laborCooperation),
        Indicator(laborBrands, unit: .brands, area: .laborCooperation, cumulative: true),
        Indicator(laborBrandLeadingUnits, unit: .units, area: .laborCooperation, cumulative: true),
        Indicator(workshops, unit: .workshops, area: .laborCooperation, cumulative: true),
        Indicator(workshopJobs, unit: .persons, area: .laborCooperation, cumulative: true),
        Indicator(workshopJobsPovertyLifted, unit: .persons, area: .laborCooperation, cumulative: true),
        Indicator(consumptionSales, unit: .fen, area: .consumptionAssistance),
    ] + SaleChannel.allCases.map { Indicator($0.indicator, unit: .fen, area: .consumptionAssistance) } + [
        Indicator(personnelToShaanxi, unit: .persons, area: .talentExchange),
        Indicator(personnelToJiangsu, unit: .persons, area: .talentExchange),
        Indicator(personnelCadres, unit: .persons, area: .talentExchange),
        Indicator(personnelProfessionals, unit: .persons, area: .talentExchange),
        Indicator(personnelDays, unit: .personDays, area: .talentExchange),
        Indicator(villagePairings, unit: .pairings),
        Indicator(villagePairingVillages, unit: .villages),
        Indicator(villagePairingDelivered, unit: .fen),
        Indicator(demonstrationVillages, unit: .villages, cumulative: true),
    ]

    /// The indicator with this code.
    public static func indicator(_ code: String) -> Indicator? { all.first { $0.code == code } }

    /// Codes that agreements may set targets for (every indicator but the share, whose target is the threshold).
    public static var targetable: [Indicator] { all.filter { $0.kind == .base } }
}
