import Foundation
import Testing
import Vapor
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

@Suite("Dashboard charts people can read")
struct DashboardChartTests {
    let zh: HTTPHeaders = ["Accept-Language": "zh-CN"]

    @Test("charts have a y-axis in the indicator's unit and a table beside them; any summed indicator can be chosen; an unknown one is a 400")
    func charts() async throws {
        try await withTestApp(.sqlite) { t in
            let admin = try await t.principal("admin")
            let project = try await t.projects.create(sampleProject("DC-1"), status: .approved, by: admin)
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 8_000_000, date: "2025-04-01"), by: admin)
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "disbursement", source: "jiangsu_aid", amount: 3_000_000, date: "2025-05-01"), by: admin)
            let officer = TestClient(t.app)
            try await officer.login("shangluo-officer", Fixture.password)
            var page = try await officer.send(.GET, "/dashboard?year=2025", headers: zh).body.string
            // The trend of disbursements: a y-axis labelled in 万元 up to the maximum, and the months as a table.
            #expect(page.contains("class=\"label\">万元</text>") && page.contains(">3.00</text>"))
            #expect(page.contains("<th>月份</th>") && page.contains("<td>5月</td><td class=\"num\">3.00</td>"))
            // The breakdown as a table too, each county linking to its dashboard with the same indicator.
            #expect(page.contains("<a href=\"/dashboard?region=611026&amp;year=2025\">柞水县</a>") || page.contains("href=\"/dashboard?region=611026&year=2025\""))
            // Another indicator: its own name and unit.
            page = try await officer.send(.GET, "/dashboard?year=2025&indicator=projects_total", headers: zh).body.string
            #expect(page.contains("<option value=\"projects_total\" selected>"))
            #expect(!page.contains("class=\"label\">万元</text>"))
            let bad = try await officer.send(.GET, "/api/v1/dashboard?year=2025&indicator=bogus")
            #expect(bad.status == .badRequest && bad.body.string.contains("\"field\":\"indicator\""))
        }
    }

    @Test("each figure links to the records behind it, filtered to the region and year; a Jiangsu region only to its purchases")
    func figuresLinkToRecords() async throws {
        try await withTestApp(.sqlite) { t in
            let admin = try await t.principal("admin")
            let project = try await t.projects.create(sampleProject("DR-1", county: "611026"), status: .approved, by: admin)
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 8_000_000, date: "2025-04-01"), by: admin)
            _ = try await t.sales.record(SaleDraft(date: "2025-05-01", channel: "fair", productName: "柞水木耳", countyCode: "611026", buyerRegion: "320118",
                                                   amount: 50_000, quantity: 5), by: admin)
            let coordinator = TestClient(t.app)
            try await coordinator.login("admin", Fixture.password)
            let county = try await coordinator.send(.GET, "/dashboard?region=611026&year=2025", headers: zh).body.string
            let projects = "/projects?region=611026&amp;year=2025"
            #expect(county.contains("<a href=\"\(projects)\" title=\"查看这个数字背后的记录\">8.00</a>"))
            #expect(county.contains("href=\"/manage/consumption?region=611026&amp;year=2025\""))
            // The link leads to the records: the project is listed, and the sale in the ledger.
            #expect(try await coordinator.send(.GET, "/projects?region=611026&year=2025", headers: zh).body.string.contains("DR-1"))
            #expect(try await coordinator.send(.GET, "/manage/consumption?region=611026&year=2025", headers: zh).body.string.contains("柞水木耳"))
            // A figure with nothing recorded has no link.
            #expect(!county.contains("/training?region=611026") && !county.contains("/brands?region=611026"))
            let jiangsu = try await coordinator.send(.GET, "/dashboard?region=320118&year=2025", headers: zh).body.string
            #expect(jiangsu.contains("href=\"/manage/consumption?region=320118&amp;year=2025\"") && !jiangsu.contains("/projects?region=320118"))
            #expect(try await coordinator.send(.GET, "/manage/consumption?region=320118&year=2025", headers: zh).body.string.contains("柞水木耳"))
        }
    }
}
