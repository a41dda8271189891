import Foundation
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Projects and fund flows")
struct FundsRuleTests {
    @Test("the life cycle moves one step at a time; an illegal jump names the status field", arguments: TestDatabase.all)
    func lifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = try await t.principal("zhashui-officer")
            let project = try await t.projects.create(sampleProject("ZS-2025-001"), by: officer)
            #expect(project.status == .reserve)
            await #expect(throws: DomainError.invalid("status", "illegal_transition", ["from": "reserve", "to": "in_progress"])) {
                try await t.projects.move(project.id, to: .inProgress, by: officer)
            }
            for status in [ProjectStatus.approved, .inProgress, .completed, .accepted] {
                #expect(try await t.projects.move(project.id, to: status, by: officer).status == status)
            }
            await #expect(throws: DomainError.invalid("status", "illegal_transition", ["from": "accepted", "to": "cancelled"])) {
                try await t.projects.move(project.id, to: .cancelled, by: officer)
            }
        }
    }

    @Test("each broken flow rule is refused naming its field, and nothing is written", arguments: TestDatabase.all)
    func flowRules(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = try await t.principal("zhashui-officer")
            let today = Day("2025-06-30")!
            let reserve = try await t.projects.create(sampleProject("ZS-R"), by: officer)
            let project = try await t.projects.create(sampleProject("ZS-A"), status: .approved, by: officer)
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 1_000_000, date: "2025-03-01"),
                                         by: officer, today: today)
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "disbursement", source: "jiangsu_aid", amount: 600_000, date: "2025-04-01"),
                                         by: officer, today: today)
            let flowsBefore = try await t.count("fund_flows")
            let factsBefore = try await t.facts.snapshot()
            let refusals: [(UUID, FlowDraft, String, String)] = [
                (reserve.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 1, date: "2025-03-01"), "projectId", "project_not_approved"),
                (project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 1, date: "2025-07-01"), "date", "date_in_future"),
                (project.id, FlowDraft(type: "disbursement", source: "jiangsu_aid", amount: 400_001, date: "2025-05-01"), "amount", "exceeds_committed"),
                (project.id, FlowDraft(type: "expenditure", source: "jiangsu_aid", amount: 600_001, date: "2025-05-01"), "amount", "exceeds_disbursed"),
                (project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 0, date: "2025-05-01"), "amount", "must_be_positive"),
                (project.id, FlowDraft(type: "gift", source: "jiangsu_aid", amount: 5, date: "2025-05-01"), "type", "unknown_flow_type"),
                (project.id, FlowDraft(type: "commitment", source: "lottery", amount: 5, date: "2025-05-01"), "source", "unknown_fund_source"),
                (project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 5, date: "2025-02-30"), "date", "bad_date"),
            ]
            for (id, draft, field, code) in refusals {
                do {
                    _ = try await t.flows.record(on: id, draft, by: officer, today: today)
                    Issue.record("\(code) was accepted")
                } catch let error as DomainError {
                    #expect(error.field == field, "\(code)")
                    #expect(error.code == code)
                }
            }
            #expect(try await t.count("fund_flows") == flowsBefore)
            #expect(try await t.facts.snapshot() == factsBefore)
            // Exactly up to the limits is fine.
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "disbursement", source: "jiangsu_aid", amount: 400_000, date: "2025-05-01"),
                                         by: officer, today: today)
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "expenditure", source: "jiangsu_aid", amount: 1_000_000, date: "2025-06-30"),
                                         by: officer, today: today)
            #expect(try await t.flows.totals(of: project.id, by: officer) == FlowTotals(committed: 1_000_000, disbursed: 1_000_000, spent: 1_000_000))
        }
    }

    @Test("an officer can neither see nor fund another county's project", arguments: TestDatabase.all)
    func jurisdiction(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let fuping = try await t.principal("fuping-officer")
            let zhashui = try await t.principal("zhashui-officer")
            let project = try await t.projects.create(sampleProject("FP-1", county: "610528"), status: .approved, by: fuping)
            await #expect(throws: DomainError.forbidden) { try await t.projects.create(sampleProject("X-1", county: "610528"), by: zhashui) }
            await #expect(throws: DomainError.notFound("project")) { try await t.projects.get(project.id, by: zhashui) }
            await #expect(throws: DomainError.notFound("project")) {
                try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 5, date: "2025-01-02"),
                                         by: zhashui)
            }
            await #expect(throws: DomainError.notFound("project")) { try await t.projects.move(project.id, to: .cancelled, by: zhashui) }
            await #expect(throws: DomainError.forbidden) {
                try await t.projects.update(project.id, with: sampleProject("FP-1", county: "611026"), by: fuping)
            }
            #expect(try await t.projects.list(ProjectFilter(), by: zhashui).total == 0)
            #expect(try await t.projects.list(ProjectFilter(), by: fuping).total == 1)
            #expect(try await t.count("fund_flows") == 0)
        }
    }
}
