import Foundation
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("The indicator engine")
struct IndicatorTests {
    func figure(_ data: DashboardData, _ code: String) -> IndicatorFigure { data.figures.first { $0.code == code }! }

    @Test("the four-action share, with no funds shown as no data", arguments: TestDatabase.all)
    func share(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let today = Day("2025-12-31")!
            _ = try await t.agreements.save(AgreementDraft(year: 2025, title: "2025 年苏陕协作协议", shareThresholdPercent: 80), by: admin)
            var data = try await t.dashboards.region("61", year: 2025, by: admin, today: today)
            #expect(figure(data, "four_action_share").status == .noData)
            #expect(figure(data, "four_action_share").actual == nil)
            #expect(figure(data, "four_action_share").target == 8000)

            let four = try await t.projects.create(sampleProject("A-1"), status: .approved, by: admin)
            let other = try await t.projects.create(sampleProject("A-2", area: "infrastructure"), status: .approved, by: admin)
            _ = try await t.flows.record(on: four.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 750, date: "2025-02-01"), by: admin, today: today)
            _ = try await t.flows.record(on: other.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 250, date: "2025-02-01"), by: admin, today: today)
            data = try await t.dashboards.region("61", year: 2025, by: admin, today: today)
            #expect(figure(data, "four_action_share").actual == 7500)
            #expect(figure(data, "four_action_share").status == .behind)
            _ = try await t.flows.record(on: four.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 250, date: "2025-03-01"), by: admin, today: today)
            data = try await t.dashboards.region("61", year: 2025, by: admin, today: today)
            #expect(figure(data, "four_action_share").actual == 8000)
            #expect(figure(data, "four_action_share").status == .onTrack)
            #expect(figure(data, "projects_total").actual == 2)
            #expect(figure(data, "projects_total").status == .noTarget)
            #expect(figure(data, "consumption_sales").status == .noTarget && figure(data, "consumption_sales").actual == 0)
        }
    }

    @Test("county → city → province roll-up equals the sum of the parts", arguments: TestDatabase.all)
    func rollUp(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let today = Day("2025-12-31")!
            let counties = ["611026", "611022", "610528", "610827"]
            for (index, county) in counties.enumerated() {
                let project = try await t.projects.create(sampleProject("R-\(index)", county: county), status: .approved, by: admin)
                _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: Int64(1000 * (index + 1)),
                                                                       date: "2025-0\(index + 1)-15"), by: admin, today: today)
                _ = try await t.flows.record(on: project.id, FlowDraft(type: "disbursement", source: "jiangsu_aid", amount: Int64(500 * (index + 1)),
                                                                       date: "2025-0\(index + 2)-15"), by: admin, today: today)
            }
            func value(_ region: String, _ code: String) async throws -> Int64 {
                try await t.dashboards.region(region, year: 2025, by: admin, today: today).figures.first { $0.code == code }!.actual ?? 0
            }
            for code in ["aid_committed", "aid_disbursed", "projects_total", "beneficiary_persons"] {
                let shangluo = try await value("6110", code)
                #expect(shangluo == (try await value("611026", code)) + (try await value("611022", code)))
                var cities: Int64 = 0
                for city in ["6110", "6105", "6108"] { cities += try await value(city, code) }
                #expect(try await value("61", code) == cities, "\(code)")
            }
            #expect(try await value("61", "aid_committed") == 10_000)
            let province = try await t.dashboards.region("61", year: 2025, by: admin, today: today)
            #expect(province.breakdown.first { $0.code == "6110" }?.value == 3000)
            #expect(province.trend == [0, 500, 1000, 1500, 2000, 0, 0, 0, 0, 0, 0, 0])
        }
    }

    @Test("pairing dashboards and the Jiangsu side see the pairing's projects", arguments: TestDatabase.all)
    func pairingFacts(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let gaochun = try await t.pairing("320118", "611026")
            let project = try await t.projects.create(sampleProject("P-1", pairing: gaochun.id), status: .approved, by: admin)
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 9000, date: "2025-05-05"),
                                         by: admin, today: Day("2025-12-31")!)
            let byPairing = try await t.dashboards.pairing(gaochun.id, year: 2025, by: admin, today: Day("2025-12-31")!)
            #expect(byPairing.figures.first { $0.code == "aid_committed" }?.actual == 9000)
            for region in ["320118", "3201", "32", "611026", "6110", "61"] {
                let data = try await t.dashboards.region(region, year: 2025, by: admin, today: Day("2025-12-31")!)
                #expect(data.figures.first { $0.code == "aid_committed" }?.actual == 9000, "\(region)")
            }
            let zhashui = try await t.principal("zhashui-officer")
            #expect(try await t.dashboards.pairing(gaochun.id, year: 2025, by: zhashui).pairingID == gaochun.id)
            await #expect(throws: DomainError.forbidden) { try await t.dashboards.region("610528", year: 2025, by: zhashui) }
            await #expect(throws: DomainError.forbidden) { try await t.dashboards.region("6110", year: 2025, by: zhashui) }
        }
    }
}
