import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// Steps the industry repositories share: which pairing a record is credited to, the linked projects' counties, the
/// coverage indicators' rebooking, and every industry fact for a rebuild.
enum IndustryLedger {
    /// The pairing a record in `county` is credited to in `year`: among the pairings active then whose Shaanxi side
    /// contains the county, those whose Jiangsu side matches `east` (when given; none matching means no pairing),
    /// the most specific first, ties by the Jiangsu code so the choice is stable.
    static func pairing(county: String, east: String?, year: Int, on database: any Database) async throws -> UUID? {
        pairing(county: county, east: east, year: year, among: try await PairingModel.query(on: database).all().map { try $0.pairing })
    }

    /// The same among `pairings` read before (an import reads them once).
    static func pairing(county: String, east: String?, year: Int, among pairings: [Pairing]) -> UUID? {
        let candidates = pairings
            .filter { county.hasPrefix($0.westCode) && $0.isActive(in: year) }
            .filter { pairing in east.map { $0.hasPrefix(pairing.eastCode) || pairing.eastCode.hasPrefix($0) } ?? true }
        return candidates.min { ($1.westCode.count, $0.eastCode) < ($0.westCode.count, $1.eastCode) }?.id
    }

    /// The county of each existing project among `ids`.
    static func projectCounties(_ ids: [UUID]?, on database: any Database) async throws -> [UUID: String] {
        guard let ids, !ids.isEmpty else { return [:] }
        let models = try await ProjectModel.query(on: database).filter(\.$id ~~ Array(Set(ids.prefix(200)))).all()
        return Dictionary(models.map { ($0.id!, $0.countyCode) }, uniquingKeysWith: { first, _ in first })
    }

    /// The coverage entries of a county's featured industries, but one.
    static func specialtyEntries(county: String, excluding id: UUID?, on database: any Database) async throws -> [CoverageEntry] {
        try await FeaturedIndustryModel.query(on: database).filter(\.$countyCode == county).all()
            .filter { $0.id != id }
            .map { CoverageEntry(month: $0.since * 100 + 1, pairingID: $0.pairingID) }
    }

    /// The coverage entries of a county's established parks, but one.
    static func parkEntries(county: String, excluding id: UUID?, on database: any Database) async throws -> [CoverageEntry] {
        try await ParkModel.query(on: database).filter(\.$countyCode == county).all()
            .filter { $0.id != id }
            .compactMap { model in
                try StoredRow(ParkModel.schema, id: model.id).day(model.established, column: "established")
                    .map { CoverageEntry(month: $0.monthKey, pairingID: model.pairingID) }
            }
    }

    /// What a coverage indicator changes by when one record goes from `before` to `after` (either may be nil for a
    /// create or a delete; a move between counties rebooks both).
    static func coverageDelta(_ indicator: String, before: (county: String, entry: CoverageEntry?)?,
                              after: (county: String, entry: CoverageEntry?)?,
                              others: (String) async throws -> [CoverageEntry]) async throws -> [FactKey: Int64] {
        var delta: [FactKey: Int64] = [:]
        for county in Set([before?.county, after?.county].compactMap { $0 }) {
            let rest = try await others(county)
            let old = rest + [before].compactMap { $0?.county == county ? $0?.entry : nil }
            let new = rest + [after].compactMap { $0?.county == county ? $0?.entry : nil }
            delta.merge(FactRules.delta(from: FactRules.coverage(indicator, county: county, entries: old),
                                        to: FactRules.coverage(indicator, county: county, entries: new)), uniquingKeysWith: +)
        }
        return delta
    }

    /// Every fact the industry ledgers contribute, for `xiezuo facts rebuild`.
    static func allFacts(on database: any Database) async throws -> [FactKey: Int64] {
        var facts: [FactKey: Int64] = [:]
        var specialty: [String: [CoverageEntry]] = [:]
        for model in try await FeaturedIndustryModel.query(on: database).all() {
            specialty[model.countyCode, default: []].append(CoverageEntry(month: model.since * 100 + 1, pairingID: model.pairingID))
        }
        var parks: [String: [CoverageEntry]] = [:]
        for model in try await ParkModel.query(on: database).all() {
            let park = try model.park()
            facts.merge(FactRules.contributions(of: park), uniquingKeysWith: +)
            if let entry = FactRules.parkEntry(park) { parks[park.countyCode, default: []].append(entry) }
        }
        for (county, entries) in specialty {
            facts.merge(FactRules.coverage(IndicatorCatalogue.coverageSpecialty, county: county, entries: entries), uniquingKeysWith: +)
        }
        for (county, entries) in parks {
            facts.merge(FactRules.coverage(IndicatorCatalogue.coveragePark, county: county, entries: entries), uniquingKeysWith: +)
        }
        for model in try await EnterpriseModel.query(on: database).filter(\.$status ~~ ["under_construction", "operating"]).all() {
            facts.merge(FactRules.contributions(of: try model.enterprise()), uniquingKeysWith: +)
        }
        return facts
    }
}
