import Foundation
import Testing
import Vapor
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

/// Issue 20, first part: a worker finds a job, signs up with their mobile number, completes a profile and applies from
/// the job page; the employer sees the application.
@Suite("Sign up and apply from the job page")
struct SignUpAndApplyTests {
    @Test("from a job page: sign up, fill in the profile, apply in one tap, and the employer sees the application", arguments: TestDatabase.all)
    func journey(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let employer = try await t.employers.create(sampleEmployer(3, region: "320118"), by: admin)
            try await t.employers.link(account: try await t.account("demo-enterprise").id, to: employer.id, by: admin)
            let job = try await t.jobs.create(sampleJob("中式烹调师", county: "320118"), employerID: employer.id, by: admin)
            let phone = TestClient(t.app)
            // Not signed in: the job page offers to sign up (or in) and come back.
            var page = try await phone.send(.GET, "/jobs/\(job.id)").body.string
            #expect(page.contains("注册并申请") && page.contains("/register?next=/jobs/\(job.id)") && page.contains("/login?next=/jobs/\(job.id)"))
            #expect(try await phone.send(.GET, "/login?next=/jobs/\(job.id)").body.string.contains("/register?next=/jobs/\(job.id)"))
            // Applying without an account goes to sign-in and back.
            var csrf = try await phone.csrf(from: "/register?next=/jobs/\(job.id)")
            var response = try await phone.form("/jobs/\(job.id)/apply", ["_csrf": csrf])
            #expect(response.headers.first(name: .location) == "/login?next=/jobs/\(job.id)")
            // Sign-up: every error at once, beside its field, the values kept.
            response = try await phone.form("/register", ["_csrf": csrf, "phone": "1391234", "name": "李四", "password": "", "next": "/jobs/\(job.id)"])
            #expect(response.status == .badRequest)
            let errors = response.body.string
            #expect(errors.contains("请填写 11 位手机号码") && errors.contains("请阅读并勾选同意") && errors.contains("请填写密码。"))
            #expect(errors.contains(#"value="李四""#) && errors.contains(#"value="1391234""#))
            response = try await phone.form("/register", ["_csrf": csrf, "phone": "139 1234 5678", "name": "李四", "password": "password123456",
                                                          "consent": "on", "next": "/jobs/\(job.id)"])
            #expect(response.status == .badRequest && response.body.string.contains("太常见"))
            response = try await phone.form("/register", ["_csrf": csrf, "phone": "139 1234 5678", "name": "李四", "password": "柞水木耳-sells-well",
                                                          "consent": "on", "next": "/jobs/\(job.id)"])
            #expect(response.status == .seeOther && response.headers.first(name: .location) == "/jobs/\(job.id)")
            let account = try #require(try await t.accounts.find(username: "13912345678"))
            #expect(account.role == .worker && account.displayName == "李四")
            // A second sign-up with the same number is told to sign in.
            let other = TestClient(t.app)
            let otherCSRF = try await other.csrf(from: "/register")
            let again = try await other.form("/register", ["_csrf": otherCSRF, "phone": "13912345678", "password": "another-long-secret", "consent": "on"])
            #expect(again.status == .conflict || again.status == .badRequest)
            #expect(again.body.string.contains("已经注册"))

            // Signed in without a profile: the page welcomes the worker once, asks for the profile, and the form brings
            // the worker back.
            page = try await phone.send(.GET, "/jobs/\(job.id)").body.string
            #expect(page.contains("注册成功，欢迎"))
            #expect(!(try await phone.send(.GET, "/jobs/\(job.id)").body.string.contains("注册成功，欢迎")))
            #expect(page.contains("填写求职信息后申请") && page.contains("/workers/new?next=/jobs/\(job.id)"))
            let form = try await phone.send(.GET, "/workers/new?next=/jobs/\(job.id)").body.string
            #expect(form.contains(#"name="_next" value="/jobs/\#(job.id)""#))
            csrf = try await phone.csrf(from: "/workers/new?next=/jobs/\(job.id)")
            response = try await phone.form("/workers", [
                "_csrf": csrf, "_next": "/jobs/\(job.id)", "name": "李四", "idNumber": sampleIDNumber(91), "phone": "13912345678",
                "homeCode": "611026001", "povertyStatus": "poverty_lifted", "education": "junior_high", "wishedOccupations": "4-03-02-01",
                "minWage": "4000", "pairedCities": "on", "consent": "on", "sensitiveConsent": "on"])
            #expect(response.status == .seeOther && response.headers.first(name: .location) == "/jobs/\(job.id)")
            // One tap.
            page = try await phone.send(.GET, "/jobs/\(job.id)").body.string
            #expect(page.contains("求职信息已保存，现在可以申请岗位了"))
            #expect(page.contains("申请这个岗位"))
            csrf = try await phone.csrf(from: "/jobs/\(job.id)")
            response = try await phone.form("/jobs/\(job.id)/apply", ["_csrf": csrf])
            #expect(response.status == .seeOther && response.headers.first(name: .location) == "/jobs/\(job.id)?applied=1")
            page = try await phone.send(.GET, "/jobs/\(job.id)?applied=1").body.string
            #expect(page.contains("申请已提交") && page.contains("申请进度：已提交") && !page.contains("申请这个岗位"))
            #expect(try await t.count("applications") == 1)
            // Applying twice answers on the page.
            response = try await phone.form("/jobs/\(job.id)/apply", ["_csrf": csrf])
            #expect(response.status == .badRequest)
            #expect(try await t.count("applications") == 1)

            // The employer sees the application with the applicant's name at once.
            let employerBrowser = TestClient(t.app)
            try await employerBrowser.login("demo-enterprise", Fixture.password)
            let applicants = try await employerBrowser.send(.GET, "/manage/jobs/\(job.id)/applicants").body.string
            #expect(applicants.contains("李四") && !applicants.contains(sampleIDNumber(91)))
            // Staff and employers see no apply button.
            #expect(!(try await employerBrowser.send(.GET, "/jobs/\(job.id)").body.string.contains("申请这个岗位")))

            // "我的申请": opening the applicants page marked it seen; an answer carries the employer's message.
            let mine = try #require(try await t.workers.mine(by: try await t.principal("13912345678")))
            var profile = try await phone.send(.GET, "/workers/\(mine.id)").body.string
            #expect(profile.contains("企业已查看") && profile.contains("中式烹调师"))
            let application = try #require(try await t.applications.forWorker(mine.id, by: admin).first)
            let employerCSRF = try await employerBrowser.csrf(from: "/manage/jobs/\(job.id)/applicants")
            response = try await employerBrowser.form("/manage/jobs/\(job.id)/applicants/\(application.id)/accept",
                                                      ["_csrf": employerCSRF, "message": "请周三上午十点到高淳店面试"])
            #expect(response.status == .seeOther)
            profile = try await phone.send(.GET, "/workers/\(mine.id)").body.string
            #expect(profile.contains("邀请面试") && profile.contains("请周三上午十点到高淳店面试"))
            #expect(try await phone.send(.GET, "/jobs/\(job.id)").body.string.contains("申请进度：邀请面试"))
            // A message longer than 200 characters is refused on the page, and nothing changes.
            response = try await employerBrowser.form("/manage/jobs/\(job.id)/applicants/\(application.id)/reject",
                                                      ["_csrf": employerCSRF, "message": String(repeating: "长", count: 201)])
            #expect(response.status == .badRequest)
            #expect(try await t.applications.forWorker(mine.id, by: admin).first?.status == .accepted)
        }
    }

    @Test("sign-ups are limited per address")
    func limited() async throws {
        try await withTestApp(.sqlite, seed: false) { t in
            let client = TestClient(t.app)
            for index in 0..<10 {
                let csrf = try await client.csrf(from: "/register")
                let response = try await client.form("/register", ["_csrf": csrf, "phone": "1390000\(String(format: "%04d", index))",
                                                                   "password": "柞水木耳-sells-well", "consent": "on"])
                #expect(response.status == .seeOther)
                _ = try await client.form("/logout", ["_csrf": try await client.csrf(from: "/account")])
            }
            let refused = try await client.form("/register", ["_csrf": try await client.csrf(from: "/register"), "phone": "13900009999",
                                                              "password": "柞水木耳-sells-well", "consent": "on"])
            #expect(refused.status == .tooManyRequests)
            // Without a name, the account is called by the number's last four digits.
            #expect(try await t.accounts.find(username: "13900000003")?.displayName == "求职者0003")
        }
    }
}
