import Foundation
import SQLKit
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Self-assessment, partner comment and grade; the ranking; the annual report against the dashboard and the ledgers")
struct AssessmentAndReportTests {
    func assessments(_ t: TestApp) -> PeriodAssessments { PeriodAssessments(database: t.app.db, regions: t.regions, clock: t.app.xiezuo.clock) }
    func reports(_ t: TestApp) -> AnnualReportReader {
        AnnualReportReader(database: t.app.db, regions: t.regions, platform: t.app.xiezuo.settings.platformID, clock: t.app.xiezuo.clock)
    }

    @Test("who writes what and when: the county its self-assessment until locked, the partner its comment, the province the grade after the city; a grade other than the suggestion needs its reason",
          arguments: TestDatabase.all)
    func assessment(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let year = t.today.year - 1
            let county = try await t.principal("zhashui-officer")
            let city = try await t.principal("shangluo-officer")
            let province = try await t.principal("shaanxi-coordinator")
            let jiangsu = try await t.principal("jiangsu-coordinator")
            let store = assessments(t)
            try await t.agreements.save(AgreementDraft(year: year, pairingId: try await t.pairing("320118", "611026").id, title: "高淳—柞水",
                                                       targets: ["aid_committed": 1_000_000, "projects_total": 1]), by: try await t.principal("admin"))
            let project = try await t.projects.create(sampleProject("ZS-AS", pairing: try await t.pairing("320118", "611026").id, year: year),
                                                      status: .approved, by: county)
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 400_000, date: "\(year)-05-01"),
                                         by: county)
            try await store.selfAssess([.funds: "资金按期拨付", .laborCooperation: "  "], year: year, county: "611026", by: county)
            await #expect(throws: DomainError.forbidden) { try await store.selfAssess([.funds: "x"], year: year, county: "611026", by: city) }
            await #expect(throws: DomainError.forbidden) { try await store.comment("意见意见", year: year, county: "611026", by: county) }
            try await store.comment("高淳区援建项目进展顺利", year: year, county: "611026", by: jiangsu)
            do {
                _ = try await store.grade(.good, notes: nil, reason: nil, year: year, county: "611026", by: province)
                Issue.record("graded before the city approved")
            } catch let error as DomainError { #expect(error.code == "period_wrong_state") }
            try await t.periods.act(.submit, year: year, county: "611026", text: nil, by: county)
            try await t.periods.act(.approve, year: year, county: "611026", text: nil, by: city)
            await #expect(throws: DomainError.forbidden) { try await store.grade(.good, notes: nil, reason: "x", year: year, county: "611026", by: city) }
            var detail = try await store.get(year: year, county: "611026", by: province)
            // One target met (a project), one missed (400,000 of 1,000,000 fen): 50 % → 差.
            #expect(detail.suggestion?.grade == .poor && detail.suggestion?.score == 5_000)
            #expect(detail.canGrade && !detail.canComment && !detail.canSelfAssess)
            do {
                _ = try await store.grade(.fairlyGood, notes: "台账核实", reason: nil, year: year, county: "611026", by: province)
                Issue.record("a grade other than the suggested one without a reason")
            } catch let error as DomainError { #expect(error.field == "gradeReason") }
            try await store.grade(.fairlyGood, notes: "台账核实", reason: "年底另有一笔协议资金到位", year: year, county: "611026", by: province)
            detail = try await store.get(year: year, county: "611026", by: jiangsu)
            #expect(detail.assessment.selfAssessment == [.funds: "资金按期拨付"])
            #expect(detail.assessment.partnerComment == "高淳区援建项目进展顺利" && detail.assessment.crossCheck == "台账核实")
            #expect(detail.assessment.grade == .fairlyGood && detail.assessment.gradeReason == "年底另有一笔协议资金到位")
            // Locked: the self-assessment no longer changes.
            try await t.periods.act(.approve, year: year, county: "611026", text: nil, by: province)
            do {
                _ = try await store.selfAssess([.funds: "改"], year: year, county: "611026", by: county)
                Issue.record("self-assessed a locked year")
            } catch let error as DomainError { #expect(error.code == "period_locked") }
            // The ranking puts the graded county first; a county sees only itself.
            let ranking = try await store.ranking(year: year, by: province)
            #expect(ranking.first?.countyCode == "611026" && ranking.first?.grade == .fairlyGood)
            #expect(try await store.ranking(year: year, by: county).map(\.countyCode) == ["611026"])
            #expect(try await t.count("period_assessments") == 1)
        }
    }

    @Test("an agreement's grading rules are kept, read back and used for the suggestion; bad rules are refused by field",
          arguments: TestDatabase.all)
    func agreementRules(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let year = t.today.year - 1
            let admin = try await t.principal("admin")
            let county = try await t.principal("zhashui-officer")
            let gaochun = try await t.pairing("320118", "611026")
            let rules = AgreementDraft(year: year, pairingId: gaochun.id, title: "高淳—柞水", targets: ["aid_committed": 1_000_000, "projects_total": 1],
                                       weights: ["aid_committed": 0, "projects_total": 5], gradeGoodPercent: 95, gradeFairlyGoodPercent: 80,
                                       gradeAveragePercent: 50)
            let saved = try await t.agreements.save(rules, by: admin)
            #expect(saved.grading == GradingRules(weights: ["aid_committed": 0, "projects_total": 5], good: 9_500, fairlyGood: 8_000, average: 5_000))
            #expect(try await t.agreements.find(year: year, pairingID: gaochun.id)?.grading == saved.grading)
            #expect(try await t.dashboards.region("611026", year: year, by: admin).agreement?.grading == saved.grading)
            let project = try await t.projects.create(sampleProject("ZS-GR", pairing: gaochun.id, year: year), status: .approved, by: county)
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 400_000, date: "\(year)-05-01"),
                                         by: county)
            try await t.periods.act(.submit, year: year, county: "611026", text: nil, by: county)
            // The project target is met and weighs everything; the missed aid target weighs nothing: 好 (the standard rules say 差).
            let detail = try await assessments(t).get(year: year, county: "611026", by: county)
            #expect(detail.suggestion?.grade == .good && detail.suggestion?.score == 10_000)
            for (draft, field, code) in [
                (AgreementDraft(year: year, title: "x", weights: ["aid_committed": 101]), "weights.aid_committed", "weight_range"),
                (AgreementDraft(year: year, title: "x", weights: ["four_action_share": 1]), "weights.four_action_share", "unknown_indicator"),
                (AgreementDraft(year: year, title: "x", gradeGoodPercent: 70), "gradeFairlyGoodPercent", "grade_thresholds_order"),
                (AgreementDraft(year: year, title: "x", gradeAveragePercent: 101), "gradeAveragePercent", "percent_range"),
            ] {
                #expect(draft.problems().contains { $0.field == field && $0.code == code }, "\(code)")
            }
            // Without rules, an agreement keeps the standard ones.
            let plain = try await t.agreements.save(AgreementDraft(year: year, title: "省级协议"), by: admin)
            #expect(plain.grading == nil)
        }
    }

    @Test("the report's figures are the dashboard's; its funds split add up to what the ledger sums directly; lists are the region's own",
          arguments: TestDatabase.all)
    func report(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let year = t.today.year - 1
            let admin = try await t.principal("admin")
            let gaochun = try await t.pairing("320118", "611026")
            var flows: Int64 = 0
            for (index, (county, area, category)) in [("611026", "featured_industry", "设备更新"), ("611026", "labor_cooperation", "就业市场建设"),
                                                      ("610528", "consumption_assistance", "消费帮扶平台"), ("610528", "education", "教育帮扶")].enumerated() {
                var draft = sampleProject("RP-\(index)", county: county, pairing: county == "611026" ? gaochun.id : nil, year: year, area: area)
                draft.category = category
                let project = try await t.projects.create(draft, status: .approved, by: admin)
                let amount = Int64(100_000 * (index + 1))
                flows += amount
                _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: amount, date: "\(year)-0\(index + 2)-01"),
                                             by: admin)
                _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "local_matching", amount: 7, date: "\(year)-06-01"), by: admin)
            }
            _ = try await t.industries.create(sampleIndustry("柞水木耳", county: "611026", since: year - 1), by: admin)
            _ = try await t.industries.create(sampleIndustry("富平柿饼", county: "610528", since: year - 2), by: admin)
            try await t.periods.act(.submit, year: year, county: "610528", text: nil, by: admin)

            let report = try await reports(t).report(year: year, region: "61", pairing: nil, by: admin)
            let dashboard = try await t.dashboards.region("61", year: year, by: admin)
            #expect(report.figures == dashboard.figures)
            // The ledger summed directly, without the facts.
            let direct = try await (t.app.db as! any SQLDatabase).raw("""
                SELECT CAST(SUM(amount) AS BIGINT) AS total FROM fund_flows WHERE source = 'jiangsu_aid' AND type = 'commitment'
                  AND month >= \(bind: year * 100 + 1) AND month <= \(bind: year * 100 + 12)
                """).first()?.decode(column: "total", as: Int64.self)
            #expect(direct == flows && report.value("aid_committed") == flows)
            #expect(report.aidByArea.reduce(0) { $0 + $1.amount } == flows && report.aidByCategory.reduce(0) { $0 + $1.amount } == flows)
            #expect(report.aidByArea.first == AnnualReport.Split(key: "education", amount: 400_000))
            #expect(report.aidByCategory.map(\.key).contains("就业市场建设"))
            #expect(Set(report.industries.map(\.name)) == ["柞水木耳", "富平柿饼"])
            #expect(report.counties.first { $0.countyCode == "610528" }?.state == .submitted)
            #expect(report.counties.count > 100 && !report.allApproved)

            let county = try await reports(t).report(year: year, region: "611026", pairing: nil, by: try await t.principal("zhashui-officer"))
            #expect(county.industries.map(\.name) == ["柞水木耳"] && county.value("aid_committed") == 300_000)
            #expect(county.counties.map(\.countyCode) == ["611026"] && county.procurement == nil)
            let pairing = try await reports(t).report(year: year, region: nil, pairing: gaochun.id, by: admin)
            #expect(pairing.value("aid_committed") == 300_000 && pairing.aidByArea.reduce(0) { $0 + $1.amount } == 300_000)
            await #expect(throws: DomainError.forbidden) {
                try await reports(t).report(year: year, region: "611026", pairing: nil, by: try await t.principal("fuping-officer"))
            }
        }
    }
}
