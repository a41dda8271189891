import Foundation
import Testing
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

@Suite("The yearly cycle on the pages and the API: each level's queue, the county's year, 409 period_locked")
struct PeriodsWebTests {
    func token(_ t: TestApp, _ username: String) async throws -> String {
        let account = try await t.account(username)
        return try await t.tokens.create(for: account.id, name: "test", by: account.principal).secret
    }

    @Test("the API walks 柞水县 through submit → city → province; a locked year's flow is 409 period_locked with the year and county named; a reopen needs its reason",
          arguments: TestDatabase.all)
    func api(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let year = t.today.year - 1
            let officer = try await t.principal("zhashui-officer")
            let project = try await t.projects.create(sampleProject("ZS-PA", pairing: try await t.pairing("320118", "611026").id, year: year),
                                                      status: .approved, by: officer)
            let client = TestClient(t.app)
            let (county, city, province, jiangsu) = (try await token(t, "zhashui-officer"), try await token(t, "shangluo-officer"),
                                                     try await token(t, "shaanxi-coordinator"), try await token(t, "jiangsu-coordinator"))
            let base = "/api/v1/periods/\(year)/611026"
            let listed = try await client.send(.GET, "/api/v1/periods?year=\(year)", headers: .bearer(county))
            #expect(listed.status == .ok && listed.body.string.contains("\"state\":\"drafting\"") && listed.body.string.contains("\"total\":1"))
            #expect(listed.body.string.contains("\"actions\":[\"submit\"]"))
            let submitted = try await client.send(.POST, base + "/submit", headers: .bearer(county))
            #expect(submitted.status == .ok && submitted.body.string.contains("\"state\":\"submitted\""))
            #expect(try await client.send(.POST, base + "/approve", headers: .bearer(province)).status == .forbidden)
            #expect(try await client.send(.POST, base + "/approve", headers: .bearer(city)).status == .ok)
            let comment = try await client.json(.POST, base + "/comments", #"{"text":"对口资金均已拨付"}"#, headers: .bearer(jiangsu))
            #expect(comment.status == .created)
            let approved = try await client.send(.POST, base + "/approve", headers: .bearer(province))
            #expect(approved.status == .ok && approved.body.string.contains("\"locked\":true"))
            let states = try await client.send(.GET, "/api/v1/periods?year=\(year)&region=6110&state=approved", headers: .bearer(province)).body.string
            #expect(states.contains("\"code\":\"611026\"") && states.contains("\"total\":1"))

            // A write dated in the locked year: 409 with the year and the county in the message, nothing written.
            let flow = try await client.json(.POST, "/api/v1/projects/\(project.id)/flows",
                                             #"{"type":"commitment","source":"jiangsu_aid","amount":100,"date":"\#(year)-06-01"}"#, headers: .bearer(county))
            #expect(flow.status == .conflict)
            #expect(flow.body.string.contains("\"code\":\"period_locked\"") && flow.body.string.contains("柞水县") && flow.body.string.contains("\(year)"))
            #expect(flow.body.string.contains("协调员"), "the message says who can reopen it")
            #expect(try await t.count("fund_flows") == 0)

            let noReason = try await client.json(.POST, base + "/reopen", #"{"reason":""}"#, headers: .bearer(province))
            #expect(noReason.status == .badRequest && noReason.body.string.contains("\"field\":\"reason\""))
            #expect(try await client.json(.POST, base + "/reopen", #"{"reason":"补录拨付"}"#, headers: .bearer(city)).status == .forbidden)
            #expect(try await client.json(.POST, base + "/reopen", #"{"reason":"补录拨付"}"#, headers: .bearer(province)).status == .ok)
            let again = try await client.json(.POST, "/api/v1/projects/\(project.id)/flows",
                                              #"{"type":"commitment","source":"jiangsu_aid","amount":100,"date":"\#(year)-06-01"}"#, headers: .bearer(county))
            #expect(again.status == .created)

            let detail = try await client.send(.GET, base, headers: .bearer(jiangsu)).body.string
            #expect(detail.contains("\"action\":\"comment\"") && detail.contains("对口资金均已拨付") && detail.contains("补录拨付"))
            #expect(detail.contains("\"code\":\"aid_committed\""))
            // Others: 404, and a malformed key is 404 too.
            let fuping = try await token(t, "fuping-officer")
            #expect(try await client.send(.GET, base, headers: .bearer(fuping)).status == .notFound)
            #expect(try await client.send(.POST, base + "/submit", headers: .bearer(fuping)).status == .notFound)
            #expect(try await client.send(.GET, "/api/v1/periods/abc/611026", headers: .bearer(county)).status == .notFound)
            #expect(try await client.send(.GET, "/api/v1/periods/\(year)/6110", headers: .bearer(county)).status == .notFound)
            #expect(try await client.send(.GET, "/api/v1/periods?year=\(year)").status == .unauthorized)
        }
    }

    @Test("the pages: the county's queue, submitting with a flash, a return without a reason keeps the box and says why, the dashboard shows the state",
          arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let year = t.today.year - 1
            let county = TestClient(t.app)
            try await county.login("zhashui-officer", Fixture.password)
            let queue = try await county.send(.GET, "/periods?year=\(year)&queue=1").body.string
            #expect(queue.contains("柞水县") && queue.contains("/periods/\(year)/611026") && queue.contains("去处理"))
            let page = "/periods/\(year)/611026"
            let opened = try await county.send(.GET, page).body.string
            #expect(opened.contains("action=\"\(page)/submit\"") && opened.contains("尚未提交") && opened.contains("data-confirm"))
            let csrf = try await county.csrf(from: page)
            let submitted = try await county.form(page + "/submit", ["_csrf": csrf])
            #expect(submitted.status == .seeOther)
            let after = try await county.send(.GET, page).body.string
            #expect(after.contains("已提交柞水县") && after.contains("提交时") && after.contains("提交后各项指标没有变化"))
            #expect(!after.contains("action=\"\(page)/submit\""))
            let dashboard = try await county.send(.GET, "/dashboard?region=611026&year=\(year)").body.string
            #expect(dashboard.contains("年度审核状态：已提交") && dashboard.contains("href=\"\(page)\""))

            let city = TestClient(t.app)
            try await city.login("shangluo-officer", Fixture.password)
            let cityQueue = try await city.send(.GET, "/periods?year=\(year)&queue=1").body.string
            #expect(cityQueue.contains("柞水县") && !cityQueue.contains("富平县"))
            let cityCSRF = try await city.csrf(from: page)
            let refused = try await city.form(page + "/return", ["_csrf": cityCSRF, "text": "退"])
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains(">退</textarea>") && refused.body.string.contains("请写明理由"))
            #expect(try await t.periods.get(year: year, county: "611026", by: try await t.principal("admin")).period.state == .submitted)
            #expect(try await city.form(page + "/return", ["_csrf": cityCSRF, "text": "培训台账缺两期"]).status == .seeOther)
            let returned = try await city.send(.GET, page).body.string
            #expect(returned.contains("培训台账缺两期") && returned.contains("已将柞水县"))
            let cityDashboard = try await city.send(.GET, "/dashboard?region=6110&year=\(year)").body.string
            #expect(cityDashboard.contains("/periods?year=\(year)&amp;region=6110") || cityDashboard.contains("/periods?year=\(year)&region=6110"))
            // Another county's officer cannot open it.
            let other = TestClient(t.app)
            try await other.login("fuping-officer", Fixture.password)
            #expect(try await other.send(.GET, page).status == .notFound)
            #expect(!(try await other.send(.GET, "/periods?year=\(year)").body.string.contains("柞水县")))
        }
    }
}

@Suite("The assessment, the ranking and the annual report on the pages and the API")
struct AssessmentReportWebTests {
    @Test("the county writes its self-assessment on its year's page; the report page and its JSON show the same figures; the ranking lists the county",
          arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let year = t.today.year - 1
            let officer = try await t.principal("zhashui-officer")
            let project = try await t.projects.create(sampleProject("ZS-RW", pairing: try await t.pairing("320118", "611026").id, year: year),
                                                      status: .approved, by: officer)
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 12_345_600, date: "\(year)-04-01"),
                                         by: officer)
            let browser = TestClient(t.app)
            try await browser.login("zhashui-officer", Fixture.password)
            let page = "/periods/\(year)/611026"
            let opened = try await browser.send(.GET, page).body.string
            #expect(opened.contains("action=\"\(page)/assessment/self\"") && opened.contains("name=\"part_funds\""))
            let csrf = try await browser.csrf(from: page)
            let long = String(repeating: "长", count: 2_001)
            let refused = try await browser.form(page + "/assessment/self", ["_csrf": csrf, "part_funds": long, "part_personnel": "两名挂职干部到岗"])
            #expect(refused.status == .badRequest && refused.body.string.contains("两名挂职干部到岗"))
            #expect(try await t.count("period_assessments") == 0)
            let saved = try await browser.form(page + "/assessment/self", ["_csrf": csrf, "part_funds": "援助资金全部到位", "part_personnel": "两名挂职干部到岗"])
            #expect(saved.status == .seeOther)
            #expect(try await browser.send(.GET, page).body.string.contains("援助资金全部到位"))

            let report = try await browser.send(.GET, "/reports/annual?year=\(year)&region=611026")
            #expect(report.status == .ok)
            let html = report.body.string
            #expect(html.contains("柞水县 \(year) 年度") && html.contains(">12.35<") && html.contains("协作资金"))
            #expect(html.contains("尚未省级审定"))
            let json = try await browser.send(.GET, "/api/v1/reports/annual?year=\(year)&region=611026").body.string
            #expect(json.contains("\"code\":\"aid_committed\"") && json.contains("\"actual\":12345600"))
            let grades = try await browser.send(.GET, "/periods/grades?year=\(year)").body.string
            #expect(grades.contains("柞水县") && !grades.contains("富平县"))
            let other = TestClient(t.app)
            try await other.login("fuping-officer", Fixture.password)
            #expect(try await other.send(.GET, "/reports/annual?year=\(year)&region=611026").status == .forbidden)
        }
    }
}

@Suite("The Jiangsu side reads what its aid funds")
struct JiangsuSideTests {
    @Test("staff of a Jiangsu region read the projects and flows their pairings fund, and change nothing; other projects stay hidden",
          arguments: TestDatabase.all)
    func readsWhatItFunds(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let gaochun = try await t.pairing("320118", "611026")
            let funded = try await t.projects.create(sampleProject("ZS-JS", pairing: gaochun.id, year: 2025), status: .approved, by: admin)
            _ = try await t.flows.record(on: funded.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 5_000, date: "2025-03-01"), by: admin)
            let other = try await t.projects.create(sampleProject("FP-JS", county: "610528", year: 2025), status: .approved, by: admin)
            let jiangsu = try await t.principal("jiangsu-coordinator")
            #expect(try await t.projects.list(ProjectFilter(), by: jiangsu).items.map(\.code) == ["ZS-JS"])
            #expect(try await t.projects.get(funded.id, by: jiangsu).code == "ZS-JS")
            #expect(try await t.flows.list(of: funded.id, by: jiangsu).count == 1)
            await #expect(throws: DomainError.notFound("project")) { try await t.projects.get(other.id, by: jiangsu) }
            await #expect(throws: DomainError.notFound("project")) { try await t.projects.move(funded.id, to: .cancelled, by: jiangsu) }
            await #expect(throws: DomainError.notFound("project")) {
                try await t.flows.record(on: funded.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 1, date: "2025-03-01"), by: jiangsu)
            }
            // 高淳区's staff open the dashboard of the county it is paired with, not another's.
            let gaochunStaff = Principal(accountID: UUID(), name: "高淳区干部", role: .officer, jurisdiction: "320118")
            #expect(try await t.dashboards.region("611026", year: 2025, by: gaochunStaff).figures.first { $0.code == "aid_committed" }?.actual == 5_000)
            await #expect(throws: DomainError.forbidden) { try await t.dashboards.region("610528", year: 2025, by: gaochunStaff) }
            // …and the sales of that county (the county's ledger, read only).
            let product = try await t.publishedProduct()
            _ = try await t.sales.record(SaleDraft(date: "2025-05-01", channel: "fair", productId: product.id, buyerRegion: "320506",
                                                   amount: 250_000, quantity: 50), by: admin)
            #expect(try await t.sales.list(year: 2025, region: "611026", by: gaochunStaff, page: Paging()).items.map(\.amount) == [250_000])
            // …and its placements, without the workers' personal details.
            let employer = try await t.employers.create(sampleEmployer(1, region: "320118"), by: admin)
            let cook = try await t.jobs.create(sampleJob("中式烹调师", county: "320118"), employerID: employer.id, by: admin)
            let worker = try await t.workers.register(sampleWorker(11, name: "柞水务工者甲"), by: admin)
            let application = try await t.applications.apply(worker: worker.id, to: cook.id, by: admin, today: Day("2025-05-01"))
            _ = try await t.applications.hire(application.id, HireDraft(startDate: "2025-06-01", monthlyWage: 600_000), by: admin, today: Day("2025-06-01"))
            let placements = PlacementsReader(database: t.app.db, regions: t.regions)
            let listed = try await placements.list(year: 2025, region: "611026", by: gaochunStaff)
            #expect(listed.items.map(\.title) == ["中式烹调师"] && listed.items.first?.startDate == Day("2025-06-01") && listed.total == 1)
            let gaochunToken = try await t.tokens.create(for: try await t.accounts.create(AccountDraft(
                username: "gaochun", displayName: "高淳区协作办", role: "officer", jurisdiction: "320118", password: Fixture.password), by: .system).id,
                name: "test", by: .system).secret
            let body = try await TestClient(t.app).send(.GET, "/api/v1/placements?region=611026&year=2025", headers: .bearer(gaochunToken)).body.string
            #expect(body.contains("中式烹调师") && !body.contains("柞水务工者甲") && !body.contains(worker.id.uuidString))
            let placementsPage = try await TestClient(t.app).send(.GET, "/placements?region=611026&year=2025", headers: .bearer(gaochunToken)).body.string
            #expect(placementsPage.contains("中式烹调师") && !placementsPage.contains("柞水务工者甲"))
            // Staff of another Jiangsu county see none of it.
            let wuzhong = Principal(accountID: UUID(), name: "吴中区干部", role: .officer, jurisdiction: "320506")
            #expect(try await t.projects.list(ProjectFilter(), by: wuzhong).items.isEmpty)
            await #expect(throws: DomainError.notFound("project")) { try await t.projects.get(funded.id, by: wuzhong) }
            await #expect(throws: DomainError.forbidden) { try await t.dashboards.region("611026", year: 2025, by: wuzhong) }
            await #expect(throws: DomainError.notFound("region")) { try await t.sales.list(year: 2025, region: "611026", by: wuzhong, page: Paging()) }
            await #expect(throws: DomainError.notFound("region")) {
                try await PlacementsReader(database: t.app.db, regions: t.regions).list(year: 2025, region: "611026", by: wuzhong)
            }

            let account = try await t.account("jiangsu-coordinator")
            let token = try await t.tokens.create(for: account.id, name: "test", by: account.principal).secret
            let client = TestClient(t.app)
            let page = try await client.send(.GET, "/projects/\(funded.id)", headers: .bearer(token)).body.string
            #expect(page.contains("ZS-JS") && !page.contains("/projects/\(funded.id)/edit") && !page.contains("/projects/\(funded.id)/status"))
            #expect(page.contains("您可以查看"))
            #expect(try await client.json(.PATCH, "/api/v1/projects/\(funded.id)", #"{"name":"改名"}"#, headers: .bearer(token)).status == .notFound)
            #expect(try await t.projects.get(funded.id, by: admin).name == funded.name)
        }
    }
}
