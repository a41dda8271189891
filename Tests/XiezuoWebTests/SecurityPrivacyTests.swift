import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

/// Issue 19, holes 2, 3, 6 and 8: what the posting's side, other counties and workers themselves can learn.
@Suite("Privacy of workers")
struct SecurityPrivacyTests {
    /// The ID numbers consistent with what `text` shows of `worker` (real number `number`), assuming the reader also
    /// knows the home county (the first six characters), the gender and the birth year even where the text does not
    /// show them: the text's masked numbers fix the characters they show, and a full birth date fixes the day.
    static func consistentNumbers(in text: String, worker: Worker, number: String, today: Day) -> Int {
        let (known, exactDay) = constraints(in: text, worker: worker, number: number)
        let key = "\(number)|\(exactDay)|" + known.map { $0.map(String.init) ?? "_" }.joined()
        if let cached = cache.withLockedValue({ $0[key] }) { return cached }
        let count = enumerate(known: known, exactDay: exactDay, worker: worker, number: number)
        cache.withLockedValue { $0[key] = count }
        return count
    }

    static let cache = NIOLockedValueBox<[String: Int]>([:])

    /// What a text fixes of a number: the characters its masks show, and whether it shows the full birth date.
    static func constraints(in text: String, worker: Worker, number: String) -> (known: [Character?], exactDay: Bool) {
        let actual = Array(number)
        var known = [Character?](repeating: nil, count: 18)
        for match in text.matches(of: /[0-9]{4}[0-9*]{10,13}[0-9X*]/) {
            let shown = Array(String(match.0))
            guard shown.count == 18, zip(shown, actual).allSatisfy({ $0 == "*" || $0 == $1 }) else { continue }
            for (index, character) in shown.enumerated() where character != "*" { known[index] = character }
        }
        let birth = worker.birthDate
        let compact = String(format: "%04d%02d%02d", birth.year, birth.month, birth.day)
        return (known, text.contains(birth.description) || text.contains(compact))
    }

    static func enumerate(known: [Character?], exactDay: Bool, worker: Worker, number: String) -> Int {
        let actual = Array(number), birth = worker.birthDate
        var days: [String] = []
        for month in 1...12 {
            for day in 1...31 {
                guard let date = Day(String(format: "%04d-%02d-%02d", birth.year, month, day)) else { continue }
                if !exactDay || date == birth { days.append(String(format: "%04d%02d%02d", date.year, date.month, date.day)) }
            }
        }
        let county = String(actual[0..<6])
        var count = 0
        for day in days {
            for sequence in 0..<1000 where (sequence % 2 == 1) == (worker.gender == .male) {
                guard let candidate = IDCardNumber.completing(county + day + String(format: "%03d", sequence)) else { continue }
                if zip(candidate, known).allSatisfy({ $1 == nil || $0 == $1 }) { count += 1 }
            }
        }
        return count
    }

    @Test("a worker's mask, birth date and home code together narrowed a number down to a handful; the count is right")
    func countingIsRight() {
        let worker = Worker(id: UUID(), name: "x", idNumber: "", phone: "", revealed: false, gender: .male, birthDate: Day("1990-01-01")!,
                            homeCode: "611026001", povertyStatus: .other, education: .none, skills: [], wishedOccupations: [], preferredPlaces: [],
                            pairedCities: false, minWage: 0, certificates: [], employment: [], consentAt: Date(), consentVersion: "", accountID: nil)
        let number = IDCardNumber.completing("61102619900101001")!
        // What the API used to send: the old mask and the birth date.
        let old = #"{"idNumber":"\#(IDCardNumber.masked(number))","birthDate":"1990-01-01","homeCode":"611026001"}"#
        #expect(Self.consistentNumbers(in: old, worker: worker, number: number, today: Day("2026-12-01")!) < 10)
        #expect(Self.consistentNumbers(in: #"{"age":36,"countyCode":"611026"}"#, worker: worker, number: number, today: Day("2026-12-01")!) >= 100_000)
    }

    @Test("matches, applicants, lists and the audit log: whatever the posting's side and another province receive leaves ≥ 10,000 ID numbers",
          arguments: TestDatabase.all)
    func tenThousand(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let zhashui = try await t.principal("zhashui-officer")
            let employer = try await t.employers.create(sampleEmployer(3, region: "320118"), by: admin)
            let enterprise = try await t.account("demo-enterprise")
            try await t.employers.link(account: enterprise.id, to: employer.id, by: admin)
            let job = try await t.jobs.create(sampleJob("中式烹调师", county: "320118"), employerID: employer.id, by: admin)
            let applicant = try await t.workers.register(sampleWorker(31), by: zhashui)
            let candidate = try await t.workers.register(sampleWorker(32, name: "只是候选人"), by: zhashui)
            let elsewhere = try await t.workers.register(sampleWorker(33, name: "想当搬运工", occupations: ["6-01-01-01"]), by: zhashui)
            _ = try await t.applications.apply(worker: applicant.id, to: job.id, by: zhashui)
            // A status change puts a worker into the audit log again.
            _ = try await t.workers.recordStatus(elsewhere.id, .selfEmployed, since: Day(Date()), note: nil, by: zhashui)
            let enterpriseToken = try await t.tokens.create(for: enterprise.id, name: "t", by: enterprise.principal).secret
            let jiangsu = try await t.account("jiangsu-coordinator")
            let jiangsuToken = try await t.tokens.create(for: jiangsu.id, name: "t", by: jiangsu.principal).secret
            let client = TestClient(t.app)
            var views: [(String, String)] = []
            for (who, token) in [("enterprise", enterpriseToken), ("jiangsu-coordinator", jiangsuToken)] {
                for path in ["/api/v1/jobs/\(job.id)/matches", "/api/v1/jobs/\(job.id)/applications", "/api/v1/workers?region=611026",
                             "/api/v1/audit?perPage=200", "/api/v1/workers/\(applicant.id)"] {
                    let response = try await client.send(.GET, path, headers: .bearer(token))
                    views.append(("\(who) \(path) \(response.status.code)", response.body.string))
                }
            }
            let browser = TestClient(t.app)
            try await browser.login("demo-enterprise", Fixture.password)
            let page = try await browser.send(.GET, "/manage/jobs/\(job.id)/applicants")
            #expect(page.status == .ok)
            views.append(("enterprise applicants page", page.body.string))
            for worker in [applicant, candidate] {
                let number = try await t.workers.reveal(worker.id, reason: "测试", by: zhashui).idNumber
                for (label, text) in views {
                    let count = Self.consistentNumbers(in: text, worker: worker, number: number, today: Day(Date()))
                    #expect(count >= 10_000, "\(label): \(count) numbers left for \(worker.name)")
                }
            }
            // The pseudonymous candidate has no name on the posting's side; the applicant has, with their consent.
            let matches = views[0].1
            #expect(matches.contains(#""access":"candidate""#) && !matches.contains("只是候选人") && matches.contains(applicant.name))
            #expect(!matches.contains(candidate.id.uuidString) && !matches.contains(candidate.id.uuidString.lowercased()))
            // Matching reads the index: a worker who wishes for another major group is no candidate at all.
            let candidates = try await t.matching.workers(for: job.id, by: admin)
            #expect(!matches.contains("想当搬运工") && candidates.count == 2)
            // Another province's coordinator sees no Shaanxi worker in the list.
            let list = try #require(views.first { $0.0.hasPrefix("jiangsu-coordinator /api/v1/workers?region=611026") }).1
            #expect(!list.contains(applicant.name) && !list.contains("只是候选人"))
        }
    }

    @Test("the posting's side invites a pseudonymous candidate; the worker sees the invitation and applying shows their name",
          arguments: TestDatabase.all)
    func invitations(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let employer = try await t.employers.create(sampleEmployer(4, region: "320118"), by: admin)
            let enterprise = try await t.account("demo-enterprise")
            try await t.employers.link(account: enterprise.id, to: employer.id, by: admin)
            let job = try await t.jobs.create(sampleJob("中式烹调师", county: "320118"), employerID: employer.id, by: admin)
            let other = try await t.jobs.create(sampleJob("面点师", county: "320118"), employerID: employer.id, by: admin)
            let workerAccount = try await t.account("demo-worker")
            let worker = try await t.workers.register(sampleWorker(41, name: "受邀务工人员"), by: workerAccount.principal)
            let token = try await t.tokens.create(for: enterprise.id, name: "t", by: enterprise.principal).secret
            let client = TestClient(t.app)
            let matches = try await client.send(.GET, "/api/v1/jobs/\(job.id)/matches", headers: .bearer(token)).body.string
            let candidate = try #require(matches.firstMatch(of: /"candidate":"([^"]+)"/)).1
            // A made-up token, or one for another posting, invites nobody.
            #expect(try await client.json(.POST, "/api/v1/jobs/\(job.id)/invitations", #"{"candidate":"bm90IGEgdG9rZW4="}"#,
                                         headers: .bearer(token)).status == .badRequest)
            #expect(try await client.json(.POST, "/api/v1/jobs/\(other.id)/invitations", #"{"candidate":"\#(candidate)"}"#,
                                         headers: .bearer(token)).status == .badRequest)
            #expect(try await client.json(.POST, "/api/v1/jobs/\(job.id)/invitations", #"{"candidate":"\#(candidate)"}"#).status == .unauthorized)
            #expect(try await client.json(.POST, "/api/v1/jobs/\(job.id)/invitations", #"{"candidate":"\#(candidate)"}"#,
                                         headers: .bearer(token)).status == .noContent)
            // Inviting twice changes nothing.
            #expect(try await client.json(.POST, "/api/v1/jobs/\(job.id)/invitations", #"{"candidate":"\#(candidate)"}"#,
                                         headers: .bearer(token)).status == .noContent)
            #expect(try await t.count("job_invitations") == 1)
            // The worker sees it on their page and applies from there.
            let browser = TestClient(t.app)
            try await browser.login("demo-worker", Fixture.password)
            let profile = try await browser.send(.GET, "/workers/\(worker.id)").body.string
            #expect(profile.contains("邀请您申请的岗位") && profile.contains("中式烹调师"))
            let csrf = try await browser.csrf(from: "/workers/\(worker.id)")
            #expect(try await browser.form("/workers/\(worker.id)/apply", ["_csrf": csrf, "postingId": job.id.uuidString]).status == .seeOther)
            let after = try await client.send(.GET, "/api/v1/jobs/\(job.id)/matches", headers: .bearer(token)).body.string
            #expect(after.contains("受邀务工人员") && after.contains(#""access":"applicant""#))
            // Answered invitations leave the worker's list.
            let invitations = try await browser.send(.GET, "/api/v1/workers/\(worker.id)/invitations").body.string
            #expect(invitations.contains(#""items":[]"#) && invitations.contains(#""total":0"#), "\(invitations)")
        }
    }

    @Test("no oracles: a user name is looked up only for those who may link it, and a worker cannot learn whose ID number is registered",
          arguments: TestDatabase.all)
    func oracles(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let employer = try await t.employers.create(sampleEmployer(5, region: "320118"), by: admin)
            let worker = try await t.account("demo-worker")
            let token = try await t.tokens.create(for: worker.id, name: "t", by: worker.principal).secret
            let client = TestClient(t.app)
            let existing = try await client.json(.POST, "/api/v1/employers/\(employer.id)/accounts", #"{"username":"admin"}"#, headers: .bearer(token))
            let missing = try await client.json(.POST, "/api/v1/employers/\(employer.id)/accounts", #"{"username":"nobody-here"}"#, headers: .bearer(token))
            #expect(existing.status == .forbidden && missing.status == .forbidden)
            #expect(existing.body.string == missing.body.string)

            // A worker changes their own ID number: to someone else's, or to a free one, the answer is the same.
            let zhashui = try await t.principal("zhashui-officer")
            let holder = try await t.workers.register(sampleWorker(51), by: zhashui)
            let mine = try await t.workers.register(sampleWorker(52), by: worker.principal)
            var draft = sampleWorker(52)
            draft.idNumber = sampleIDNumber(51)
            let taken = try await client.json(.PUT, "/api/v1/workers/\(mine.id)", String(decoding: try JSONEncoder().encode(draft), as: UTF8.self),
                                              headers: .bearer(token))
            draft.idNumber = sampleIDNumber(53)
            let free = try await client.json(.PUT, "/api/v1/workers/\(mine.id)", String(decoding: try JSONEncoder().encode(draft), as: UTF8.self),
                                             headers: .bearer(token))
            #expect(taken.status == .badRequest && free.status == .badRequest)
            #expect(taken.body.string == free.body.string && taken.body.string.contains("id_not_accepted"))
            // The attempt on another's number is in the audit log for the holder's county, and nothing else changed.
            let entries = try await t.audit.list(AuditFilter(entity: "worker", action: "id_conflict"), by: zhashui).items
            #expect(entries.count == 1 && entries.first?.entityID == holder.id.uuidString)
            #expect(try await t.workers.reveal(mine.id, reason: nil, by: worker.principal).idNumber == sampleIDNumber(52))
            // Staff registering the same person twice are told, as they must deduplicate.
            await #expect(throws: DomainError(.conflict, code: "id_registered", field: "idNumber")) {
                _ = try await t.workers.register(sampleWorker(51), by: zhashui)
            }
        }
    }

    @Test("the edit form reads no number in full and writes no audit entry; the full read needs a reason, which the audit log shows",
          arguments: TestDatabase.all)
    func editAndReveal(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let zhashui = try await t.principal("zhashui-officer")
            let worker = try await t.workers.register(sampleWorker(61), by: zhashui)
            let number = sampleIDNumber(61)
            let browser = TestClient(t.app)
            try await browser.login("zhashui-officer", Fixture.password)
            let audits = try await t.count("audit_log")
            let form = try await browser.send(.GET, "/workers/\(worker.id)/edit")
            #expect(form.status == .ok && !form.body.string.contains(number) && !form.body.string.contains("13912345678"))
            #expect(form.body.string.contains(IDCardNumber.masked(number)))
            #expect(try await t.count("audit_log") == audits)
            // Saving with the numbers left blank keeps them.
            let csrf = try await browser.csrf(from: "/workers/\(worker.id)/edit")
            let saved = try await browser.form("/workers/\(worker.id)", [
                "_csrf": csrf, "name": "改过名字", "idNumber": "", "phone": "", "homeCode": "611026001", "povertyStatus": "poverty_lifted",
                "education": "junior_high", "wishedOccupations": "4-03-02-01", "minWage": "4000"])
            #expect(saved.status == .seeOther)
            let revealed = try await t.workers.reveal(worker.id, reason: "核对", by: zhashui)
            #expect(revealed.name == "改过名字" && revealed.idNumber == number && revealed.phone == "13912345678")
            // The full read: refused without a reason, shown with one, and the reason is in the audit log.
            let noReason = try await browser.form("/workers/\(worker.id)/identity", ["_csrf": csrf])
            #expect(noReason.status == .badRequest && !noReason.body.string.contains(number) && noReason.body.string.contains("事由"))
            let shown = try await browser.form("/workers/\(worker.id)/identity", ["_csrf": csrf, "reason": "办理社保转移"])
            #expect(shown.status == .ok && shown.body.string.contains(number))
            let entry = try await t.audit.list(AuditFilter(entity: "worker", action: "reveal"), by: zhashui).items.first
            #expect(entry?.after?.contains("办理社保转移") == true)
            let token = try await t.tokens.create(for: try await t.account("zhashui-officer").id, name: "t", by: zhashui).secret
            let api = try await browser.send(.GET, "/api/v1/workers/\(worker.id)/identity", headers: .bearer(token))
            #expect(api.status == .badRequest && api.body.string.contains(#""field":"reason""#))
            // The audit log keeps masked values only: the first four characters and the birth year.
            for entry in try await t.audit.list(AuditFilter(entity: "worker"), by: zhashui).items {
                #expect(!(entry.before ?? "").contains(number) && !(entry.after ?? "").contains(number))
                #expect(!(entry.after ?? "").contains("1990-01-01") && !(entry.after ?? "").contains(IDCardNumber.masked(number)))
            }
        }
    }
}
