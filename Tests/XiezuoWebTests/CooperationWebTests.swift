import Foundation
import Testing
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

@Suite("The cooperation registers on the staff page and the API")
struct CooperationWebTests {
    @Test("the forms take places by name and money in 元; a refused field keeps what was typed and says why beside it; the page lists the year's records with their figures",
          arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let browser = TestClient(t.app)
            try await browser.login("zhashui-officer", Fixture.password)
            let form = try await browser.send(.GET, "/manage/cooperation/pairings/new").body.string
            #expect(form.contains("data-picker=\"region\"") && form.contains("name=\"townshipCode\""))
            let csrf = try await browser.csrf(from: "/manage/cooperation/pairings/new")
            var fields = ["_csrf": csrf, "partnerName": "雨润食品", "partnerKind": "enterprise", "partnerRegion": "南京市 高淳区",
                          "townshipCode": "柞水县 营盘镇", "village": "朱家湾村", "year": "2025", "moneyPledged": "5000",
                          "moneyDelivered": "-3", "goodsDelivered": "1200.5"]
            let refused = try await browser.form("/manage/cooperation/pairings", fields)
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("value=\"朱家湾村\"") && refused.body.string.contains("value=\"-3\""))
            #expect(try await t.count("village_pairings") == 0)
            fields["moneyDelivered"] = "3000"
            let saved = try await browser.form("/manage/cooperation/pairings", fields)
            #expect(saved.status == .seeOther)
            let pairing = try #require(try await CooperationRegisters(database: t.app.db, regions: t.regions)
                .villagePairings(by: try await t.principal("admin")).items.first)
            #expect(pairing.townshipCode.hasPrefix("611026") && pairing.moneyDelivered == 300_000 && pairing.goodsDelivered == 120_050)
            #expect(pairing.partnerRegion == "320118")
            let page = try await browser.send(.GET, "/manage/cooperation?year=2025").body.string
            #expect(page.contains("雨润食品") && page.contains("朱家湾村") && page.contains("/manage/cooperation/pairings/\(pairing.id)/edit"))
            // The figures above the lists are the facts: 3,000 + 1,200.50 元 delivered is 0.42 万元.
            #expect(page.contains(">0.42</a>"))
            let edit = try await browser.send(.GET, "/manage/cooperation/pairings/\(pairing.id)/edit").body.string
            #expect(edit.contains("value=\"3000\"") && edit.contains("营盘镇"))
            #expect(try await browser.form("/manage/cooperation/pairings/\(pairing.id)/delete", ["_csrf": csrf]).status == .seeOther)
            #expect(try await t.count("village_pairings") == 0)
        }
    }

    @Test("the API records a person exchanged and lists it for the year; a wrong field is a 400 naming it", arguments: TestDatabase.all)
    func api(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let account = try await t.account("zhashui-officer")
            let token = try await t.tokens.create(for: account.id, name: "test", by: account.principal).secret
            let client = TestClient(t.app)
            let body = #"{"name":"王某某","sex":"female","employer":"苏州市教育局","post":"支教教师","field":"education","direction":"to_shaanxi","level":"professional","regionCode":"611026","from":"2025-02-20","to":"2025-07-10"}"#
            let created = try await client.json(.POST, "/api/v1/personnel-exchanges", body, headers: .bearer(token))
            #expect(created.status == .created)
            let listed = try await client.send(.GET, "/api/v1/personnel-exchanges?year=2025", headers: .bearer(token)).body.string
            #expect(listed.contains("王某某") && listed.contains("\"total\":1"))
            #expect(try await client.send(.GET, "/api/v1/personnel-exchanges?year=2023", headers: .bearer(token)).body.string.contains("\"total\":0"))
            let wrong = try await client.json(.POST, "/api/v1/personnel-exchanges", body.replacingOccurrences(of: "2025-07-10", with: "2025-01-10"),
                                              headers: .bearer(token))
            #expect(wrong.status == .badRequest && wrong.body.string.contains("\"field\":\"to\""))
            #expect(try await t.actual("611026", "personnel_professionals", year: 2025) == 1)
        }
    }
}
