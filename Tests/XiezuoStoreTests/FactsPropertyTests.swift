import Foundation
import PropertyBased
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

/// Random sequences of writes leave the facts exactly as a rebuild from the ledgers computes them.
@Suite("Facts: incremental equals rebuild")
struct FactsPropertyTests {
    static let counties = ["611026", "611022", "610528", "610827", "610922"]
    static let areas = ActionArea.allCases.map(\.rawValue)

    // Stateful: each run continues on the database the previous one left (rebuilt), so shrinking would not replay.
    @Test("random writes, then rebuild", .shrinking(false), arguments: TestDatabase.all)
    func incrementalEqualsRebuild(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let gaochun = try await t.pairing("320118", "611026").id
            let nanjing = try await t.pairing("3201", "6110").id
            let today = Day("2025-12-31")!
            var serial = 0
            var projects: [UUID] = []
            await propertyCheck(count: database.isSQLite ? 25 : 10, input: Gen.int(in: 0...9999).array(of: 4...24)) { steps in
                for step in steps {
                    let pick = projects.isEmpty ? nil : projects[step % projects.count]
                    do {
                        switch step % 7 {
                        case 0, 6:
                            serial += 1
                            let county = Self.counties[step % Self.counties.count]
                            let pairing: UUID? = county == "611026" ? (step % 3 == 0 ? gaochun : nanjing) : (county == "611022" ? nanjing : nil)
                            let project = try await t.projects.create(
                                sampleProject("P\(serial)", county: county, pairing: pairing, year: 2023 + step % 3,
                                              area: Self.areas[step % Self.areas.count], persons: step % 500, poor: step % 200),
                                status: step % 2 == 0 ? .approved : .reserve, by: admin)
                            projects.append(project.id)
                        case 1:
                            if let pick, let next = try await t.projects.get(pick, by: admin).status.next.first {
                                _ = try await t.projects.move(pick, to: next, by: admin)
                            }
                        case 2:
                            if let pick { _ = try await t.projects.move(pick, to: .cancelled, by: admin) }
                        case 3:
                            if let pick {
                                _ = try await t.flows.record(on: pick, FlowDraft(type: "commitment", source: step % 5 == 0 ? "social_donation" : "jiangsu_aid",
                                                                                 amount: Int64(step * 100 + 1), date: "2025-0\(1 + step % 9)-10"),
                                                             by: admin, today: today)
                            }
                        case 4:
                            if let pick {
                                let totals = try await t.flows.totals(of: pick, by: admin)
                                let room = totals.committed - totals.disbursed
                                if room > 0 {
                                    _ = try await t.flows.record(on: pick, FlowDraft(type: "disbursement", source: step % 4 == 0 ? "social_donation" : "jiangsu_aid",
                                                                                     amount: max(1, room / 2), date: "2024-1\(step % 3)-01"),
                                                                 by: admin, today: today)
                                }
                            }
                        default:
                            if let pick {
                                let current = try await t.projects.get(pick, by: admin)
                                let county = Self.counties[(step / 7) % Self.counties.count]
                                _ = try await t.projects.update(pick, with: sampleProject(current.code, county: county,
                                                                                          pairing: county == "611022" ? nanjing : nil,
                                                                                          year: current.year, area: Self.areas[(step / 3) % Self.areas.count],
                                                                                          persons: step % 300, poor: step % 100), by: admin)
                            }
                        }
                    } catch let error as DomainError where error.kind == .validation {
                        // Moves the rules refuse (e.g. cancelling an accepted project) are part of the sequence too.
                    } catch {
                        Issue.record("step \(step) failed: \(String(reflecting: error))")
                        throw error
                    }
                }
                let incremental = try await t.facts.snapshot()
                try await t.facts.rebuild()
                let rebuilt = try await t.facts.snapshot()
                #expect(incremental == rebuilt)
            }
            // The sequences did reach the facts (not a comparison of two empty tables).
            #expect(try await t.facts.snapshot().count > 10)
        }
    }
}

extension TestDatabase {
    var isSQLite: Bool { if case .sqlite = self { true } else { false } }
}
