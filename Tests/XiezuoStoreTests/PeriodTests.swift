import Foundation
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("The yearly cycle: submit, approve, return, reopen; the snapshot; a locked year refuses every write that would change it")
struct PeriodTests {
    /// Refuses with `code` and writes nothing: the same rows in `tables` and the same facts afterwards.
    func refused(_ t: TestApp, _ code: String, tables: [String], _ label: String, _ body: () async throws -> Void) async throws {
        var rows: [String: Int] = [:]
        for table in tables { rows[table] = try await t.count(table) }
        let facts = try await t.facts.snapshot()
        do {
            try await body()
            Issue.record("\(label): accepted")
        } catch let error as DomainError {
            #expect(error.code == code, "\(label): \(error.code)")
        }
        for table in tables { #expect(try await t.count(table) == rows[table], "\(label): \(table)") }
        #expect(try await t.facts.snapshot() == facts, "\(label): facts")
    }

    /// Takes a county's year to the province's approval (locked), as the admin.
    func lock(_ t: TestApp, year: Int, county: String = "611026") async throws {
        let admin = try await t.principal("admin")
        for action in [PeriodAction.submit, .approve, .approve] { try await t.periods.act(action, year: year, county: county, text: nil, by: admin) }
    }

    @Test("submit → city → province (locked) → reopened, each step by its level only; returns and comments with their reasons", arguments: TestDatabase.all)
    func cycle(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let year = t.today.year - 1
            let county = try await t.principal("zhashui-officer")
            let city = try await t.principal("shangluo-officer")
            let province = try await t.principal("shaanxi-coordinator")
            let jiangsu = try await t.principal("jiangsu-coordinator")
            let other = try await t.principal("fuping-officer")
            let periods = t.periods

            #expect(try await periods.get(year: year, county: "611026", by: county).period.state == .drafting)
            #expect(try await periods.get(year: year, county: "611026", by: county).actions == [.submit])
            // Another county's officer does not see it; nobody but the county submits.
            await #expect(throws: DomainError.notFound("period")) { try await periods.get(year: year, county: "611026", by: other) }
            await #expect(throws: DomainError.notFound("period")) { try await periods.act(.submit, year: year, county: "611026", text: nil, by: other) }
            await #expect(throws: DomainError.forbidden) { try await periods.act(.submit, year: year, county: "611026", text: nil, by: city) }
            await #expect(throws: DomainError.notFound("period")) { try await periods.get(year: year, county: "6110", by: city) }
            await #expect(throws: DomainError.notFound("period")) { try await periods.get(year: year, county: "320118", by: jiangsu) }

            try await periods.act(.submit, year: year, county: "611026", text: nil, by: county)
            // The province waits for the city; the county cannot approve its own.
            await #expect(throws: DomainError.forbidden) { try await periods.act(.approve, year: year, county: "611026", text: nil, by: province) }
            await #expect(throws: DomainError.forbidden) { try await periods.act(.approve, year: year, county: "611026", text: nil, by: county) }
            do {
                _ = try await periods.act(.submit, year: year, county: "611026", text: nil, by: county)
                Issue.record("submitted twice")
            } catch let error as DomainError { #expect(error.code == "period_wrong_state") }
            // A return needs its reason.
            do {
                _ = try await periods.act(.return, year: year, county: "611026", text: " 退 ", by: city)
                Issue.record("returned without a reason")
            } catch let error as DomainError { #expect(error.code == "reason_too_short" && error.field == "reason") }
            try await periods.act(.return, year: year, county: "611026", text: "培训人数与台账不符", by: city)
            #expect(try await periods.get(year: year, county: "611026", by: county).period.state == .drafting)
            try await periods.act(.submit, year: year, county: "611026", text: nil, by: county)
            try await periods.act(.approve, year: year, county: "611026", text: nil, by: city)
            #expect(try await periods.get(year: year, county: "611026", by: province).actions == [.approve, .return])
            // The Jiangsu partner (here the province's coordinator over 高淳—柞水) comments at any step, and sees the year.
            let comment = try await periods.act(.comment, year: year, county: "611026", text: "高淳区对口支持的项目均已完工", by: jiangsu)
            #expect(comment.period.state == .cityApproved && comment.actions == [.comment])
            await #expect(throws: DomainError.forbidden) { try await periods.act(.comment, year: year, county: "611026", text: "意见", by: county) }
            let approved = try await periods.act(.approve, year: year, county: "611026", text: nil, by: province)
            #expect(approved.period.state == .approved && approved.period.locked)
            await #expect(throws: DomainError.forbidden) { try await periods.act(.reopen, year: year, county: "611026", text: "数据有误", by: city) }
            try await periods.act(.reopen, year: year, county: "611026", text: "审计发现一笔拨付重复", by: province)

            let detail = try await periods.get(year: year, county: "611026", by: jiangsu)
            #expect(detail.isPartner && detail.period.state == .drafting)
            #expect(detail.events.map(\.action) == [.submit, .return, .submit, .approve, .comment, .approve, .reopen])
            #expect(detail.events[1].text == "培训人数与台账不符" && detail.events[1].actor == city.name)
            #expect(detail.events.last?.from == .approved && detail.events.last?.to == .drafting)
            // Each step is audited in the county.
            let audited = try await t.audit.list(AuditFilter(entity: "period"), by: try await t.principal("admin"), page: Paging(perPage: 50)).items
            #expect(audited.count == 7 && audited.allSatisfy { $0.regionCode == "611026" })
            // Lists: the province sees every Shaanxi county; the city its own; the partner the counties it pairs with.
            let all = try await periods.list(year: year, by: province)
            #expect(all.count > 100 && all.allSatisfy { $0.period.countyCode.hasPrefix("61") })
            #expect(try await periods.list(year: year, by: city).allSatisfy { $0.period.countyCode.hasPrefix("6110") })
            let partnered = try await periods.list(year: year, by: jiangsu).map(\.period.countyCode)
            #expect(partnered.contains("611026") && !partnered.isEmpty && partnered.count < all.count)
            #expect(try await periods.list(year: year, region: "6110", by: county).map(\.period.countyCode) == ["611026"])
        }
    }

    @Test("the snapshot keeps the submitted figures while live data moves; the difference is reported", arguments: TestDatabase.all)
    func snapshot(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let year = t.today.year - 1
            let officer = try await t.principal("zhashui-officer")
            let gaochun = try await t.pairing("320118", "611026")
            let project = try await t.projects.create(sampleProject("ZS-SN", pairing: gaochun.id, year: year), status: .approved, by: officer)
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 1_000_000, date: "\(year)-03-01"),
                                         by: officer)
            try await t.periods.act(.submit, year: year, county: "611026", text: nil, by: officer)
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 250_000, date: "\(year)-04-01"),
                                         by: officer)
            let detail = try await t.periods.get(year: year, county: "611026", by: officer)
            #expect(detail.period.snapshot.first { $0.code == "aid_committed" }?.actual == 1_000_000)
            #expect(detail.live.first { $0.code == "aid_committed" }?.actual == 1_250_000)
            let difference = try #require(detail.differences.first { $0.code == "aid_committed" })
            #expect(difference.submitted == 1_000_000 && difference.live == 1_250_000 && difference.difference == 250_000)
            #expect(detail.differences.first { $0.code == "projects_total" }?.changed == false)
            #expect(detail.period.snapshot.count == IndicatorCatalogue.all.count)
        }
    }

    @Test("a locked year refuses each kind of dated write with period_locked and writes nothing; other years and counties go on; a reopen allows it again",
          arguments: TestDatabase.all)
    func locks(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let year = t.today.year - 1
            let officer = try await t.principal("zhashui-officer")
            let admin = try await t.principal("admin")
            let gaochun = try await t.pairing("320118", "611026")
            let project = try await t.projects.create(sampleProject("ZS-LK", pairing: gaochun.id, year: year), status: .approved, by: officer)
            let flow = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 1_000_000,
                                                                          date: "\(year)-03-01"), by: officer)
            let product = try await t.publishedProduct()
            let sale = try await t.sales.record(SaleDraft(date: "\(year)-05-01", channel: "fair", productId: product.id, buyerRegion: "320118",
                                                          amount: 250_000, quantity: 50), by: officer)
            let workshop = AssistanceWorkshopDraft(name: "营盘香菇车间", countyCode: "611026", village: "营盘镇", owner: "营盘合作社", product: "香菇",
                                                   opened: "\(year)-05-01", workers: 40, workersPovertyLifted: 25)
            // A worker of 柞水县 applied in the year and a trainee enrolled; an enterprise signed for the county.
            let employer = try await t.employers.create(sampleEmployer(1, region: "320118"), by: admin)
            let cook = try await t.jobs.create(sampleJob("中式烹调师", county: "320118"), employerID: employer.id, by: admin)
            let worker = try await t.workers.register(sampleWorker(11), by: officer)
            let application = try await t.applications.apply(worker: worker.id, to: cook.id, by: officer, today: Day("\(year)-05-01"))
            let programme = try await t.training.save(sampleTraining(start: "\(year)-03-01", end: "\(year)-06-30"), by: officer)
            let trainee = try await t.workers.register(sampleWorker(13), by: officer)
            let enrolment = try await t.training.enrol(trainee.id, in: programme.id, by: officer, today: Day("\(year)-03-01"))
            let enterprise = try await t.enterprises.create(sampleEnterprise("柞水锁定测试企业", county: "611026"), by: admin, today: Day("\(year)-01-05"))
            for (status, day) in [(EnterpriseStatus.negotiating, "\(year)-02-01"), (.signed, "\(year)-03-01")] {
                _ = try await t.enterprises.move(enterprise.id, to: status, on: Day(day), by: admin, today: Day("\(year)-12-31"))
            }
            try await lock(t, year: year)
            let facts = try await t.facts.snapshot()

            let tables = ["fund_flows", "projects", "sales", "labor_brands", "assistance_workshops", "enterprises", "featured_industries"]
            try await refused(t, "period_locked", tables: tables, "a flow (the writer's group)") {
                _ = try await t.flows.record(on: project.id, FlowDraft(type: "disbursement", source: "jiangsu_aid", amount: 100, date: "\(year)-06-01"),
                                             by: officer)
            }
            try await refused(t, "period_locked", tables: tables, "local matching funds, which move no figure") {
                _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "local_matching", amount: 100, date: "\(year)-06-01"),
                                             by: officer)
            }
            try await refused(t, "period_locked", tables: tables, "a flow's reversal") {
                _ = try await t.flows.reverse(flow.id, on: project.id, ReversalDraft(reason: "录错了"), by: officer)
            }
            try await refused(t, "period_locked", tables: tables, "a project of the year") {
                _ = try await t.projects.create(sampleProject("ZS-LK2", pairing: gaochun.id, year: year), status: .approved, by: officer)
            }
            try await refused(t, "period_locked", tables: tables, "cancelling a project of the year") {
                _ = try await t.projects.move(project.id, to: .cancelled, by: officer)
            }
            try await refused(t, "period_locked", tables: tables, "a sale") {
                _ = try await t.sales.record(SaleDraft(date: "\(year)-07-01", channel: "fair", productId: product.id, buyerRegion: "320118",
                                                       amount: 1_000, quantity: 1), by: officer)
            }
            try await refused(t, "period_locked", tables: tables, "a sale's reversal") {
                _ = try await t.sales.reverse(sale.id, ReversalDraft(reason: "重复录入"), by: officer)
            }
            try await refused(t, "period_locked", tables: tables, "a labour brand recognised that year") {
                _ = try await t.brands.create(sampleBrand(since: year), by: officer)
            }
            try await refused(t, "period_locked", tables: tables, "a workshop opened that year") {
                _ = try await t.workshops.save(workshop, by: officer)
            }
            try await refused(t, "period_locked", tables: tables, "a featured industry since that year") {
                _ = try await t.industries.create(sampleIndustry("柞水香菇", since: year), by: officer)
            }
            let more = tables + ["applications", "training_enrolments", "parks", "personnel_exchanges"]
            try await refused(t, "period_locked", tables: more, "a hire that starts in the year") {
                _ = try await t.applications.hire(application.id, HireDraft(startDate: "\(year)-06-01", monthlyWage: 600_000), by: admin,
                                                  today: Day("\(year)-06-01"))
            }
            #expect(try await t.applications.forWorker(worker.id, by: admin).first?.status == .applied)
            try await refused(t, "period_locked", tables: more, "a trainee's completion") {
                _ = try await t.training.record(enrolment.id, .completed, on: Day("\(year)-06-30"), by: officer, today: Day("\(year)-12-31"))
            }
            #expect(try await t.training.enrolment(enrolment.id)?.stage == "enrolled")
            try await refused(t, "period_locked", tables: more, "an enterprise's landing") {
                _ = try await t.enterprises.move(enterprise.id, to: .underConstruction, on: Day("\(year)-07-01"), by: admin, today: Day("\(year)-12-31"))
            }
            #expect(try await t.enterprises.get(enterprise.id, by: admin).status == .signed)
            try await refused(t, "period_locked", tables: more, "a park established in the year") {
                _ = try await t.parks.create(samplePark("柞水锁定园", county: "611026", established: "\(year)-08-01"), by: admin)
            }
            try await refused(t, "period_locked", tables: more, "a person on post in the year") {
                _ = try await CooperationRegisters(database: t.app.db, regions: t.regions).savePerson(PersonnelExchangeDraft(
                    name: "王某某", sex: "male", employer: "南京市鼓楼医院", post: "挂职副县长", field: "health", direction: "to_shaanxi", level: "cadre",
                    regionCode: "611026", from: "\(year)-03-01", to: "\(year)-09-30"), by: officer)
            }
            #expect(try await t.facts.snapshot() == facts)
            // The message names the year and the county.
            do {
                _ = try await t.projects.create(sampleProject("ZS-LK3", pairing: gaochun.id, year: year), status: .approved, by: officer)
            } catch let error as DomainError {
                #expect(error == DomainError.periodLocked(year: year, county: "611026", countyName: "柞水县"))
            }

            // The next year, another county, and a write that moves no figure go on.
            let next = try await t.projects.create(sampleProject("ZS-NX", pairing: gaochun.id, year: year + 1), status: .approved, by: officer)
            _ = try await t.flows.record(on: next.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 500, date: t.today.description), by: officer)
            let fuping = try await t.projects.create(sampleProject("FP-LK", county: "610528", year: year), status: .approved, by: admin)
            #expect(fuping.countyCode == "610528")
            var renamed = sampleProject("ZS-LK", pairing: gaochun.id, year: year)
            renamed.name = "改名不改数"
            #expect(try await t.projects.update(project.id, with: renamed, by: officer).name == "改名不改数")
            // A rebuild books the locked year too, and agrees with what was booked.
            let booked = try await t.facts.snapshot()
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == booked)

            try await t.periods.act(.reopen, year: year, county: "611026", text: "补录一笔拨付", by: try await t.principal("shaanxi-coordinator"))
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "disbursement", source: "jiangsu_aid", amount: 100, date: "\(year)-06-01"),
                                         by: officer)
            _ = try await t.workshops.save(workshop, by: officer)
            #expect(try await t.actual("611026", "aid_disbursed", year: year) == 100)
            #expect(try await t.actual("611026", "workshops", year: year) == 1)
        }
    }
}
