import Foundation
import SQLKit
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Corrections by reversing entries (红字冲销): flows, sales and placements; nothing booked is edited, the facts move back")
struct ReversalTests {
    let today = Day(Date())

    /// Refuses with `code`, and writes nothing: the same rows and facts afterwards.
    func refused(_ t: TestApp, _ code: String, table: String, _ body: () async throws -> Void) async throws {
        let rows = try await t.count(table)
        let facts = try await t.facts.snapshot()
        do {
            try await body()
            Issue.record("\(code) was accepted")
        } catch let error as DomainError {
            #expect(error.code == code)
        }
        #expect(try await t.count(table) == rows, "\(code)")
        #expect(try await t.facts.snapshot() == facts, "\(code)")
    }

    @Test("a flow: reversed once with a reason, linked both ways, totals and facts back; the rules refuse the rest", arguments: TestDatabase.all)
    func flows(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = try await t.principal("zhashui-officer")
            let gaochun = try await t.pairing("320118", "611026")
            let project = try await t.projects.create(sampleProject("ZS-RV", pairing: gaochun.id, year: today.year), status: .approved, by: officer)
            let commitment = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 1_000_000,
                                                                                date: today.description), by: officer)
            let disbursement = try await t.flows.record(on: project.id, FlowDraft(type: "disbursement", source: "jiangsu_aid", amount: 600_000,
                                                                                  date: today.description, voucher: "PZ-7"), by: officer)
            #expect(try await t.actual("611026", "aid_disbursed") == 600_000)
            let reason = ReversalDraft(reason: "凭证录重了")
            // Reversing the commitment first would leave more disbursed than committed.
            try await refused(t, "reversal_below_disbursed", table: "fund_flows") {
                _ = try await t.flows.reverse(commitment.id, on: project.id, reason, by: officer)
            }
            try await refused(t, "required", table: "fund_flows") {
                _ = try await t.flows.reverse(disbursement.id, on: project.id, ReversalDraft(reason: "  "), by: officer)
            }
            try await refused(t, "reason_too_short", table: "fund_flows") {
                _ = try await t.flows.reverse(disbursement.id, on: project.id, ReversalDraft(reason: "错"), by: officer)
            }
            try await refused(t, "not_found", table: "fund_flows") {
                _ = try await t.flows.reverse(disbursement.id, on: project.id, reason, by: try await t.principal("fuping-officer"))
            }
            try await refused(t, "not_found", table: "fund_flows") {
                _ = try await t.flows.reverse(UUID(), on: project.id, reason, by: officer)
            }

            let reversal = try await t.flows.reverse(disbursement.id, on: project.id, reason, by: officer)
            #expect(reversal.amount == -600_000 && reversal.reverses == disbursement.id && reversal.reason == "凭证录重了")
            #expect(reversal.date == disbursement.date && reversal.type == .disbursement && reversal.voucher == "PZ-7")
            #expect(try await t.flows.totals(of: project.id, by: officer) == FlowTotals(committed: 1_000_000, disbursed: 0, spent: 0))
            #expect(try await t.actual("611026", "aid_disbursed") == 0)
            #expect(try await t.actual("320118", "aid_disbursed") == 0)
            let listed = try await t.flows.list(of: project.id, by: officer)
            #expect(listed.count == 3)
            #expect(listed.first { $0.id == disbursement.id }?.reversedBy == reversal.id)
            #expect(listed.first { $0.id == disbursement.id }?.amount == 600_000, "the original is not edited")
            try await refused(t, "already_reversed", table: "fund_flows") {
                _ = try await t.flows.reverse(disbursement.id, on: project.id, reason, by: officer)
            }
            try await refused(t, "cannot_reverse_reversal", table: "fund_flows") {
                _ = try await t.flows.reverse(reversal.id, on: project.id, reason, by: officer)
            }
            // Now the commitment can go too.
            _ = try await t.flows.reverse(commitment.id, on: project.id, ReversalDraft(reason: "项目未签协议"), by: officer)
            #expect(try await t.actual("611026", "aid_committed") == 0)
            let entries = try await t.audit.list(AuditFilter(entity: "fund_flow", action: "reverse"), by: try await t.principal("admin"), page: Paging(perPage: 10)).items
            #expect(entries.filter { $0.action == "reverse" }.map(\.entityID).sorted() == [commitment.id, disbursement.id].map(\.uuidString).sorted())
            let before = try await t.facts.snapshot()
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == before)
            #expect(try await t.flows.totals(of: project.id, by: officer) == FlowTotals())
        }
    }

    @Test("a sale: reversed once by staff covering its county, facts and product sums back; refunds and shop sales are not", arguments: TestDatabase.all)
    func sales(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = try await t.principal("zhashui-officer")
            let gaochun = try await t.pairing("320118", "611026")
            let product = try await t.publishedProduct()
            let sale = try await t.sales.record(SaleDraft(date: today.description, channel: "fair", productId: product.id, buyerRegion: "320118",
                                                          amount: 250_000, quantity: 50), by: officer)
            #expect(try await t.actual("611026", "consumption_sales") == 250_000)
            try await refused(t, "not_found", table: "sales") {
                _ = try await t.sales.reverse(sale.id, ReversalDraft(reason: "重复录入"), by: try await t.principal("fuping-officer"))
            }
            let reversal = try await t.sales.reverse(sale.id, ReversalDraft(reason: "重复录入"), by: officer)
            #expect(reversal.amount == -250_000 && reversal.reverses == sale.id && reversal.quantity == 50 && reversal.pairingID == sale.pairingID)
            #expect(try await t.actual("611026", "consumption_sales") == 0)
            #expect(try await t.actual("611026", "consumption_sales_fair") == 0)
            #expect(try await t.panels.panels(year: today.year, region: "61").topProducts.first { $0.productID == product.id }?.amount ?? 0 == 0)
            // The Jiangsu side reads the ledger by pairing: the reversal takes back the amount and the quantity.
            #expect(sale.pairingID == gaochun.id)
            let jiangsu = try #require(try await t.panels.panels(year: today.year, region: "32").topProducts.first { $0.productID == product.id })
            #expect(jiangsu.amount == 0 && jiangsu.quantity == 0)
            let listed = try await t.sales.list(year: today.year, region: "611026", by: officer, page: Paging()).items
            #expect(Set(listed.map(\.id)) == [sale.id, reversal.id])
            #expect(listed.first { $0.id == sale.id }?.reversedBy == reversal.id)
            // Jiangsu staff see the sales bought in their region, not another county's.
            #expect(try await t.sales.list(year: today.year, region: "320118", by: try await t.principal("admin"), page: Paging()).total == 2)
            await #expect(throws: DomainError.notFound("region")) {
                _ = try await t.sales.list(year: today.year, region: "6105", by: officer, page: Paging())
            }
            try await refused(t, "already_reversed", table: "sales") { _ = try await t.sales.reverse(sale.id, ReversalDraft(reason: "再来一次"), by: officer) }
            try await refused(t, "cannot_reverse_reversal", table: "sales") {
                _ = try await t.sales.reverse(reversal.id, ReversalDraft(reason: "冲销冲销"), by: officer)
            }
            let before = try await t.facts.snapshot()
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == before)
        }
    }

    @Test("a placement: reversed once by staff, leaves the placement figures, the worker's status goes back", arguments: TestDatabase.all)
    func placements(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let zhashui = try await t.principal("zhashui-officer")
            let employer = try await t.employers.create(sampleEmployer(1, region: "320118"), by: admin)
            let cook = try await t.jobs.create(sampleJob("中式烹调师", county: "320118"), employerID: employer.id, by: admin)
            let worker = try await t.workers.register(sampleWorker(11), by: zhashui)
            let statusBefore = try await t.workers.get(worker.id, by: zhashui).status
            let application = try await t.applications.apply(worker: worker.id, to: cook.id, by: zhashui)
            try await refused(t, "not_a_placement", table: "placement_reversals") {
                _ = try await t.applications.reversePlacement(application.id, ReversalDraft(reason: "录错了人"), by: zhashui)
            }
            _ = try await t.applications.hire(application.id, HireDraft(startDate: today.description, monthlyWage: 700_000), by: admin)
            #expect(try await t.actual("611026", "workers_placed") == 1)
            #expect(try await t.workers.get(worker.id, by: zhashui).status == .employedInJiangsu)
            // The employer's own account hired, but corrections are the staff's.
            let employerAccount = Principal(accountID: UUID(), name: "企业", role: .enterprise, jurisdiction: nil, employerID: employer.id)
            try await refused(t, "not_found", table: "placement_reversals") {
                _ = try await t.applications.reversePlacement(application.id, ReversalDraft(reason: "录错了人"), by: employerAccount)
            }
            try await refused(t, "not_found", table: "placement_reversals") {
                _ = try await t.applications.reversePlacement(application.id, ReversalDraft(reason: "录错了人"), by: try await t.principal("fuping-officer"))
            }
            let reversed = try await t.applications.reversePlacement(application.id, ReversalDraft(reason: "录错了人"), by: zhashui, today: today)
            #expect(reversed.status == .hired && reversed.reversal == PlacementReversal(on: today, reason: "录错了人") && reversed.stage == "reversed")
            for region in ["611026", "61", "320118"] {
                #expect(try await t.actual(region, "workers_placed") == 0, "\(region)")
                #expect(try await t.actual(region, "workers_placed_in_jiangsu") == 0, "\(region)")
            }
            #expect(try await t.workers.get(worker.id, by: zhashui).status == statusBefore)
            #expect(try await t.applications.forWorker(worker.id, by: zhashui).first?.reversal?.reason == "录错了人")
            #expect(try await t.applications.forPosting(cook.id, by: admin).first?.stage == "reversed")
            try await refused(t, "already_reversed", table: "placement_reversals") {
                _ = try await t.applications.reversePlacement(application.id, ReversalDraft(reason: "再冲一次"), by: zhashui)
            }
            let before = try await t.facts.snapshot()
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == before)
        }
    }
}
