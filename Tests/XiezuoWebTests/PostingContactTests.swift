import Foundation
import Testing
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

@Suite("A posting's contact person (联系人): signed-in workers and editors see it, no one else, never partners")
struct PostingContactTests {
    let zh: HTTPHeaders = ["Accept-Language": "zh-CN"]

    @Test("stored and read back on every path; the API, the page and the feed show it only to whom they may", arguments: TestDatabase.all)
    func whoSeesIt(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let employer = try await t.employers.create(sampleEmployer(1), by: admin)
            var draft = sampleJob("联系人测试厨师")
            draft.contactPerson = " 人事部王女士 "
            let posting = try await t.jobs.create(draft, employerID: employer.id, by: admin)
            #expect(posting.contactPerson == "人事部王女士", "trimmed")
            #expect(try await t.jobs.get(posting.id).contactPerson == "人事部王女士", "through the model")
            let found = try await t.board.find(JobQuery(text: "联系人测试"), page: Paging(), today: t.today)
            #expect(found.items.map(\.posting.contactPerson) == ["人事部王女士"], "through the row reader")

            // Anonymous: not in the API, not on the page (a link to sign in instead).
            let visitor = TestClient(t.app)
            let anonymous = try await visitor.send(.GET, "/api/v1/jobs/\(posting.id)")
            #expect(anonymous.status == .ok && !anonymous.body.string.contains("王女士"))
            #expect(!(try await visitor.send(.GET, "/api/v1/jobs?q=联系人测试".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)
                .body.string.contains("王女士")))
            let page = try await visitor.send(.GET, "/jobs/\(posting.id)", headers: zh).body.string
            #expect(!page.contains("王女士") && page.contains("登录后查看"))
            // A posting without a contact person asks nobody to sign in for one.
            let plain = try await t.jobs.create(sampleJob("无联系人厨师"), employerID: employer.id, by: admin)
            #expect(!(try await visitor.send(.GET, "/jobs/\(plain.id)", headers: zh).body.string.contains("登录后查看")))

            // Another employer's account does not see it either.
            let enterprise = try await t.account("demo-enterprise")
            let other = try await t.employers.create(sampleEmployer(2), by: admin)
            try await t.employers.link(account: enterprise.id, to: other.id, by: admin)
            let enterpriseToken = try await t.tokens.create(for: enterprise.id, name: "t", by: try await t.principal("demo-enterprise")).secret
            #expect(!(try await visitor.send(.GET, "/api/v1/jobs/\(posting.id)", headers: .bearer(enterpriseToken)).body.string.contains("王女士")))

            // A signed-in worker sees it on the page and in the API.
            let worker = TestClient(t.app)
            try await worker.login("demo-worker", Fixture.password)
            #expect(try await worker.send(.GET, "/jobs/\(posting.id)", headers: zh).body.string.contains("人事部王女士"))
            #expect(try await worker.send(.GET, "/api/v1/jobs/\(posting.id)").body.string.contains("人事部王女士"))

            // The partner feed never carries it.
            let partner = try await t.tokens.create(for: try await t.account("demo-partner").id, name: "feed", by: .system).secret
            let feed = try await visitor.send(.GET, "/api/v1/exchange/jobs?after=0&limit=1000", headers: .bearer(partner)).body.string
            #expect(feed.contains("联系人测试厨师") && !feed.contains("王女士"))
        }
    }

    @Test("the form shows it, checks it beside its field, and clears it when emptied")
    func form() async throws {
        try await withTestApp(.sqlite) { t in
            let admin = try await t.principal("admin")
            let employer = try await t.employers.create(sampleEmployer(1), by: admin)
            var draft = sampleJob()
            draft.contactPerson = "李经理"
            let posting = try await t.jobs.create(draft, employerID: employer.id, by: admin)
            let browser = TestClient(t.app)
            try await browser.login("admin", Fixture.password)
            let edit = try await browser.send(.GET, "/manage/jobs/\(posting.id)/edit", headers: zh).body.string
            #expect(edit.contains("联系人") && edit.contains("value=\"李经理\""))

            var fields = ["employerId": employer.id.uuidString, "title": posting.title, "occupationCode": posting.occupationCode,
                          "countyCode": posting.countyCode, "wageMinYuan": "6000", "wageMaxYuan": "8000", "wageType": "fixed",
                          "headcount": "5", "education": "junior_high", "validThrough": posting.validThrough.description]
            fields["_csrf"] = try await browser.csrf(from: "/manage/jobs/\(posting.id)/edit")
            fields["contactPerson"] = String(repeating: "长", count: 31)
            let refused = try await browser.form("/manage/jobs/\(posting.id)", fields, headers: zh)
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("field-error") && refused.body.string.contains(String(repeating: "长", count: 31)))
            #expect(try await t.jobs.get(posting.id).contactPerson == "李经理", "nothing written")

            fields["contactPerson"] = ""
            let saved = try await browser.form("/manage/jobs/\(posting.id)", fields, headers: zh)
            #expect(saved.status == .seeOther)
            #expect(try await t.jobs.get(posting.id).contactPerson == nil)
        }
    }
}
