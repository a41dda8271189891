import FluentKit
import Foundation
import XiezuoCore

/// Assembles dashboards from the facts table and the agreements; never scans the ledgers.
public struct DashboardRepository: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database
    let regions: RegionDirectory

    /// Creates a repository over `database`.
    public init(database: any Database, regions: RegionDirectory, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.regions = regions
    }

    /// The dashboard of a region, checked against the principal's jurisdiction.
    /// `indicator` (any summed indicator of the catalogue) is what the trend and the breakdown show; by default the
    /// aid disbursed (trend) and committed (breakdown).
    public func region(_ code: String, year: Int, by principal: Principal, indicator: String? = nil, today: Day? = nil) async throws -> DashboardData {
        let today = today ?? clock.today
        try Self.checkChartable(indicator)
        guard let region = regions[code], region.level != .township else { throw DomainError.invalid("region", "unknown_region", ["code": code]) }
        guard principal.role?.isStaff == true else { throw DomainError.forbidden }
        if !principal.scope.covers(code) {
            guard try await PairedRegions.partnered(principal, with: code, year: year, on: database) else { throw DomainError.forbidden }
        }
        let facts = FactStore(database: database)
        let agreement = try await agreementFor(region: region, year: year)
        let trendCode = indicator ?? IndicatorCatalogue.aidDisbursed
        let (sums, trend) = try await facts.year(year, region: code, pairing: nil, trendOf: trendCode)
        let children = regions.children(of: code).filter { $0.level != .township }
        let breakdownCode = indicator ?? IndicatorCatalogue.aidCommitted
        let values = try await facts.byRegion(breakdownCode, regions: children.map(\.code), year: year)
        return DashboardData(
            year: year, regionCode: code, pairingID: nil, agreement: agreement,
            figures: DashboardMath.figures(actuals: sums, targets: agreement?.targets ?? [:], shareThreshold: agreement?.shareThreshold,
                                           year: year, today: today),
            breakdownIndicator: breakdownCode,
            breakdown: children.map { RegionValue(code: $0.code, name: $0.name, value: values[$0.code] ?? 0) },
            trendIndicator: trendCode, trend: trend)
    }

    /// The dashboard of a pairing, for staff whose jurisdiction covers either side.
    public func pairing(_ id: UUID, year: Int, by principal: Principal, indicator: String? = nil, today: Day? = nil) async throws -> DashboardData {
        let today = today ?? clock.today
        try Self.checkChartable(indicator)
        guard let pairing = try await PairingModel.find(id, on: database)?.pairing,
              principal.role?.isStaff == true, Permissions.canReadPairing(principal, pairing) else {
            throw DomainError.notFound("pairing")
        }
        let facts = FactStore(database: database)
        let agreement = try await AgreementRepository(database: database).find(year: year, pairingID: id)
        let trendCode = indicator ?? IndicatorCatalogue.aidDisbursed
        let (sums, trend) = try await facts.year(year, region: nil, pairing: id, trendOf: trendCode)
        return DashboardData(
            year: year, regionCode: nil, pairingID: id, agreement: agreement,
            figures: DashboardMath.figures(actuals: sums, targets: agreement?.targets ?? [:], shareThreshold: agreement?.shareThreshold,
                                           year: year, today: today),
            breakdownIndicator: indicator ?? IndicatorCatalogue.aidCommitted, breakdown: [],
            trendIndicator: trendCode, trend: trend)
    }

    /// The indicators a chart can show: those summed from facts (a share is a ratio of two of them).
    public static var chartable: [Indicator] { IndicatorCatalogue.all.filter { $0.kind == .base && $0.live } }

    static func checkChartable(_ code: String?) throws {
        guard let code else { return }
        guard chartable.contains(where: { $0.code == code }) else { throw DomainError.invalid("indicator", "unknown_choice", ["value": code]) }
    }

    /// The provincial agreement for a province; for a city or county, the agreement of its one pairing in force
    /// that year which has an agreement.
    func agreementFor(region: Region, year: Int) async throws -> Agreement? {
        let agreements = AgreementRepository(database: database)
        if region.level == .province { return try await agreements.find(year: year, pairingID: nil) }
        let found = try await agreements.forRegion(region.code, year: year)
        return found.count == 1 ? found[0] : nil
    }
}
