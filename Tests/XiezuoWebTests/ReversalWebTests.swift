import Foundation
import Testing
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

@Suite("Reversing entries (红字冲销) on the staff pages and the API")
struct ReversalWebTests {
    let today = Day(Date())

    @Test("a flow is reversed from the project page: the reason is kept on a refusal, a flash after, both entries shown side by side",
          arguments: TestDatabase.all)
    func projectPage(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = try await t.principal("zhashui-officer")
            let project = try await t.projects.create(sampleProject("ZS-WR", year: today.year), status: .approved, by: officer)
            let commitment = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 500_000,
                                                                                date: today.description), by: officer)
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "disbursement", source: "jiangsu_aid", amount: 200_000,
                                                                   date: today.description), by: officer)
            let browser = TestClient(t.app)
            try await browser.login("zhashui-officer", Fixture.password)
            let page = "/projects/\(project.id)"
            let csrf = try await browser.csrf(from: page)
            let opened = try await browser.send(.GET, page).body.string
            #expect(opened.contains("/flows/\(commitment.id)/reverse") && opened.contains("data-confirm=\"确认冲销"))
            // Refused: the reason stays in its box with the message beside it, nothing written.
            let refused = try await browser.form(page + "/flows/\(commitment.id)/reverse", ["_csrf": csrf, "reason": "协议金额录错"])
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("value=\"协议金额录错\"") && refused.body.string.contains("请先冲销相应的到位记录"))
            #expect(try await t.count("fund_flows") == 2)
            // The disbursement first, then the commitment.
            let flows = try await t.flows.list(of: project.id, by: officer)
            let disbursement = try #require(flows.first { $0.type == .disbursement })
            let done = try await browser.form(page + "/flows/\(disbursement.id)/reverse", ["_csrf": csrf, "reason": "到位款重复登记"])
            #expect(done.status == .seeOther)
            let after = try await browser.send(.GET, page).body.string
            #expect(after.contains("已冲销到位 2,000.00 元"))
            #expect(after.contains("-2,000.00") && after.contains("到位款重复登记") && after.contains("已冲销"))
            #expect(!after.contains("/flows/\(disbursement.id)/reverse"), "a reversed flow offers no second reversal")
            let again = try await browser.form(page + "/flows/\(disbursement.id)/reverse", ["_csrf": csrf, "reason": "再冲一次"])
            #expect(again.status == .conflict && again.body.string.contains("已经冲销过"))
            // The audit log names it.
            let admin = TestClient(t.app)
            try await admin.login("admin", Fixture.password)
            let audit = try await admin.send(.GET, "/admin/audit?entity=fund_flow").body.string
            // Each entry links to the flow on its project's page.
            #expect(audit.contains("红字冲销") && audit.contains("/projects/\(project.id)#flow-\(disbursement.id)"))
        }
    }

    @Test("the API reverses a flow, a sale and a placement; the sales ledger lists both entries linked", arguments: TestDatabase.all)
    func api(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = try await t.principal("zhashui-officer")
            let admin = try await t.principal("admin")
            let token = try await t.tokens.create(for: try await t.account("zhashui-officer").id, name: "test", by: officer).secret
            let client = TestClient(t.app)
            let project = try await t.projects.create(sampleProject("ZS-AR", year: today.year), status: .approved, by: officer)
            let flow = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 500_000,
                                                                          date: today.description), by: officer)
            let short = try await client.json(.POST, "/api/v1/projects/\(project.id)/flows/\(flow.id)/reversal", #"{"reason":"x"}"#, headers: .bearer(token))
            #expect(short.status == .badRequest && short.body.string.contains("reason_too_short"))
            let reversed = try await client.json(.POST, "/api/v1/projects/\(project.id)/flows/\(flow.id)/reversal", #"{"reason":"重复登记"}"#,
                                                 headers: .bearer(token))
            #expect(reversed.status == .created && reversed.body.string.contains("\"amount\":-500000"))
            #expect(try await client.send(.GET, "/api/v1/projects/\(project.id)/flows", headers: .bearer(token)).body.string.contains("\"reversedBy\""))

            let sale = try await t.sales.record(SaleDraft(date: today.description, channel: "livestream", productName: "柞水木耳", countyCode: "611026",
                                                          buyerRegion: "320118", amount: 80_000, quantity: 8), by: officer)
            #expect(try await client.json(.POST, "/api/v1/sales/\(sale.id)/reversal", #"{"reason":"直播退单"}"#, headers: .bearer(token)).status == .created)
            let ledger = try await client.send(.GET, "/api/v1/sales?year=\(today.year)", headers: .bearer(token)).body.string
            #expect(ledger.contains("\"total\":2") && ledger.contains("\"reverses\":\"\(sale.id)\"") && ledger.contains("直播退单"))
            #expect(try await client.json(.POST, "/api/v1/sales/\(sale.id)/reversal", #"{"reason":"直播退单"}"#, headers: .bearer(token)).status == .conflict)

            let employer = try await t.employers.create(sampleEmployer(1, region: "320118"), by: admin)
            let job = try await t.jobs.create(sampleJob(), employerID: employer.id, by: admin)
            let worker = try await t.workers.register(sampleWorker(12), by: officer)
            let application = try await t.applications.apply(worker: worker.id, to: job.id, by: officer)
            _ = try await t.applications.hire(application.id, HireDraft(startDate: today.description, monthlyWage: 600_000), by: admin)
            let placement = try await client.json(.POST, "/api/v1/applications/\(application.id)/reversal", #"{"reason":"人未到岗"}"#, headers: .bearer(token))
            #expect(placement.status == .created && placement.body.string.contains("人未到岗"))
            #expect(try await t.actual("611026", "workers_placed") == 0)
        }
    }

    @Test("a sale is reversed from the consumption page and a placement from the applicants page, each after a reason", arguments: [TestDatabase.sqlite])
    func registerPages(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = try await t.principal("zhashui-officer")
            let admin = try await t.principal("admin")
            let sale = try await t.sales.record(SaleDraft(date: today.description, channel: "fair", productName: "柞水木耳礼盒", countyCode: "611026",
                                                          buyerRegion: "320118", amount: 120_000, quantity: 4), by: officer)
            let browser = TestClient(t.app)
            try await browser.login("zhashui-officer", Fixture.password)
            let page = try await browser.send(.GET, "/manage/consumption").body.string
            #expect(page.contains("柞水木耳礼盒") && page.contains("/manage/consumption/sales/\(sale.id)/reverse"))
            let csrf = try await browser.csrf(from: "/manage/consumption")
            let empty = try await browser.form("/manage/consumption/sales/\(sale.id)/reverse", ["_csrf": csrf, "reason": ""])
            #expect(empty.status == .badRequest && empty.body.string.contains("理由"))
            #expect(try await browser.form("/manage/consumption/sales/\(sale.id)/reverse", ["_csrf": csrf, "reason": "展会重复报送"]).status == .seeOther)
            let after = try await browser.send(.GET, "/manage/consumption").body.string
            #expect(after.contains("已冲销 柞水木耳礼盒 1,200.00 元的销售") && after.contains("红字冲销：展会重复报送") && after.contains("-1,200.00"))

            let employer = try await t.employers.create(sampleEmployer(1, region: "320118"), by: admin)
            let job = try await t.jobs.create(sampleJob(), employerID: employer.id, by: admin)
            let worker = try await t.workers.register(sampleWorker(13), by: officer)
            let application = try await t.applications.apply(worker: worker.id, to: job.id, by: officer)
            _ = try await t.applications.hire(application.id, HireDraft(startDate: today.description, monthlyWage: 600_000), by: admin)
            let applicants = "/manage/jobs/\(job.id)/applicants"
            let coordinator = TestClient(t.app)
            try await coordinator.login("admin", Fixture.password)
            let adminCSRF = try await coordinator.csrf(from: applicants)
            #expect(try await coordinator.send(.GET, applicants).body.string.contains("\(application.id)/reverse"))
            #expect(try await coordinator.form(applicants + "/\(application.id)/reverse", ["_csrf": adminCSRF, "reason": "未到岗"]).status == .seeOther)
            let shown = try await coordinator.send(.GET, applicants).body.string
            #expect(shown.contains("录用已更正") && shown.contains("未到岗") && !shown.contains("\(application.id)/reverse"))
        }
    }
}
