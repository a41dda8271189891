import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

/// Decodes a JSON response the way the app encodes it (ISO 8601 dates).
func decode<T: Decodable>(_ type: T.Type, _ response: TestingHTTPResponse) throws -> T {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return try decoder.decode(T.self, from: Data(response.body.readableBytesView))
}

/// The `{"error":{…}}` body of a refused API call.
func apiError(_ response: TestingHTTPResponse) throws -> (code: String, field: String?) {
    struct Body: Decodable { struct Inner: Decodable { var code: String; var field: String? }; var error: Inner }
    let inner = try JSONDecoder().decode(Body.self, from: Data(response.body.readableBytesView)).error
    return (inner.code, inner.field)
}

struct ListingPage: Decodable {
    struct Listing: Decodable { var posting: JobPosting; var origins: [JobOrigin]; var currentStatus: String }
    var items: [Listing]
    var total: Int
}

@Suite("Employers and job postings over HTTP")
struct LaborWebTests {
    @Test("employers: the credit code is checked, the phone is sealed at rest, masked, and its full reads audited",
          arguments: TestDatabase.all)
    func employers(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = try await t.account("zhashui-officer")
            let token = try await t.tokens.create(for: officer.id, name: "t", by: officer.principal).secret
            let client = TestClient(t.app)
            let bad = try await client.json(.POST, "/api/v1/employers",
                #"{"creditCode":"916110260000000018","name":"柞水木耳合作社","regionCode":"611026","industry":"农业","contactName":"李主任","contactPhone":"13912345678"}"#,
                headers: .bearer(token))
            #expect(bad.status == .badRequest)
            #expect(try apiError(bad) == ("credit_code_check", "creditCode"))
            #expect(try await t.count("employers") == 0)

            let code = CreditCode.completing("91611026000000001")!
            let created = try await client.json(.POST, "/api/v1/employers",
                #"{"creditCode":"\#(code)","name":"柞水木耳合作社","regionCode":"611026","industry":"农业","contactName":"李主任","contactPhone":"139-1234-5678"}"#,
                headers: .bearer(token))
            #expect(created.status == .created)
            let employer = try decode(Employer.self, created)
            #expect(employer.contactPhone == "139****5678")
            #expect(!employer.phoneRevealed)

            // No plaintext phone in the stored row.
            let sql = t.app.db as! any SQLDatabase
            let row = try await sql.raw("SELECT contact_phone_sealed, contact_phone_masked FROM employers").first()
            let sealed = try #require(try row?.decode(column: "contact_phone_sealed", as: String.self))
            #expect(!sealed.contains("13912345678"))
            #expect(try t.app.xiezuo.cipher.open(sealed) == "13912345678")

            let audits = try await t.count("audit_log")
            let full = try await client.send(.GET, "/api/v1/employers/\(employer.id)/contact", headers: .bearer(token))
            #expect(try decode(Employer.self, full).contactPhone == "13912345678")
            #expect(try await t.count("audit_log") == audits + 1)

            // Another county's officer neither sees nor reveals it, and nothing is audited for the attempt.
            let fuping = try await t.account("fuping-officer")
            let other = try await t.tokens.create(for: fuping.id, name: "t", by: fuping.principal).secret
            let beforeAttempt = try await t.count("audit_log")
            #expect(try await client.send(.GET, "/api/v1/employers/\(employer.id)/contact", headers: .bearer(other)).status == .notFound)
            #expect(try await t.count("audit_log") == beforeAttempt)
            // The edit form does not show the phone; left empty, the stored one is kept (and nothing is revealed).
            let browser = TestClient(t.app)
            try await browser.login("zhashui-officer", Fixture.password)
            let form = try await browser.send(.GET, "/employers/\(employer.id)/edit")
            #expect(form.status == .ok)
            #expect(!form.body.string.contains("13912345678"))
            let csrf = try await browser.csrf(from: "/employers/\(employer.id)/edit")
            let saved = try await browser.form("/employers/\(employer.id)", ["_csrf": csrf, "creditCode": code, "name": "柞水木耳专业合作社", "regionCode": "611026",
                                                                         "industry": "农业", "contactName": "李主任", "contactPhone": ""])
            #expect(saved.status == .seeOther)
            #expect(try await t.employers.reveal(employer.id, by: .system).contactPhone == "13912345678")
            #expect(try await t.employers.get(employer.id, by: .system).name == "柞水木耳专业合作社")

            let duplicate = try await client.json(.POST, "/api/v1/employers",
                #"{"creditCode":"\#(code)","name":"重复","regionCode":"611026","industry":"农业","contactName":"x","contactPhone":"13912345678"}"#,
                headers: .bearer(token))
            #expect(try apiError(duplicate) == ("credit_code_taken", "creditCode"))
        }
    }

    @Test("an enterprise posts only for its own employer; validation names the field and writes nothing", arguments: TestDatabase.all)
    func postingPermissions(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let mine = try await t.employers.create(sampleEmployer(1), by: admin)
            let theirs = try await t.employers.create(sampleEmployer(2), by: admin)
            let enterprise = try await t.account("demo-enterprise")
            try await t.employers.link(account: enterprise.id, to: mine.id, by: admin)
            let token = try await t.tokens.create(for: enterprise.id, name: "t", by: try await t.principal("demo-enterprise")).secret
            let client = TestClient(t.app)

            let created = try await client.json(.POST, "/api/v1/jobs",
                #"{"employerId":"\#(theirs.id)","title":"电子厂普工","occupationCode":"6-25-04-07","countyCode":"320118","wageMin":500000,"wageMax":650000,"headcount":20,"benefits":["board","lodging"],"validThrough":"\#(Day(Date().addingTimeInterval(864_000)))"}"#,
                headers: .bearer(token))
            #expect(created.status == .created)
            let posting = try decode(JobPosting.self, created)
            #expect(posting.employerID == mine.id, "an enterprise posts for its own employer whatever it names")
            #expect(posting.origin.platform == "xiezuo")

            let other = try await t.jobs.create(sampleJob(), employerID: theirs.id, by: admin)
            let foreign = try await client.json(.PUT, "/api/v1/jobs/\(other.id)", #"{"title":"改"}"#, headers: .bearer(token))
            #expect(foreign.status == .notFound)
            #expect(try await client.json(.POST, "/api/v1/jobs/\(other.id)/status", #"{"status":"withdrawn"}"#, headers: .bearer(token)).status == .notFound)
            #expect(try await t.jobs.get(other.id).status == .open)

            let count = try await t.count("job_postings")
            let cases: [(String, String, String)] = [
                (#""gender":"male""#, "gender", "discriminatory_requirement"),
                (#""description":"限男性，包吃住""#, "description", "discriminatory_requirement"),
                (#""occupationCode":"40302""#, "occupationCode", "occupation_format"),
                (#""wageMax":100"#, "wageMax", "wage_max_below_min"),
                (#""countyCode":"3201""#, "countyCode", "not_a_county"),
                (#""validThrough":"2020-01-01""#, "validThrough", "date_in_past"),
            ]
            for (override, field, code) in cases {
                let body = #"{"title":"焊工","occupationCode":"6-18-02-04","countyCode":"320118","wageMin":700000,"headcount":2,"validThrough":"2099-01-01"}"#
                var object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as! [String: Any]
                object["validThrough"] = Day(Date().addingTimeInterval(864_000)).description
                let change = try JSONSerialization.jsonObject(with: Data("{\(override)}".utf8)) as! [String: Any]
                object.merge(change) { $1 }
                let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
                let response = try await client.json(.POST, "/api/v1/jobs", text, headers: .bearer(token))
                #expect(response.status == .badRequest, "\(override)")
                #expect(try apiError(response).field == field, "\(override)")
                #expect(try apiError(response).code == code, "\(override)")
            }
            #expect(try await t.count("job_postings") == count)

            // Linking accounts is for admins and coordinators, and an account linked to one employer is not taken over.
            let officer = try await t.principal("zhashui-officer")
            await #expect(throws: DomainError.forbidden) { try await t.employers.link(account: enterprise.id, to: theirs.id, by: officer) }
            let fupingEmployer = try await t.employers.create(sampleEmployer(3, region: "610528"), by: admin)
            await #expect(throws: DomainError(.conflict, code: "account_linked_elsewhere", field: "username")) {
                try await t.employers.link(account: enterprise.id, to: fupingEmployer.id, by: try await t.principal("shaanxi-coordinator"))
            }
            #expect(try await t.account("demo-enterprise").employerID == mine.id)

            let mineList = try await client.send(.GET, "/api/v1/job-postings", headers: .bearer(token))
            #expect(mineList.body.string.contains(posting.id.uuidString))
            #expect(!mineList.body.string.contains(other.id.uuidString))
            let filled = try await client.json(.POST, "/api/v1/jobs/\(posting.id)/status", #"{"status":"filled"}"#, headers: .bearer(token))
            #expect(try decode(JobPosting.self, filled).status == .filled)
        }
    }

    @Test("the board finds 1-, 2- and longer Chinese queries and applies every filter, the same on both databases",
          arguments: TestDatabase.all)
    func search(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let nanjing = try await t.employers.create(sampleEmployer(1), by: admin)
            let zhashui = try await t.employers.create(sampleEmployer(2, region: "611026"), by: admin)
            let cook = try await t.jobs.create(sampleJob("中式烹调师", wage: 600_000...900_000, benefits: ["board", "lodging"]),
                                               employerID: nanjing.id, by: admin)
            let chef = try await t.jobs.create(sampleJob("厨师长", wage: 800_000...1_200_000, benefits: ["board"], description: "擅长中式烹调"),
                                               employerID: nanjing.id, by: admin)
            let guardJob = try await t.jobs.create(sampleJob("保安员", county: "611026", occupation: "4-07-05-01", wage: 350_000...450_000,
                                                             benefits: []), employerID: zhashui.id, by: admin)
            let client = TestClient(t.app)
            func ids(_ query: String) async throws -> [UUID] {
                let response = try await client.send(.GET, "/api/v1/jobs?" + query)
                #expect(response.status == .ok, "\(query)")
                return try decode(ListingPage.self, response).items.map(\.posting.id)
            }
            func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
            // 厨 is in the chef's title, and in 厨师, a common name of the cook's occupation: the title first.
            #expect(try await ids("q=" + encoded("厨")) == [chef.id, cook.id])
            #expect(try await ids("q=" + encoded("厨师")) == [chef.id, cook.id])
            #expect(Set(try await ids("q=" + encoded("烹调"))) == [cook.id, chef.id])
            #expect(try await ids("q=" + encoded("中式烹调")) == [cook.id, chef.id])
            #expect(try await ids("q=" + encoded("保")) == [guardJob.id])
            #expect(try await ids("q=" + encoded("焊工")).isEmpty)
            #expect(try await ids("region=6110") == [guardJob.id])
            #expect(try await ids("province=shaanxi") == [guardJob.id])
            #expect(Set(try await ids("province=jiangsu")) == [cook.id, chef.id])
            #expect(try await ids("occupation=4-07") == [guardJob.id])
            // The bottom of the range: the chef's 8,000–12,000 is at least 8,000, the cook's 6,000–9,000 is not.
            #expect(try await ids("wage_min=800000") == [chef.id])
            #expect(Set(try await ids("wage_min=600000")) == [chef.id, cook.id])
            #expect(Set(try await ids("region=" + encoded("南京"))) == [cook.id, chef.id])
            #expect(try await ids("region=" + encoded("柞水")) == [guardJob.id])
            #expect(try await ids("benefits=board,lodging") == [cook.id])
            #expect(try await ids("sort=wage") == [chef.id, cook.id, guardJob.id])
            #expect(try await ids("sort=newest&perPage=1&page=2") == [chef.id])
            #expect(try await ids("sort=newest") == [guardJob.id, chef.id, cook.id])
            #expect(try await ids("paired_with=611026&sort=newest") == [chef.id, cook.id, guardJob.id])
            // A signed-in worker from 柞水 sees jobs in the paired 高淳 first without asking.
            _ = try await t.accounts.create(AccountDraft(username: "zhashui-worker", displayName: "柞水务工人员", role: "worker",
                                                         jurisdiction: "611026", password: Fixture.password), by: admin)
            let worker = TestClient(t.app)
            try await worker.login("zhashui-worker", Fixture.password)
            let mine = try await worker.send(.GET, "/api/v1/jobs?sort=newest")
            #expect(try decode(ListingPage.self, mine).items.map(\.posting.id) == [chef.id, cook.id, guardJob.id])
            let bad = try await client.send(.GET, "/api/v1/jobs?sort=cheapest")
            #expect(try apiError(bad) == ("unknown_choice", "sort"))
            #expect(try apiError(try await client.send(.GET, "/api/v1/jobs?region=9999")) == ("place_unknown", "region"))
            #expect(try apiError(try await client.send(.GET, "/api/v1/jobs?region=" + encoded("鼓楼区"))) == ("place_ambiguous", "region"))
            #expect(try apiError(try await client.send(.GET, "/api/v1/jobs?province=shaanxi&region=3201")) == ("region_outside_province", "region"))

            // Filled and withdrawn postings leave the board; the page of a withdrawn one says so.
            _ = try await t.jobs.move(guardJob.id, to: .withdrawn, by: admin)
            #expect(try await ids("region=61").isEmpty)
            let page = try await client.send(.GET, "/jobs/\(guardJob.id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("已撤下"))

            // The page shows results and an empty state in the visitor's language.
            let html = try await client.send(.GET, "/jobs?q=" + encoded("厨师"))
            #expect(html.body.string.contains("厨师长"))
            #expect(!html.body.string.contains("保安员"))
            let empty = try await client.send(.GET, "/jobs?q=" + encoded("飞行员"))
            #expect(empty.body.string.contains("没有找到与“飞行员”相关的岗位"))
        }
    }

    @Test("postings past their last day leave the board at once and are expired by the sweep", arguments: TestDatabase.all)
    func expiry(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let employer = try await t.employers.create(sampleEmployer(1), by: admin)
            let posting = try await t.jobs.create(sampleJob("焊工", occupation: "6-18-02-04"), employerID: employer.id, by: admin)
            let later = Day(Date().addingTimeInterval(61 * 86_400))
            let page = try await t.board.find(JobQuery(text: "焊工"), page: Paging(), today: later)
            #expect(page.total == 0)
            #expect(try await t.jobs.expireDue(today: Day(Date())) == 0)
            #expect(try await t.jobs.expireDue(today: later) == 1)
            #expect(try await t.jobs.get(posting.id).status == .expired)
            let feed = try await t.exchange.feed(after: 0, limit: 10)
            #expect(feed.records.last?.tombstone == true)
            #expect(feed.records.last?.status == "expired")
            #expect(feed.records.last?.title == nil)
        }
    }
}
