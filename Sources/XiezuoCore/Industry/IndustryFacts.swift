import Foundation

/// One record that can make its county covered: from which month, credited to which pairing.
public struct CoverageEntry: Sendable, Hashable {
    public var month: Int
    public var pairingID: UUID?

    public init(month: Int, pairingID: UUID?) {
        self.month = month
        self.pairingID = pairingID
    }
}

extension FactRules {
    /// A landed enterprise counts in the month construction started: one enterprise, its investment in place, and
    /// the jobs it created (of which rural, of which poverty-lifted).
    public static func contributions(of enterprise: Enterprise) -> [FactKey: Int64] {
        guard enterprise.status.hasLanded, let landed = enterprise.landedOn else { return [:] }
        var facts: [FactKey: Int64] = [:]
        func add(_ code: String, _ value: Int64) {
            guard value != 0 else { return }
            facts[FactKey(indicator: code, countyCode: enterprise.countyCode, pairingID: enterprise.pairingID, month: landed.monthKey),
                  default: 0] += value
        }
        add(IndicatorCatalogue.enterprisesLanded, 1)
        add(IndicatorCatalogue.enterpriseInvestment, enterprise.actualInvestment)
        add(IndicatorCatalogue.enterpriseJobs, Int64(enterprise.jobs))
        add(IndicatorCatalogue.enterpriseJobsRural, Int64(enterprise.jobsRural))
        add(IndicatorCatalogue.enterpriseJobsPovertyLifted, Int64(enterprise.jobsPovertyLifted))
        return facts
    }

    /// An established park counts from the month it was established (a stock indicator: every later year shows it).
    public static func contributions(of park: Park) -> [FactKey: Int64] {
        guard let established = park.established else { return [:] }
        return [FactKey(indicator: IndicatorCatalogue.parksCobuilt, countyCode: park.countyCode, pairingID: park.pairingID,
                        month: established.monthKey): 1]
    }

    /// A county counts once for a coverage indicator, from the earliest record that covers it (ties broken by the
    /// pairing, so a rebuild picks the same row).
    public static func coverage(_ indicator: String, county: String, entries: [CoverageEntry]) -> [FactKey: Int64] {
        guard let first = entries.min(by: { ($0.month, $0.pairingID?.uuidString ?? "") < ($1.month, $1.pairingID?.uuidString ?? "") }) else {
            return [:]
        }
        return [FactKey(indicator: indicator, countyCode: county, pairingID: first.pairingID, month: first.month): 1]
    }

    /// What makes a county count for 一县一特色: each of its featured industries, from January of its year.
    public static func specialtyEntry(_ industry: FeaturedIndustry) -> CoverageEntry {
        CoverageEntry(month: industry.since * 100 + 1, pairingID: industry.pairingID)
    }

    /// What makes a county count for 一县一园区: each established park, from its month.
    public static func parkEntry(_ park: Park) -> CoverageEntry? {
        park.established.map { CoverageEntry(month: $0.monthKey, pairingID: park.pairingID) }
    }
}
