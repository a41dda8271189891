import Foundation
import Testing
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

@Suite("Workers on the web and over HTTP")
struct WorkersWebTests {
    @Test("a worker registers on the web, sees matching jobs with reasons, applies; numbers stay masked until an audited reveal",
          arguments: TestDatabase.all)
    func selfService(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let employer = try await t.employers.create(sampleEmployer(3, region: "320118"), by: admin)
            let cook = try await t.jobs.create(sampleJob("中式烹调师", county: "320118"), employerID: employer.id, by: admin)
            let browser = TestClient(t.app)
            try await browser.login("demo-worker", Fixture.password)
            let zh: HTTPHeaders = ["Accept-Language": "zh-CN"]
            var response = try await browser.send(.GET, "/workers")
            #expect(response.headers.first(name: .location) == "/workers/new")
            let csrf = try await browser.csrf(from: "/workers/new")
            let number = sampleIDNumber(77)
            var form = ["_csrf": csrf, "name": "王五", "idNumber": number, "phone": "13912345678", "homeCode": "611026001",
                        "povertyStatus": "poverty_lifted", "education": "junior_high", "wishedOccupations": "4-03-02-01",
                        "pairedCities": "on", "minWage": "4000"]
            response = try await browser.form("/workers", form, headers: zh)
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains("须经本人同意处理个人信息后才能登记。"))
            #expect(try await t.count("workers") == 0)
            form["consent"] = "on"
            form["sensitiveConsent"] = "on"
            response = try await browser.form("/workers", form, headers: zh)
            #expect(response.status == .seeOther)
            let location = try #require(response.headers.first(name: .location))
            let profile = try await browser.send(.GET, location, headers: zh)
            let html = profile.body.string
            #expect(html.contains(IDCardNumber.masked(number)) && !html.contains(number))
            #expect(html.contains("中式烹调师") && html.contains("与您家乡结对") && html.contains("包吃住"))
            // Applying from the page.
            let id = String(location.dropFirst("/workers/".count))
            response = try await browser.form("\(location)/apply", ["_csrf": csrf, "postingId": cook.id.uuidString])
            #expect(response.status == .seeOther)
            #expect(try await t.count("applications") == 1)
            // Registering again is refused with a clear message.
            response = try await browser.form("/workers", form, headers: zh)
            #expect(response.status == .conflict)
            #expect(response.body.string.contains("您已登记过求职信息"))
            // The reveal shows the number and is audited.
            let audits = try await t.count("audit_log")
            response = try await browser.form("\(location)/identity", ["_csrf": csrf], headers: zh)
            #expect(response.body.string.contains(number))
            #expect(try await t.count("audit_log") == audits + 1)
            // The API: the worker's own profile, and the matches with worded reasons.
            let token = try await t.tokens.create(for: try await t.account("demo-worker").id, name: "t",
                                                  by: try await t.principal("demo-worker")).secret
            let me = try await browser.send(.GET, "/api/v1/workers/me", headers: .bearer(token))
            #expect(try decode(Worker.self, me).id.uuidString == id.uppercased() || (try decode(Worker.self, me).id.uuidString.lowercased() == id.lowercased()))
            var headers = HTTPHeaders.bearer(token)
            headers.add(name: .acceptLanguage, value: "en")
            let matches = try await browser.send(.GET, "/api/v1/workers/\(id)/matches", headers: headers)
            #expect(matches.body.string.contains("In 高淳区, paired with your county"))
            let bad = try await browser.send(.GET, "/api/v1/workers/\(id)/matches?limit=1000", headers: headers)
            #expect(bad.status == .badRequest)
        }
    }
}
