import Foundation
import PropertyBased
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

/// Random sequences of industry, park and enterprise writes leave the facts (including the coverage indicators,
/// which count a county once) exactly as a rebuild computes them.
@Suite("Industry facts: incremental equals rebuild")
struct IndustryFactsPropertyTests {
    static let counties = ["611026", "611002", "610528", "610827", "610922"]
    static let origins = ["3201", "320118", "3205", "3211"]

    @Test("random industry writes, then rebuild", .shrinking(false), arguments: TestDatabase.all)
    func incrementalEqualsRebuild(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let today = Day("2025-12-31")!
            var industries: [UUID] = []
            var parks: [UUID] = []
            var enterprises: [UUID] = []
            var seen: Set<String> = []
            func apply(_ steps: [Int]) async throws {
                for step in steps {
                    let county = Self.counties[step % Self.counties.count]
                    do {
                        switch step % 10 {
                        case 0:
                            let industry = try await t.industries.create(sampleIndustry("产业\(step)", county: county, since: 2018 + step % 8),
                                                                         by: admin, today: today)
                            industries.append(industry.id)
                        case 1:
                            if !industries.isEmpty {
                                let id = industries[step % industries.count]
                                _ = try await t.industries.update(id, with: sampleIndustry("产业\(step)", county: county, since: 2019 + step % 6),
                                                                  by: admin, today: today)
                            }
                        case 2:
                            if !industries.isEmpty {
                                try await t.industries.delete(industries.remove(at: step % industries.count), by: admin)
                            }
                        case 3:
                            let established: String? = step % 4 == 0 ? nil : "20\(19 + step % 7)-0\(1 + step % 9)-01"
                            let park = try await t.parks.create(samplePark("园区\(step)", county: county, partner: Self.origins[step % 4],
                                                                           established: established), by: admin, today: today)
                            parks.append(park.id)
                        case 4:
                            if !parks.isEmpty {
                                let id = parks[step % parks.count]
                                let current = try await t.parks.get(id)
                                let established: String? = step % 5 == 0 ? nil : "20\(20 + step % 6)-1\(step % 3)-01"
                                _ = try await t.parks.update(id, with: samplePark(current.name, county: current.countyCode,
                                                                                  partner: Self.origins[step % 4], established: established),
                                                             by: admin, today: today)
                            }
                        case 5:
                            let park = parks.isEmpty || step % 3 == 0 ? nil : parks[step % parks.count]
                            let enterprise = try await t.enterprises.create(
                                sampleEnterprise("企业\(step)", park: park, county: county, origin: Self.origins[step % 4],
                                                 investment: Int64(step) * 1_000), by: admin, today: today)
                            enterprises.append(enterprise.id)
                        case 6:
                            if !enterprises.isEmpty {
                                let id = enterprises[step % enterprises.count]
                                let current = try await t.enterprises.get(id, by: admin)
                                if let next = current.status.next.first {
                                    _ = try await t.enterprises.move(id, to: next, on: Day("2025-0\(1 + step % 9)-0\(1 + step % 9)"), by: admin,
                                                                     today: today)
                                }
                            }
                        case 8:
                            // A park moves to another county (refused while it has enterprises).
                            if !parks.isEmpty {
                                let id = parks[step % parks.count]
                                let current = try await t.parks.get(id)
                                _ = try await t.parks.update(id, with: samplePark(current.name, county: county, partner: current.partnerCode,
                                                                                  established: current.established?.description),
                                                             by: admin, today: today)
                            }
                        case 9:
                            if !parks.isEmpty {
                                let index = step % parks.count
                                do {
                                    try await t.parks.delete(parks[index], by: admin)
                                    parks.remove(at: index)
                                } catch let error as DomainError where error.kind == .conflict {
                                    // A park with enterprises stays.
                                }
                            }
                        default:
                            if !enterprises.isEmpty {
                                let id = enterprises[step % enterprises.count]
                                let current = try await t.enterprises.get(id, by: admin)
                                var draft = EnterpriseDraft(current)
                                draft.actualInvestment = Int64(step) * 7
                                draft.jobs = step % 50
                                draft.jobsRural = step % 30 > draft.jobs! ? draft.jobs : step % 30
                                draft.jobsPovertyLifted = 0
                                draft.countyCode = current.parkID == nil ? county : nil
                                _ = try await t.enterprises.update(id, with: draft, by: admin, today: today)
                            }
                        }
                    } catch let error as DomainError where error.kind == .validation {
                        // Writes the rules refuse (a date before the previous step) are part of the sequence too.
                    } catch {
                        Issue.record("step \(step) failed: \(String(reflecting: error))")
                        throw error
                    }
                }
                let incremental = try await t.facts.snapshot()
                try await t.facts.rebuild()
                #expect(incremental == (try await t.facts.snapshot()))
                seen.formUnion(incremental.keys.compactMap { $0.split(separator: "|").last.map(String.init) })
            }
            // A fixed sequence first (an industry, two co-built parks, an enterprise in one), so the comparison is
            // known to reach the industry facts, not only two empty tables; then the random ones.
            try await apply([0, 3, 13, 5])
            for code in ["coverage_one_county_one_specialty", "coverage_one_county_one_park", "parks_cobuilt"] {
                #expect(seen.contains(code), "\(code)")
            }
            await propertyCheck(count: database.isSQLite ? 20 : 8, input: Gen.int(in: 0...9999).array(of: 4...20)) { steps in
                try await apply(steps)
            }
        }
    }
}
