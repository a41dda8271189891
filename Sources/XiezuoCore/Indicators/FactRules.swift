import Foundation

/// Where a fact is booked: an indicator, a Shaanxi county, the pairing it is credited to, a month (`yyyymm`).
public struct FactKey: Sendable, Hashable {
    public var indicator: String
    public var countyCode: String
    public var pairingID: UUID?
    public var month: Int

    public init(indicator: String, countyCode: String, pairingID: UUID?, month: Int) {
        self.indicator = indicator
        self.countyCode = countyCode
        self.pairingID = pairingID
        self.month = month
    }
}

/// A sum of flows of one kind in one month, as the store aggregates them.
public struct FlowSum: Sendable, Equatable {
    public var type: FlowType
    public var source: FundSource
    public var month: Int
    public var amount: Int64

    public init(type: FlowType, source: FundSource, month: Int, amount: Int64) {
        self.type = type
        self.source = source
        self.month = month
        self.amount = amount
    }
}

/// What each record contributes to the facts. Every write books `contributions(after) − contributions(before)`,
/// and a rebuild books `contributions` of everything; both go through these functions, so they cannot disagree.
public enum FactRules {
    /// A project counts (in January of its year) once approved and until cancelled: one project of its area,
    /// and its beneficiaries.
    public static func contributions(of project: Project) -> [FactKey: Int64] {
        guard project.status.isApproved else { return [:] }
        var facts: [FactKey: Int64] = [:]
        func add(_ code: String, _ value: Int64) {
            guard value != 0 else { return }
            facts[FactKey(indicator: code, countyCode: project.countyCode, pairingID: project.pairingID, month: project.year * 100 + 1),
                  default: 0] += value
        }
        add(IndicatorCatalogue.projectsTotal, 1)
        add(IndicatorCatalogue.projects(project.actionArea), 1)
        add(IndicatorCatalogue.beneficiaryPersons, Int64(project.beneficiaries.persons))
        add(IndicatorCatalogue.beneficiaryPovertyLiftedPersons, Int64(project.beneficiaries.povertyLiftedPersons))
        add(IndicatorCatalogue.beneficiaryHouseholds, Int64(project.beneficiaries.households))
        return facts
    }

    /// Flows count in the month they happened: Jiangsu aid committed (and, for the four actions, separately) and
    /// disbursed; social donations when they arrive. Expenditure and other sources are recorded but feed no
    /// indicator yet.
    public static func contributions(of flows: [FlowSum], project: Project) -> [FactKey: Int64] {
        var facts: [FactKey: Int64] = [:]
        for flow in flows {
            func add(_ code: String) {
                facts[FactKey(indicator: code, countyCode: project.countyCode, pairingID: project.pairingID, month: flow.month),
                      default: 0] += flow.amount
            }
            switch (flow.type, flow.source) {
            case (.commitment, .jiangsuAid):
                add(IndicatorCatalogue.aidCommitted)
                if project.actionArea.isFourAction { add(IndicatorCatalogue.aidCommittedFourActions) }
            case (.disbursement, .jiangsuAid):
                add(IndicatorCatalogue.aidDisbursed)
            case (.disbursement, .socialDonation):
                add(IndicatorCatalogue.socialDonations)
            default:
                break
            }
        }
        return facts
    }

    /// `after − before`, without zero entries.
    public static func delta(from before: [FactKey: Int64], to after: [FactKey: Int64]) -> [FactKey: Int64] {
        var delta = after
        for (key, value) in before { delta[key, default: 0] -= value }
        return delta.filter { $0.value != 0 }
    }
}
