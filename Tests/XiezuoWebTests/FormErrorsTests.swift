import Foundation
import Testing
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

@Suite("Forms show every field's problem at once, beside the field, and keep what was typed")
struct FormErrorsTests {
    func errors(_ page: String) -> Int { page.components(separatedBy: "class=\"field-error\"").count - 1 }

    @Test("the job posting form: six broken fields, six messages, each in the field's own words; nothing written")
    func jobForm() async throws {
        try await withTestApp(.sqlite) { t in
            let employer = try await t.employers.create(sampleEmployer(1, region: "320118"), by: try await t.principal("admin"))
            let browser = TestClient(t.app)
            try await browser.login("admin", Fixture.password)
            let csrf = try await browser.csrf(from: "/manage/jobs/new")
            let before = try await t.count("job_postings")
            let response = try await browser.form("/manage/jobs", [
                "_csrf": csrf, "employerId": employer.id.uuidString, "title": "厨师（限男性）", "occupationCode": "4-03", "countyCode": "320118", "wageMinYuan": "6000",
                "wageMaxYuan": "5000", "headcount": "0", "validThrough": "2099-01-01", "description": "岗位说明：只招男性",
            ])
            #expect(response.status == .badRequest)
            let page = response.body.string
            #expect(errors(page) == 6, "title, occupation, wage, headcount, date and description each say what is wrong")
            #expect(page.contains("岗位说明") && page.contains("value=\"5000\"") && page.contains("只招男性"))
            #expect(try await t.count("job_postings") == before)
        }
    }

    @Test("the project form: numbers that do not read and the draft's own problems are named together; nothing written")
    func projectForm() async throws {
        try await withTestApp(.sqlite) { t in
            let browser = TestClient(t.app)
            try await browser.login("admin", Fixture.password)
            let csrf = try await browser.csrf(from: "/projects/new")
            let before = try await t.count("projects")
            let response = try await browser.form("/projects", [
                "_csrf": csrf, "code": "", "name": "", "countyCode": "611026", "year": "二〇二五", "actionArea": "industry",
                "budgetWan": "十万", "households": "-1", "persons": "两百",
            ])
            #expect(response.status == .badRequest)
            let page = response.body.string
            #expect(errors(page) >= 5, "code, name, year, budget and persons at least")
            #expect(page.contains("value=\"十万\"") && page.contains("value=\"两百\"") && page.contains("value=\"二〇二五\""))
            #expect(try await t.count("projects") == before)
        }
    }

    @Test("the agreement form: an unreadable target, a negative one and a threshold past 100 are all named at once")
    func agreementForm() async throws {
        try await withTestApp(.sqlite) { t in
            let browser = TestClient(t.app)
            try await browser.login("admin", Fixture.password)
            let csrf = try await browser.csrf(from: "/agreements/edit?year=2025")
            let response = try await browser.form("/agreements", [
                "_csrf": csrf, "year": "2025", "title": "", "threshold": "150", "target_aid_committed": "十万", "target_workers_placed": "-3",
            ])
            #expect(response.status == .badRequest)
            let page = response.body.string
            #expect(errors(page) == 4, "title, threshold and two targets")
            #expect(page.contains("value=\"十万\"") && page.contains("value=\"-3\"") && page.contains("value=\"150\""))
            #expect(try await t.count("agreements") == 0)
            // A pairing that does not read is refused, never saved as the province-wide agreement.
            let garbled = try await browser.form("/agreements", ["_csrf": csrf, "year": "2025", "pairingId": "not-an-id", "title": "协议"])
            #expect(garbled.status == .badRequest)
            #expect(try await t.count("agreements") == 0)
        }
    }

    @Test("a register's record form: a missing name, a place, a number and a date that do not read are all named at once")
    func recordForm() async throws {
        try await withTestApp(.sqlite) { t in
            let browser = TestClient(t.app)
            try await browser.login("zhashui-officer", Fixture.password)
            let csrf = try await browser.csrf(from: "/manage/industry/parks/new")
            let response = try await browser.form("/manage/industry/parks", [
                "_csrf": csrf, "name": "", "countyCode": "611026", "form": "park_in_zone", "partnerCode": "",
                "established": "2025-02-30", "plannedAreaMu": "一千", "builtAreaMu": "400",
            ])
            #expect(response.status == .badRequest)
            let page = response.body.string
            #expect(errors(page) == 4, "name, partner, date and planned area")
            #expect(page.contains("value=\"一千\"") && page.contains("value=\"2025-02-30\""))
            #expect(try await t.count("parks") == 0)
        }
    }

    @Test("the employer form: an empty form names all six fields at once; a wrong credit code and phone beside the right ones")
    func employerForm() async throws {
        try await withTestApp(.sqlite) { t in
            let browser = TestClient(t.app)
            try await browser.login("zhashui-officer", Fixture.password)
            let csrf = try await browser.csrf(from: "/employers/new")
            var response = try await browser.form("/employers", ["_csrf": csrf, "creditCode": "", "name": "", "regionCode": "", "industry": "",
                                                                 "contactName": "", "contactPhone": ""])
            #expect(response.status == .badRequest && errors(response.body.string) == 6)
            response = try await browser.form("/employers", ["_csrf": csrf, "creditCode": "91610000123", "name": "柞水木耳合作社", "regionCode": "611026",
                                                             "industry": "农产品", "contactName": "王", "contactPhone": "12345"])
            #expect(response.status == .badRequest && errors(response.body.string) == 2 && response.body.string.contains("value=\"12345\""))
            #expect(try await t.count("employers") == 0)
        }
    }
}
