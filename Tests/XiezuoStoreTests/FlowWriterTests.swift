import FluentKit
import Foundation
import SQLKit
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Fund flows written in groups")
struct FlowWriterTests {
    @Test("a group checks each flow against the totals with the flows before it; refused ones write nothing and take no number",
          arguments: TestDatabase.withAndWithoutFastPath)
    func mixedGroup(database: TestDatabase, fastPath: Bool) async throws {
        try await withTestApp(database, settings: { $0.sqliteFastPath = fastPath }) { t in
            // The variant runs as named: the process's own SQLite connections only on an SQLite file with the fast path.
            #expect((t.app.sqliteWriter != nil) == (fastPath && t.sqlitePath != nil))
            let officer = try await t.principal("zhashui-officer")
            let fuping = try await t.principal("fuping-officer")
            let sql = t.app.db as! any SQLDatabase
            let pairing = try await sql.raw("SELECT id FROM pairings WHERE west_code = '611026'").first()!.decode(column: "id", as: UUID.self)
            let project = try await t.projects.create(sampleProject("ZS-G1", pairing: pairing), status: .approved, by: officer)
            let reserve = try await t.projects.create(sampleProject("ZS-G2"), by: officer)
            let elsewhere = try await t.projects.create(sampleProject("FP-G1", county: "610528"), status: .approved, by: fuping)
            let today = Day("2025-06-30")!
            func request(_ id: UUID, _ type: String, _ amount: Int64, on date: String = "2025-05-01") -> FlowRequest {
                FlowRequest(projectID: id, draft: FlowDraft(type: type, source: "jiangsu_aid", amount: amount, date: date), principal: officer, today: today)
            }
            let requests = [
                request(project.id, "commitment", 1_000),
                request(project.id, "disbursement", 600),   // within the commitment just before it
                request(project.id, "disbursement", 500),   // 400 left
                request(elsewhere.id, "commitment", 5),     // not this officer's county
                request(project.id, "expenditure", 600),
                request(reserve.id, "commitment", 5),       // not approved
                request(project.id, "commitment", 5, on: "2025-07-01"),
                request(project.id, "disbursement", 400),   // exactly what is left
            ]
            let flowsBefore = try await t.count("fund_flows")
            let auditBefore = try await t.count("audit_log")
            let sequenceBefore = try await ChangeSequence.current(on: t.app.db)

            let outcomes = try await t.app.db.transaction { tx in try await FundFlowRepository.record(requests, on: tx as! any SQLDatabase) }

            let refusals: [Int: DomainError] = [
                2: .invalid("amount", "exceeds_committed", ["available_fen": "400"]),
                3: .notFound("project"),
                5: .invalid("projectId", "project_not_approved"),
                6: .invalid("date", "date_in_future"),
            ]
            #expect(outcomes.count == requests.count)
            for (index, outcome) in outcomes.enumerated() {
                switch outcome {
                case .success(let flow):
                    #expect(refusals[index] == nil, "request \(index) was accepted")
                    #expect(flow.amount == requests[index].draft.amount)
                case .failure(let error):
                    #expect(error as? DomainError == refusals[index], "request \(index)")
                }
            }
            #expect(try await t.count("fund_flows") == flowsBefore + 4)
            #expect(try await t.count("audit_log") == auditBefore + 4)
            // The accepted flows hold the next numbers in request order, and the unused ones were given back.
            #expect(try await ChangeSequence.current(on: t.app.db) == sequenceBefore + 4)
            let numbers = try await sql.raw("SELECT change_seq, amount FROM fund_flows WHERE project_id = \(bind: project.id) ORDER BY change_seq").all()
                .map { (try $0.decode(column: "change_seq", as: Int64.self), try $0.decode(column: "amount", as: Int64.self)) }
            #expect(numbers.map(\.0) == Array(sequenceBefore + 1...sequenceBefore + 4))
            #expect(numbers.map(\.1) == [1_000, 600, 600, 400])
            #expect(try await t.flows.totals(of: project.id, by: officer) == FlowTotals(committed: 1_000, disbursed: 1_000, spent: 600))
            let incremental = try await t.facts.snapshot()
            #expect(incremental.contains { $0.key.hasPrefix("|\(pairing.uuidString)|202505|") })
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == incremental)
        }
    }

    @Test("concurrent disbursements through the writer never exceed the commitment", arguments: TestDatabase.withAndWithoutFastPath)
    func concurrentFlows(database: TestDatabase, fastPath: Bool) async throws {
        try await withTestApp(database, settings: { $0.sqliteFastPath = fastPath }) { t in
            let officer = try await t.principal("zhashui-officer")
            let project = try await t.projects.create(sampleProject("ZS-C1"), status: .approved, by: officer)
            let flows = t.flows
            _ = try await flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 100, date: "2025-01-02"), by: officer)
            let outcomes = await withTaskGroup(of: Result<FundFlow, any Error>.self) { group in
                for _ in 0..<30 {
                    group.addTask {
                        do {
                            return .success(try await flows.record(on: project.id, FlowDraft(type: "disbursement", source: "jiangsu_aid",
                                                                                             amount: 10, date: "2025-01-03"), by: officer))
                        } catch { return .failure(error) }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { (try? $0.get()) != nil }.count == 10)
            for case .failure(let error) in outcomes { #expect((error as? DomainError)?.code == "exceeds_committed") }
            #expect(try await flows.totals(of: project.id, by: officer) == FlowTotals(committed: 100, disbursed: 100, spent: 0))
            #expect(try await t.count("fund_flows") == 11)
            let incremental = try await t.facts.snapshot()
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == incremental)
        }
    }

    @Test("a rebuild recomputes each project's running totals from its flows", arguments: TestDatabase.withAndWithoutFastPath)
    func rebuildTotals(database: TestDatabase, fastPath: Bool) async throws {
        try await withTestApp(database, settings: { $0.sqliteFastPath = fastPath }) { t in
            let officer = try await t.principal("zhashui-officer")
            let project = try await t.projects.create(sampleProject("ZS-T1"), status: .approved, by: officer)
            for (type, amount) in [("commitment", Int64(900)), ("disbursement", 700), ("expenditure", 300)] {
                _ = try await t.flows.record(on: project.id, FlowDraft(type: type, source: "social_donation", amount: amount, date: "2025-02-01"),
                                             by: officer)
            }
            try await (t.app.db as! any SQLDatabase).raw("UPDATE projects SET flows_committed = 1, flows_disbursed = 2, flows_spent = 3").run()
            #expect(try await t.flows.totals(of: project.id, by: officer) == FlowTotals(committed: 1, disbursed: 2, spent: 3))
            try await t.facts.rebuild()
            #expect(try await t.flows.totals(of: project.id, by: officer) == FlowTotals(committed: 900, disbursed: 700, spent: 300))
        }
    }
}
