import Foundation
import Testing
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

/// The `{"error":{…}}` body with its message.
func apiMessage(_ response: TestingHTTPResponse) throws -> String {
    struct Body: Decodable { struct Inner: Decodable { var message: String }; var error: Inner }
    return try JSONDecoder().decode(Body.self, from: Data(response.body.readableBytesView)).error.message
}

struct Listed<Item: Decodable>: Decodable {
    var items: [Item]
    var total: Int
}

@Suite("Industries, parks and enterprises over HTTP")
struct IndustryWebTests {
    @Test("recording through the API: clear errors that write nothing, then a landing that moves the dashboard",
          arguments: TestDatabase.all)
    func recording(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = try await t.account("zhashui-officer")
            let token = try await t.tokens.create(for: officer.id, name: "t", by: officer.principal).secret
            let client = TestClient(t.app)
            let zh: HTTPHeaders = ["Authorization": "Bearer \(token)", "Accept-Language": "zh-CN"]

            let bad = try await client.json(.POST, "/api/v1/industries",
                #"{"name":"柞水木耳","countyCode":"611026","category":"食用菌","role":"leading","since":2021,"upgrades":[{"kind":"technology","date":"2023-02-30","description":"x"}]}"#,
                headers: zh)
            #expect(bad.status == .badRequest)
            #expect(try apiError(bad) == ("bad_date", "upgrades[0].date"))
            #expect(try apiMessage(bad).contains("提升日期 (1)"))
            #expect(try await t.count("featured_industries") == 0)
            let created = try await client.json(.POST, "/api/v1/industries",
                #"{"name":"柞水木耳","countyCode":"611026","category":"食用菌","role":"leading","since":2021,"mechanisms":["wage","order_purchase"]}"#,
                headers: zh)
            #expect(created.status == .created)
            let year = Day(Date()).year
            var dashboard = try await client.send(.GET, "/api/v1/dashboard?region=611026&year=\(year)", headers: zh)
            #expect(dashboard.body.string.contains(#""code":"coverage_one_county_one_specialty""#))
            struct Dashboard: Decodable { struct Figure: Decodable { var code: String; var actual: Int64? }; var indicators: [Figure] }
            #expect(try decode(Dashboard.self, dashboard).indicators.first { $0.code == "coverage_one_county_one_specialty" }?.actual == 1)

            let park = try await client.json(.POST, "/api/v1/parks",
                #"{"name":"柞水苏陕产业园","countyCode":"611026","form":"enclave","partnerCode":"320118","established":"2022-05-01"}"#, headers: zh)
            #expect(park.status == .created)
            let parkID = try decode(Park.self, park).id
            let share = try await client.json(.POST, "/api/v1/parks/\(parkID)/enclave/shares",
                #"{"sendingCode":"320118","fromYear":2024,"outputSending":6000,"outputHosting":4000,"taxSending":5000,"taxHosting":5000,"gdpSending":3000,"gdpHosting":6000}"#,
                headers: zh)
            #expect(share.status == .badRequest)
            #expect(try apiError(share) == ("shares_not_100", "gdpHosting"))
            #expect(try apiMessage(share).contains("90%"))
            #expect(try await t.count("enclave_shares") == 0)

            let enterprise = try await client.json(.POST, "/api/v1/enterprises",
                #"{"name":"高淳测试电子","originCode":"320118","chain":"电子信息","parkId":"\#(parkID)","actualInvestment":5000000000,"jobs":100,"jobsRural":60,"jobsPovertyLifted":10}"#,
                headers: zh)
            #expect(enterprise.status == .created)
            let id = try decode(Enterprise.self, enterprise).id
            let jump = try await client.json(.POST, "/api/v1/enterprises/\(id)/status", #"{"status":"operating"}"#, headers: zh)
            #expect(jump.status == .badRequest)
            #expect(try apiMessage(jump) == "企业不能从“线索”直接变为“投产”。")
            for status in ["negotiating", "signed", "under_construction"] {
                let moved = try await client.json(.POST, "/api/v1/enterprises/\(id)/status", #"{"status":"\#(status)"}"#, headers: zh)
                #expect(moved.status == .ok, "\(status)")
            }
            dashboard = try await client.send(.GET, "/api/v1/dashboard?region=611026&year=\(year)", headers: zh)
            let figures = try decode(Dashboard.self, dashboard).indicators
            #expect(figures.first { $0.code == "enterprises_landed" }?.actual == 1)
            #expect(figures.first { $0.code == "enterprise_investment" }?.actual == 5_000_000_000)
            #expect(figures.first { $0.code == "enterprise_jobs_rural" }?.actual == 60)
        }
    }

    @Test("the public sees signed and landed enterprises, never leads; pages for the overview, an industry and a park",
          arguments: TestDatabase.all)
    func publicFace(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let industry = try await t.industries.create(sampleIndustry(), by: admin)
            let park = try await t.parks.create(samplePark("柞水飞地园", county: "611026", partner: "320118", form: "enclave"), by: admin)
            let lead = try await t.enterprises.create(sampleEnterprise("保密线索企业", park: park.id, origin: "320118"), by: admin)
            let signed = try await t.enterprises.create(sampleEnterprise("已签约企业", park: park.id, origin: "320118"), by: admin)
            _ = try await t.enterprises.move(signed.id, to: .negotiating, by: admin)
            _ = try await t.enterprises.move(signed.id, to: .signed, by: admin)
            _ = try await t.enclaves.addShare(to: park.id, EnclaveShareDraft(sendingCode: "320118", fromYear: 2024, outputSending: 4000,
                                                                          outputHosting: 6000, taxSending: 5000, taxHosting: 5000,
                                                                          gdpSending: 3000, gdpHosting: 7000), by: admin)
            let client = TestClient(t.app)
            let list = try decode(Listed<Enterprise>.self, try await client.send(.GET, "/api/v1/enterprises"))
            #expect(list.items.map(\.name) == ["已签约企业"])
            #expect(try await client.send(.GET, "/api/v1/enterprises/\(lead.id)").status == .notFound)
            struct Detail: Decodable { var park: Park; var enterprises: [Enterprise] }
            let detail = try decode(Detail.self, try await client.send(.GET, "/api/v1/parks/\(park.id)"))
            #expect(detail.enterprises.map(\.name) == ["已签约企业"])
            #expect(try await client.send(.GET, "/api/v1/parks/\(park.id)/enclave").status == .unauthorized)
            let industries = try decode(Listed<FeaturedIndustry>.self, try await client.send(.GET, "/api/v1/industries?region=6110"))
            #expect(industries.items.map(\.name) == ["柞水木耳"])

            let overview = try await client.send(.GET, "/industries?region=6110", headers: ["Accept-Language": "zh-CN"])
            #expect(overview.status == .ok)
            // A labelled tile per county: the name is on the map itself, readable on a phone.
            #expect(overview.body.string.contains(#"<div class="coverage""#))
            #expect(overview.body.string.contains(#"<li class="tile both"><a href="/industries?region=611026""#) && overview.body.string.contains(">柞水县</a>"))
            #expect(overview.body.string.contains("柞水县：特色产业和园区都有"))
            #expect(overview.body.string.contains("/industries/\(industry.id)"))
            let page = try await client.send(.GET, "/industries/\(industry.id)", headers: ["Accept-Language": "zh-CN"])
            #expect(page.body.string.contains("全产业链追溯系统"))
            #expect(page.body.string.contains("务工、订单收购"))
            var parkPage = try await client.send(.GET, "/parks/\(park.id)", headers: ["Accept-Language": "zh-CN"])
            #expect(parkPage.body.string.contains("已签约企业"))
            #expect(!parkPage.body.string.contains("保密线索企业"))
            #expect(!parkPage.body.string.contains("飞地经济：统计分成"))
            #expect(try await client.send(.GET, "/industries?region=3201").status == .badRequest)

            // The county's officer sees the whole pipeline and the enclave's shares.
            try await client.login("zhashui-officer", Fixture.password)
            parkPage = try await client.send(.GET, "/parks/\(park.id)", headers: ["Accept-Language": "zh-CN"])
            #expect(parkPage.body.string.contains("保密线索企业"))
            #expect(parkPage.body.string.contains("飞地经济：统计分成"))
            #expect(parkPage.body.string.contains("40% / 60%"))
        }
    }

    @Test("the demo set: the letter's names, placements labelled, generated records labelled, facts equal to a rebuild",
          arguments: [TestDatabase.sqlite])
    func demo(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let report = try await DemoIndustry.generate(regions: t.regions, on: t.app.db, today: Day("2025-12-31")!)
            #expect(report.industries > 6 && report.parks > 4 && report.enterprises > 4 && report.events > 0)
            let named = try await t.enterprises.list(EnterpriseFilter(search: "国飞无人机"), by: .anonymous).items
            #expect(named.count == 1)
            #expect(named.first?.description?.contains("演示假设") == true)
            for name in ["柞水木耳", "富平柿饼", "米脂小米", "石泉蚕桑", "丹凤中药材", "留坝民宿"] {
                #expect(try await t.industries.list(IndustryFilter(search: name)).total == 1, "\(name)")
            }
            let generated = try await t.industries.list(IndustryFilter(region: "6109"), page: Paging(perPage: 200)).items
                .filter { !["石泉蚕桑"].contains($0.name) }
            #expect(!generated.isEmpty && generated.allSatisfy { $0.description?.contains("演示数据") == true })
            let before = try await t.facts.snapshot()
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == before)
        }
    }
}
