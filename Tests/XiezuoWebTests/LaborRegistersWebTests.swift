import Foundation
import Testing
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

@Suite("Labour registers on the web and over HTTP")
struct LaborRegistersWebTests {
    let zh: HTTPHeaders = ["Accept-Language": "zh-CN"]

    @Test("a brand over the API, and its public page with the workers who carry it and open jobs in its occupation",
          arguments: TestDatabase.all)
    func brandPage(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let zhashui = try await t.account("zhashui-officer")
            let token = try await t.tokens.create(for: zhashui.id, name: "t", by: zhashui.principal).secret
            let employer = try await t.employers.create(sampleEmployer(3, region: "320118"), by: admin)
            let cook = try await t.jobs.create(sampleJob("中式烹调师", county: "320118"), employerID: employer.id, by: admin)
            let client = TestClient(t.app)
            var headers = HTTPHeaders.bearer(token)
            headers.add(name: .acceptLanguage, value: "zh-CN")
            var response = try await client.json(.POST, "/api/v1/brands",
                                                 #"{"name":"柞水厨工","countyCode":"611026","occupationCode":"4-03-02","level":"city","since":2030}"#,
                                                 headers: headers)
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains("\"field\":\"since\""))
            response = try await client.json(.POST, "/api/v1/brands", #"""
                {"name":"柞水厨工","countyCode":"611026","occupationCode":"4-03-02","level":"city","since":2023,
                 "leadingUnits":[{"name":"柞水县职教中心","kind":"training_institution"}]}
                """#, headers: headers)
            #expect(response.status == .created)
            let brand = try decode(LaborBrand.self, response)
            var worker = sampleWorker(21)
            worker.certificates = ["柞水厨工"]
            _ = try await t.workers.register(worker, by: zhashui.principal)
            response = try await client.send(.GET, "/api/v1/brands/\(brand.id)")
            let detail = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
            #expect(detail["workers"] as? Int == 1)
            #expect((detail["jobs"] as? [[String: Any]])?.count == 1)
            let page = try await client.send(.GET, "/brands/\(brand.id)", headers: zh).body.string
            #expect(page.contains("柞水厨工") && page.contains("柞水县职教中心") && page.contains("/jobs/\(cook.id)") && page.contains("培训机构"))
            let list = try await client.send(.GET, "/brands?region=6110", headers: zh).body.string
            #expect(list.contains("/brands/\(brand.id)"))
            #expect(!(try await client.send(.GET, "/brands?region=6105", headers: zh).body.string.contains("/brands/\(brand.id)")))
        }
    }

    @Test("a worker enrols in training and signs up for a gig from the public pages; a second try is refused with a message",
          arguments: TestDatabase.all)
    func workerButtons(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let zhashui = try await t.principal("zhashui-officer")
            let me = try await t.principal("demo-worker")
            let today = Day(Date())
            let programme = try await t.training.save(sampleTraining(start: today.description, end: today.description), by: zhashui)
            let market = try await t.gigs.saveMarket(GigMarketDraft(name: "柞水零工市场", countyCode: "611026", address: "县城", hours: "全天"), by: zhashui)
            let gig = try await t.gigs.saveTask(GigTaskDraft(title: "采茶", date: today.description, place: "营盘镇", pay: 15_000, payUnit: "day",
                                                             headcount: 2), market: market.id, by: zhashui)
            let browser = TestClient(t.app)
            // Visitors see no buttons.
            #expect(!(try await browser.send(.GET, "/training", headers: zh).body.string.contains("/training/\(programme.id)/enrol")))
            try await browser.login("demo-worker", Fixture.password)
            let mine = try await t.workers.register(sampleWorker(23), by: me)
            let page = try await browser.send(.GET, "/training", headers: zh).body.string
            #expect(page.contains("/training/\(programme.id)/enrol") && page.contains("余 10 / 10"))
            let csrf = try await browser.csrf(from: "/training")
            var response = try await browser.form("/training/\(programme.id)/enrol", ["_csrf": csrf], headers: zh)
            #expect(response.status == .ok && response.body.string.contains("报名成功"))
            response = try await browser.form("/training/\(programme.id)/enrol", ["_csrf": csrf], headers: zh)
            #expect(response.status == .badRequest && response.body.string.contains("已报名此培训"))
            #expect(try await t.training.enrolments(ofWorker: mine.id, by: me).count == 1)
            response = try await browser.form("/gigs/\(gig.id)/signup", ["_csrf": csrf], headers: zh)
            #expect(response.status == .ok && response.body.string.contains("报名成功"))
            #expect(try await t.gigs.takenCounts([gig.id])[gig.id] == 1)
            // The list now says so, and offers to cancel instead of a second sign-up.
            let listed = try await browser.send(.GET, "/gigs", headers: zh).body.string
            #expect(listed.contains("已报名") && listed.contains("/gigs/\(gig.id)/cancel") && !listed.contains("/gigs/\(gig.id)/signup"))
            response = try await browser.form("/gigs/\(gig.id)/cancel", ["_csrf": csrf], headers: zh)
            #expect(response.status == .ok && response.body.string.contains("已取消报名") && response.body.string.contains("/gigs/\(gig.id)/signup"))
            #expect(try await t.gigs.takenCounts([gig.id])[gig.id] ?? 0 == 0)
            response = try await browser.form("/gigs/\(gig.id)/signup", ["_csrf": csrf], headers: zh)
            #expect(response.status == .ok && response.body.string.contains("报名成功"))
            // The worker's own profile lists both.
            let profile = try await browser.send(.GET, "/workers/\(mine.id)", headers: zh).body.string
            #expect(profile.contains("中式烹调培训班") && profile.contains("在训") && profile.contains("采茶") && profile.contains("已报名"))
            // Without the form token nothing is written.
            response = try await browser.form("/gigs/\(gig.id)/signup", [:], headers: zh)
            #expect(response.status == .forbidden)
            #expect(try await t.count("gig_signups") == 1)
        }
    }

    @Test("staff forms: errors beside the field with nothing written; a trip planned, boarded and arrived on the pages places its workers",
          arguments: TestDatabase.all)
    func staffPages(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let zhashui = try await t.principal("zhashui-officer")
            let employer = try await t.employers.create(sampleEmployer(3, region: "320118"), by: admin)
            let job = try await t.jobs.create(sampleJob("中式烹调师", county: "320118"), employerID: employer.id, by: admin)
            let worker = try await t.workers.register(sampleWorker(25), by: zhashui)
            let browser = TestClient(t.app)
            try await browser.login("zhashui-officer", Fixture.password)
            let csrf = try await browser.csrf(from: "/manage/labor")
            var response = try await browser.send(.GET, "/manage/labor/workshops/new", headers: zh)
            #expect(response.body.string.contains("value=\"611026\""))
            var form = ["_csrf": csrf, "name": "营盘车间", "countyCode": "611026", "village": "营盘镇", "owner": "合作社", "product": "香菇",
                        "opened": "2025-03-01", "workers": "20", "workersPovertyLifted": "21"]
            response = try await browser.form("/manage/labor/workshops", form, headers: zh)
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains("不能多于总数") && response.body.string.contains("value=\"营盘车间\""))
            #expect(try await t.count("assistance_workshops") == 0)
            form["workersPovertyLifted"] = "12"
            response = try await browser.form("/manage/labor/workshops", form, headers: zh)
            #expect(response.status == .seeOther)
            #expect(try await t.actual("611026", "workshop_jobs") == 20)
            #expect(try await browser.send(.GET, "/workshops", headers: zh).body.string.contains("营盘车间"))
            // A trip: an unknown credit code is named; then planned, boarded and arrived.
            let today = Day(Date())
            var trip = ["_csrf": csrf, "date": today.description, "fromCounty": "611026", "destinationCode": "3201",
                        "employerCodes": "91320118MA1XXXXXX0", "seats": "30"]
            response = try await browser.form("/manage/labor/trips", trip, headers: zh)
            #expect(response.status == .badRequest && response.body.string.contains("91320118MA1XXXXXX0"))
            trip["employerCodes"] = employer.creditCode
            response = try await browser.form("/manage/labor/trips", trip, headers: zh)
            #expect(response.status == .seeOther)
            let detail = try #require(response.headers.first(name: .location))
            let html = try await browser.send(.GET, detail, headers: zh).body.string
            #expect(html.contains(worker.name) && html.contains(job.title))
            response = try await browser.form("\(detail)/board", ["_csrf": csrf, "workerId": worker.id.uuidString, "postingId": job.id.uuidString])
            #expect(response.status == .seeOther)
            response = try await browser.form("\(detail)/status", ["_csrf": csrf, "status": "arrived", "date": "1999-01-01"], headers: zh)
            #expect(response.status == .badRequest && response.body.string.contains("到达日期不能早于发车日期"))
            response = try await browser.form("\(detail)/status", ["_csrf": csrf, "status": "arrived", "date": today.description])
            #expect(response.status == .seeOther)
            #expect(try await t.actual("611026", "workers_placed") == 1)
            // The public API tells how many went, not who.
            let id = String(detail.split(separator: "/").last!)
            let body = try await browser.send(.GET, "/api/v1/trips/\(id)").body.string
            #expect(body.contains("\"aboard\":1") && !body.contains(worker.id.uuidString))
        }
    }

    @Test("the posting's employer sees its applicants masked, accepts and hires them on the web; other employers see nothing",
          arguments: TestDatabase.all)
    func applicants(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let zhashui = try await t.principal("zhashui-officer")
            let employer = try await t.employers.create(sampleEmployer(3, region: "320118"), by: admin)
            let other = try await t.employers.create(sampleEmployer(5, region: "320118", name: "别家"), by: admin)
            let account = try await t.account("demo-enterprise")
            try await t.employers.link(account: account.id, to: employer.id, by: admin)
            let job = try await t.jobs.create(sampleJob("中式烹调师", county: "320118"), employerID: employer.id, by: admin)
            let otherJob = try await t.jobs.create(sampleJob("面点师", county: "320118"), employerID: other.id, by: admin)
            let worker = try await t.workers.register(sampleWorker(27), by: zhashui)
            let application = try await t.applications.apply(worker: worker.id, to: job.id, by: zhashui)
            let browser = TestClient(t.app)
            try await browser.login("demo-enterprise", Fixture.password)
            var response = try await browser.send(.GET, "/manage/jobs/\(job.id)/applicants", headers: zh)
            let html = response.body.string
            // The applicant's name and age show; no ID number, masked or not, and no birth date.
            #expect(response.status == .ok && html.contains(worker.name) && !html.contains(worker.idNumber) && !html.contains(sampleIDNumber(27)))
            #expect(!html.contains(worker.birthDate.description))
            #expect(try await browser.send(.GET, "/manage/jobs/\(otherJob.id)/applicants").status == .notFound)
            let csrf = try await browser.csrf(from: "/manage/jobs")
            let base = "/manage/jobs/\(job.id)/applicants/\(application.id)"
            response = try await browser.form("\(base)/accept", ["_csrf": csrf])
            #expect(response.status == .seeOther)
            response = try await browser.form("\(base)/hire", ["_csrf": csrf, "startDate": Day(Date()).description, "monthlyWage": "-1"], headers: zh)
            #expect(response.status == .badRequest)
            #expect(try await t.actual("611026", "workers_placed") == 0)
            response = try await browser.form("\(base)/hire", ["_csrf": csrf, "startDate": Day(Date()).description, "monthlyWage": "6500"])
            #expect(response.status == .seeOther)
            #expect(try await t.actual("611026", "workers_placed") == 1)
            #expect(try await t.applications.forWorker(worker.id, by: zhashui).first?.wage == 650_000)
        }
    }
}
