import Foundation
import Testing
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

@Suite("Funds, agreements and the dashboard over HTTP")
struct FundsWebTests {
    struct ErrorBody: Decodable {
        struct Inner: Decodable { var code: String; var field: String? }
        var error: Inner
    }

    func error(_ response: TestingHTTPResponse) throws -> ErrorBody.Inner {
        try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView)).error
    }

    @Test("the API enters a project and its flows; each broken rule is a 400 naming the field with nothing written",
          arguments: TestDatabase.all)
    func apiRules(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = try await t.account("zhashui-officer")
            let token = try await t.tokens.create(for: officer.id, name: "t", by: officer.principal).secret
            let client = TestClient(t.app)
            let created = try await client.json(.POST, "/api/v1/projects",
                #"{"code":"ZS-2025-9","name":"木耳设备更新","countyCode":"611026","year":2025,"actionArea":"featured_industry","category":"设备更新","budget":300000000}"#,
                headers: .bearer(token))
            #expect(created.status == .created)
            let id = try JSONDecoder().decode(Project.self, from: Data(created.body.readableBytesView)).id

            let jump = try await client.json(.POST, "/api/v1/projects/\(id)/status", #"{"status":"completed"}"#, headers: .bearer(token))
            #expect(jump.status == .badRequest)
            #expect(try error(jump).field == "status")
            #expect(try error(jump).code == "illegal_transition")
            let early = try await client.json(.POST, "/api/v1/projects/\(id)/flows",
                                              #"{"type":"commitment","source":"jiangsu_aid","amount":100,"date":"2025-01-02"}"#, headers: .bearer(token))
            #expect(try error(early).field == "projectId")
            #expect(try await client.json(.POST, "/api/v1/projects/\(id)/status", #"{"status":"approved"}"#, headers: .bearer(token)).status == .ok)

            let flows = try await t.count("fund_flows")
            let facts = try await t.facts.snapshot()
            let bad: [(String, String, String)] = [
                (#"{"type":"commitment","source":"jiangsu_aid","amount":100,"date":"2099-01-02"}"#, "date", "date_in_future"),
                (#"{"type":"disbursement","source":"jiangsu_aid","amount":100,"date":"2025-01-02"}"#, "amount", "exceeds_committed"),
                (#"{"type":"commitment","source":"jiangsu_aid","amount":"a lot","date":"2025-01-02"}"#, "amount", "wrong_type"),
                (#"{"type":"commitment","source":"jiangsu_aid","amount":-5,"date":"2025-01-02"}"#, "amount", "must_be_positive"),
                (#"{"type":"commitment","source":"jiangsu_aid","amount":5}"#, "date", "required"),
            ]
            for (body, field, code) in bad {
                let response = try await client.json(.POST, "/api/v1/projects/\(id)/flows", body, headers: .bearer(token))
                #expect(response.status == .badRequest, "\(body)")
                #expect(try error(response).field == field, "\(body)")
                #expect(try error(response).code == code, "\(body)")
            }
            #expect(try await t.count("fund_flows") == flows)
            #expect(try await t.facts.snapshot() == facts)

            let ok = try await client.json(.POST, "/api/v1/projects/\(id)/flows",
                                           #"{"type":"commitment","source":"jiangsu_aid","amount":2500000,"date":"2025-01-02","voucher":"PZ-1"}"#,
                                           headers: .bearer(token))
            #expect(ok.status == .created)
            let detail = try await client.send(.GET, "/api/v1/projects/\(id)", headers: .bearer(token)).body.string
            #expect(detail.contains(#""committed":2500000"#))
            let patched = try await client.json(.PATCH, "/api/v1/projects/\(id)", #"{"name":"木耳烘干设备更新","persons":120}"#, headers: .bearer(token))
            #expect(patched.status == .ok)
            #expect(patched.body.string.contains("木耳烘干设备更新"))
            #expect(patched.body.string.contains(#""code":"ZS-2025-9""#))
        }
    }

    @Test("the dashboard API gives target and actual per indicator, on the caller's own jurisdiction by default",
          arguments: TestDatabase.all)
    func dashboardAPI(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let gaochun = try await t.pairing("320118", "611026")
            let project = try await t.projects.create(sampleProject("D-1", pairing: gaochun.id), status: .approved, by: admin)
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 8_000_000, date: "2025-04-01"),
                                         by: admin)
            _ = try await t.agreements.save(AgreementDraft(year: 2025, pairingId: gaochun.id, title: "高淳—柞水 2025",
                                                           shareThresholdPercent: 70, targets: ["aid_committed": 10_000_000]), by: admin)
            let officer = try await t.account("zhashui-officer")
            let token = try await t.tokens.create(for: officer.id, name: "t", by: officer.principal).secret
            let client = TestClient(t.app)
            let response = try await client.send(.GET, "/api/v1/dashboard", headers: .bearer(token))
            #expect(response.status == .ok)
            struct Body: Decodable {
                struct Figure: Decodable { var code: String; var target: Int64?; var actual: Int64?; var status: String }
                var year: Int
                var region: Region?
                var indicators: [Figure]
                var trend: [Int64]
            }
            let body = try JSONDecoder().decode(Body.self, from: Data(response.body.readableBytesView))
            #expect(body.year == 2025)
            #expect(body.region?.code == "611026")
            let committed = try #require(body.indicators.first { $0.code == "aid_committed" })
            #expect(committed.target == 10_000_000)
            #expect(committed.actual == 8_000_000)
            #expect(committed.status == "behind")
            #expect(body.indicators.first { $0.code == "four_action_share" }?.actual == 10_000)
            #expect(body.indicators.first { $0.code == "four_action_share" }?.status == "on_track")
            #expect(body.trend[3] == 0)
            #expect(body.indicators.count == IndicatorCatalogue.all.count)
            let pairingView = try await client.send(.GET, "/api/v1/dashboard?pairing=\(gaochun.id)&year=2025", headers: .bearer(token))
            #expect(pairingView.body.string.contains(#""actual":8000000"#))
            #expect(try await client.send(.GET, "/api/v1/dashboard?region=61", headers: .bearer(token)).status == .forbidden)

            // The page shows the same figures.
            let browser = TestClient(t.app)
            try await browser.login("zhashui-officer", Fixture.password)
            let page = try await browser.send(.GET, "/dashboard").body.string
            #expect(page.contains("柞水县"))
            // The actual figure links to the projects behind it; the target is plain.
            #expect(page.contains("<td><a href=\"/projects?region=611026&amp;year=2025\" title=\"查看这个数字背后的记录\">8.00</a> <small>万元</small></td>"))
            #expect(page.contains("<td>10.00 <small>万元</small></td>"))
            #expect(page.contains("<svg class=\"chart\""))
            #expect(page.contains("高淳—柞水 2025"))
        }
    }

    @Test("forms show errors beside the field; the project list filters, searches and exports CSV with a BOM",
          arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let browser = TestClient(t.app)
            try await browser.login("zhashui-officer", Fixture.password)
            var csrf = try await browser.csrf(from: "/projects/new")
            let bad = try await browser.form("/projects", ["_csrf": csrf, "code": "ZS-1", "name": "木耳, \"精品\" 基地", "countyCode": "611026",
                                                           "year": "2025", "actionArea": "featured_industry", "category": "设备更新",
                                                           "budgetWan": "12.3456789"])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains(#"<span class="field-error">预算最多精确到分。"#))
            #expect(try await t.count("projects") == 0)
            let good = try await browser.form("/projects", ["_csrf": csrf, "code": "ZS-1", "name": "木耳, \"精品\" 基地", "countyCode": "611026",
                                                            "year": "2025", "actionArea": "featured_industry", "category": "设备更新",
                                                            "budgetWan": "12.34"])
            #expect(good.status == .seeOther)
            let location = try #require(good.headers.first(name: .location))
            csrf = try await browser.csrf(from: location)
            _ = try await browser.form(location + "/status", ["_csrf": csrf, "status": "approved"])
            let future = try await browser.form(location + "/flows", ["_csrf": csrf, "type": "commitment", "source": "jiangsu_aid",
                                                                     "amountYuan": "1000", "date": "2099-01-01"])
            #expect(future.status == .badRequest)
            #expect(future.body.string.contains("不能登记未来日期的资金"))
            #expect(try await browser.form(location + "/flows", ["_csrf": csrf, "type": "commitment", "source": "jiangsu_aid",
                                                                 "amountYuan": "1000.50", "date": "2025-02-01"]).status == .seeOther)
            let detail = try await browser.send(.GET, location).body.string
            #expect(detail.contains("1,000.50"))

            #expect(try await browser.send(.GET, "/projects?q=精品").body.string.contains("ZS-1"))
            #expect(try await browser.send(.GET, "/projects?q=茶叶").body.string.contains("没有符合条件的项目"))
            #expect(try await browser.send(.GET, "/projects?actionArea=education").body.string.contains("没有符合条件的项目"))
            let csv = try await browser.send(.GET, "/projects/export.csv?year=2025")
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            let bytes = Array(csv.body.readableBytesView)
            #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
            let text = csv.body.string
            #expect(text.contains("ZS-1,\"木耳, \"\"精品\"\" 基地\",611026,柞水县"))
            #expect(text.contains(",123400.00,approved,"))
        }
    }

    @Test("a city coordinator can neither open nor set another pairing's agreement", arguments: TestDatabase.all)
    func agreementForms(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let weinan = try await t.pairing("3211", "6105")
            _ = try await t.agreements.save(AgreementDraft(year: 2025, pairingId: weinan.id, title: "镇江—渭南 2025", targets: ["projects_total": 7]),
                                            by: admin)
            _ = try await t.accounts.create(AccountDraft(username: "shangluo", displayName: "商洛市协作办", role: "coordinator", jurisdiction: "6110",
                                                         password: Fixture.password), by: .system)
            let browser = TestClient(t.app)
            try await browser.login("shangluo", Fixture.password)
            let form = try await browser.send(.GET, "/agreements/edit?year=2025&pairing=\(weinan.id)")
            #expect(form.status == .notFound)
            #expect(!form.body.string.contains("镇江—渭南"))
            #expect(try await browser.send(.GET, "/agreements/edit?year=2025").status == .notFound)
            let nanjing = try await t.pairing("3201", "6110")
            let own = try await browser.send(.GET, "/agreements/edit?year=2025&pairing=\(nanjing.id)")
            #expect(own.status == .ok)
            let csrf = try await browser.csrf(from: "/agreements/edit?year=2025&pairing=\(nanjing.id)")
            let saved = try await browser.form("/agreements", ["_csrf": csrf, "year": "2025", "pairingId": nanjing.id.uuidString, "title": "南京—商洛 2025",
                                                               "threshold": "75", "target_aid_committed": "0.012345"])
            #expect(saved.status == .seeOther)
            #expect(try await t.agreements.find(year: 2025, pairingID: nanjing.id)?.targets["aid_committed"] == 12_345)
            let again = try await browser.send(.GET, "/agreements/edit?year=2025&pairing=\(nanjing.id)").body.string
            #expect(again.contains(#"name="target_aid_committed" value="0.012345""#))
            // The grading rules: a weight out of range and thresholds out of order are refused beside their fields, what
            // was typed kept; then saved and shown again.
            var fields = ["_csrf": csrf, "year": "2025", "pairingId": nanjing.id.uuidString, "title": "南京—商洛 2025", "threshold": "75",
                          "target_aid_committed": "0.012345", "weight_aid_committed": "300", "gradeGood": "70", "gradeFairlyGood": "80"]
            let badRules = try await browser.form("/agreements", fields)
            #expect(badRules.status == .badRequest)
            #expect(badRules.body.string.contains("权重须在 0 到 100 之间") && badRules.body.string.contains(#"name="weight_aid_committed" value="300""#))
            #expect(badRules.body.string.contains("等次的完成率须"))
            fields["weight_aid_committed"] = "3"
            fields["gradeGood"] = "85"
            #expect(try await browser.form("/agreements", fields).status == .seeOther)
            #expect(try await t.agreements.find(year: 2025, pairingID: nanjing.id)?.grading
                    == GradingRules(weights: ["aid_committed": 3], good: 8_500, fairlyGood: 8_000, average: 6_000))
            #expect(try await browser.send(.GET, "/agreements/edit?year=2025&pairing=\(nanjing.id)").body.string
                .contains(#"name="gradeGood" value="85""#))
            let overreach = try await browser.form("/agreements", ["_csrf": csrf, "year": "2025", "pairingId": weinan.id.uuidString, "title": "x"])
            #expect(overreach.status == .forbidden)
            #expect(try await t.agreements.find(year: 2025, pairingID: weinan.id)?.title == "镇江—渭南 2025")
        }
    }
}
