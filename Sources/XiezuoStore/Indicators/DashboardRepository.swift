import FluentKit
import Foundation
import XiezuoCore

/// Assembles dashboards from the facts table and the agreements; never scans the ledgers.
public struct DashboardRepository: Sendable {
    let database: any Database
    let regions: RegionDirectory

    /// Creates a repository over `database`.
    public init(database: any Database, regions: RegionDirectory) {
        self.database = database
        self.regions = regions
    }

    /// The dashboard of a region, checked against the principal's jurisdiction.
    public func region(_ code: String, year: Int, by principal: Principal, today: Day = Day(Date())) async throws -> DashboardData {
        guard let region = regions[code], region.level != .township else { throw DomainError.invalid("region", "unknown_region", ["code": code]) }
        guard principal.role?.isStaff == true, principal.scope.covers(code) else { throw DomainError.forbidden }
        let facts = FactStore(database: database)
        let agreement = try await agreementFor(region: region, year: year)
        let (sums, trend) = try await facts.year(year, region: code, pairing: nil, trendOf: IndicatorCatalogue.aidDisbursed)
        let children = regions.children(of: code).filter { $0.level != .township }
        let breakdownCode = IndicatorCatalogue.aidCommitted
        let values = try await facts.byRegion(breakdownCode, regions: children.map(\.code), year: year)
        return DashboardData(
            year: year, regionCode: code, pairingID: nil, agreement: agreement,
            figures: DashboardMath.figures(actuals: sums, targets: agreement?.targets ?? [:], shareThreshold: agreement?.shareThreshold,
                                           year: year, today: today),
            breakdownIndicator: breakdownCode,
            breakdown: children.map { RegionValue(code: $0.code, name: $0.name, value: values[$0.code] ?? 0) },
            trendIndicator: IndicatorCatalogue.aidDisbursed, trend: trend)
    }

    /// The dashboard of a pairing, for staff whose jurisdiction covers either side.
    public func pairing(_ id: UUID, year: Int, by principal: Principal, today: Day = Day(Date())) async throws -> DashboardData {
        guard let pairing = try await PairingModel.find(id, on: database)?.pairing,
              principal.role?.isStaff == true, Permissions.canReadPairing(principal, pairing) else {
            throw DomainError.notFound("pairing")
        }
        let facts = FactStore(database: database)
        let agreement = try await AgreementRepository(database: database).find(year: year, pairingID: id)
        let (sums, trend) = try await facts.year(year, region: nil, pairing: id, trendOf: IndicatorCatalogue.aidDisbursed)
        return DashboardData(
            year: year, regionCode: nil, pairingID: id, agreement: agreement,
            figures: DashboardMath.figures(actuals: sums, targets: agreement?.targets ?? [:], shareThreshold: agreement?.shareThreshold,
                                           year: year, today: today),
            breakdownIndicator: IndicatorCatalogue.aidCommitted, breakdown: [],
            trendIndicator: IndicatorCatalogue.aidDisbursed, trend: trend)
    }

    /// The provincial agreement for a province; for a city or county, the agreement of its one pairing in force
    /// that year which has an agreement.
    private func agreementFor(region: Region, year: Int) async throws -> Agreement? {
        let agreements = AgreementRepository(database: database)
        if region.level == .province { return try await agreements.find(year: year, pairingID: nil) }
        let found = try await agreements.forRegion(region.code, year: year)
        return found.count == 1 ? found[0] : nil
    }
}
