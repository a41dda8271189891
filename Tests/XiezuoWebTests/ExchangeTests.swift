import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport
@testable import XiezuoWeb

@Suite("The job exchange between platforms")
struct ExchangeTests {
    /// Every posting a node holds, as the comparable facts: origin, version, status and content.
    func holdings(_ t: TestApp) async throws -> [String] {
        let sql = t.app.db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT origin_platform, origin_id, origin_version, status, title, wage_min, wage_max, valid_through, county_code
            FROM job_postings ORDER BY origin_platform, origin_id
            """).all()
        return try rows.map { row in
            try ["origin_platform", "origin_id", "status", "title", "valid_through", "county_code"]
                .map { try row.decode(column: $0, as: String.self) }.joined(separator: "|")
                + "|" + ["origin_version", "wage_min", "wage_max"].map { String(try row.decode(column: $0, as: Int64.self)) }.joined(separator: "|")
        }
    }

    /// A valid open posting from the platform `shaanxi`, version 10, placed in 山阳县.
    func shaanxiRecord(_ id: String, title: String, occupation: String, employer: String, seq: Int64? = nil) -> JobFeedRecord {
        var record = JobFeedRecord()
        record.seq = seq
        record.originPlatform = "shaanxi"
        record.originId = id
        record.originVersion = 10
        record.status = "open"
        record.title = title
        record.occupationalCategory = occupation
        record.jobLocation = JobFeedRecord.Place(countyCode: "611024")
        record.hiringOrganization = JobFeedRecord.Organization(name: employer, taxID: CreditCode.completing("91611024000000001"))
        record.wageMinFen = 400_000
        record.totalJobOpenings = 3
        record.validThrough = Day(Date().addingTimeInterval(30 * 86_400)).description
        return record
    }

    func partnerToken(_ t: TestApp) async throws -> String {
        let partner = try await t.account("demo-partner")
        return try await t.tokens.create(for: partner.id, name: "feed", by: .system).secret
    }

    @Test("a partner token reads the feed and nothing else; others cannot read it", arguments: TestDatabase.all)
    func partnerToken(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let employer = try await t.employers.create(sampleEmployer(1), by: admin)
            let posting = try await t.jobs.create(sampleJob(), employerID: employer.id, by: admin)
            let token = try await partnerToken(t)
            let client = TestClient(t.app)
            let feed = try await client.send(.GET, "/api/v1/exchange/jobs?after=0&limit=10", headers: .bearer(token))
            #expect(feed.status == .ok)
            let json = feed.body.string
            #expect(json.contains(#""@type":"JobPosting""#))
            #expect(json.contains(#""xiezuo:originId":"\#(posting.id.uuidString.lowercased())""#))
            #expect(json.contains(#""taxID":"\#(employer.creditCode)""#))
            #expect(!json.contains("13812345678"), "the feed carries no contact phone")

            let officer = try await t.account("zhashui-officer")
            let officerToken = try await t.tokens.create(for: officer.id, name: "t", by: officer.principal).secret
            #expect(try await client.send(.GET, "/api/v1/exchange/jobs", headers: .bearer(officerToken)).status == .forbidden)
            #expect(try await client.send(.GET, "/api/v1/exchange/jobs").status == .unauthorized)
            #expect(try await client.send(.GET, "/api/v1/exchange/jobs?limit=0", headers: .bearer(token)).status == .badRequest)
            for (method, path, body) in [(HTTPMethod.GET, "/api/v1/projects", nil), (.GET, "/api/v1/employers", nil),
                                         (.GET, "/api/v1/job-postings", nil), (.GET, "/api/v1/users", nil), (.GET, "/api/v1/audit", nil),
                                         (.POST, "/api/v1/jobs", #"{"employerId":"\#(employer.id)","title":"x"}"#),
                                         (.PUT, "/api/v1/jobs/\(posting.id)", #"{"title":"x"}"#),
                                         (.POST, "/api/v1/employers", #"{"name":"x"}"#)] as [(HTTPMethod, String, String?)] {
                let response = body == nil ? try await client.send(method, path, headers: .bearer(token))
                    : try await client.json(method, path, body!, headers: .bearer(token))
                #expect([.forbidden, .notFound].contains(response.status), "\(method) \(path): \(response.status)")
            }
            #expect(try await t.jobs.get(posting.id).title == "中式烹调师")
        }
    }

    @Test("a partner speaks only for its own postings: another platform's cannot be withdrawn or pinned through it",
          arguments: TestDatabase.withAndWithoutFastPath)
    func partnerCannotSpeakForOthers(database: TestDatabase, fastPath: Bool) async throws {
        try await withTestApp(database, platform: "jiangsu", settings: { $0.sqliteFastPath = fastPath }) { t in
            let real = shaanxiRecord("sx-1", title: "保安员", occupation: "4-07-05-01", employer: "山阳劳务公司")
            #expect(try await t.exchange.apply([real], from: "shaanxi-node", next: 1, origins: ["shaanxi"]).created == 1)
            var forged = JobFeedRecord()
            forged.originPlatform = "shaanxi"
            forged.originId = "sx-1"
            forged.originVersion = 9_000_000_000_000_000
            forged.tombstone = true
            let report = try await t.exchange.apply([forged], from: "other-node", next: 1, origins: ["other"])
            #expect(report.skipped == ["not_from_sender": 1])
            #expect(try await t.board.find(JobQuery(text: "保安"), page: Paging()).total == 1)
            // Stale removals never undo a newer version, whoever sends them.
            var stale = forged
            stale.originVersion = 5
            #expect(try await t.exchange.apply([stale], from: "shaanxi-node", next: 2, origins: ["shaanxi"]).removed == 0)
            #expect(try await t.board.find(JobQuery(text: "保安"), page: Paging()).total == 1)
            // A newer version that fails the checks here withdraws the old copy instead of leaving it advertised.
            var broken = real
            broken.originVersion = 11
            broken.jobLocation = JobFeedRecord.Place(countyCode: "999999")
            let rejected = try await t.exchange.apply([broken], from: "shaanxi-node", next: 3, origins: ["shaanxi"])
            #expect(rejected.skipped == ["unknown_region:countyCode": 1])
            #expect(rejected.removed == 1)
            #expect(try await t.board.find(JobQuery(text: "保安"), page: Paging()).total == 0)
            var fixed = real
            fixed.originVersion = 12
            #expect(try await t.exchange.apply([fixed], from: "shaanxi-node", next: 4, origins: ["shaanxi"]).updated == 1)
            #expect(try await t.board.find(JobQuery(text: "保安"), page: Paging()).total == 1)
        }
    }

    @Test("pages written in one transaction: each page sees the ones before it, the cursor moves once, one audit entry",
          arguments: TestDatabase.withAndWithoutFastPath)
    func pagesInOneTransaction(database: TestDatabase, fastPath: Bool) async throws {
        try await withTestApp(database, platform: "jiangsu", settings: { $0.sqliteFastPath = fastPath }) { t in
            let first = shaanxiRecord("sx-1", title: "保安员", occupation: "4-07-05-01", employer: "山阳劳务公司", seq: 1)
            let second = shaanxiRecord("sx-2", title: "辅警", occupation: "3-02-02-02", employer: "山阳县公安局", seq: 2)
            var newer = first
            newer.seq = 3
            newer.originVersion = 11
            newer.title = "保安员（夜班）"
            var gone = second
            gone.seq = 4
            gone.originVersion = 11
            gone.status = "withdrawn"
            gone.tombstone = true
            let audits = try await t.count("audit_log")
            let pages = [[first, second], [newer], [gone]].map { t.exchange.check($0, origins: ["shaanxi"]) }
            let report = try await t.exchange.apply(pages, from: "shaanxi-node", next: 4)
            #expect(report.received == 4 && report.created == 2 && report.updated == 1 && report.removed == 1 && report.skippedTotal == 0)
            #expect(try await t.exchange.cursor(for: "shaanxi-node") == 4)
            #expect(try await t.count("audit_log") == audits + 1)
            let board = try await t.board.find(JobQuery(text: "保安"), page: Paging())
            #expect(board.items.map(\.posting.title) == ["保安员（夜班）"])
            #expect(try await t.board.find(JobQuery(text: "辅警"), page: Paging()).total == 0)
            // The same pages again change nothing.
            let again = try await t.exchange.apply(pages, from: "shaanxi-node", next: 4)
            #expect(again.created == 0 && again.updated == 0 && again.removed == 0 && again.skipped["not_newer"] == 4)
            // Copies take their change numbers and ids in the sender's order, whatever the order within a page.
            let shuffled = [(9, "sx-c"), (5, "sx-b"), (7, "sx-x"), (6, "sx-a")].map { seq, id in
                shaanxiRecord(id, title: "电工", occupation: "6-31-01-03", employer: "山阳劳务公司", seq: Int64(seq))
            }
            #expect(try await t.exchange.apply(shuffled, from: "shaanxi-node", next: 9, origins: ["shaanxi"]).created == 4)
            let rows = try await (t.app.db as! any SQLDatabase).raw(
                "SELECT origin_id, id FROM job_postings WHERE origin_id IN ('sx-a', 'sx-b', 'sx-c', 'sx-x') ORDER BY change_seq").all()
            #expect(try rows.map { try $0.decode(column: "origin_id", as: String.self) } == ["sx-b", "sx-a", "sx-x", "sx-c"])
            let ids = try rows.map { try $0.decode(column: "id", as: UUID.self).uuidString }
            #expect(ids == ids.sorted())
        }
    }

    @Test("a hand-over file: malformed records are skipped with their reason, the rest applied, and a repeat changes nothing",
          arguments: TestDatabase.withAndWithoutFastPath)
    func fileSync(database: TestDatabase, fastPath: Bool) async throws {
        try await withTestApp(database, platform: "jiangsu", settings: { $0.sqliteFastPath = fastPath }) { t in
            // The variant runs as named: the process's own SQLite connections only on an SQLite file with the fast path.
            #expect((t.app.sqliteWriter != nil) == (fastPath && t.sqlitePath != nil))
            var good = shaanxiRecord("sx-1", title: "辅警（山阳辅警）", occupation: "3-02-02-02", employer: "山阳县公安局", seq: 1)
            good.wageMinFen = 350_000
            good.wageMaxFen = 450_000
            good.ageMin = 18
            var badCode = good
            badCode.originId = "sx-2"
            badCode.hiringOrganization?.taxID = "111111111111111111"
            var own = good
            own.originPlatform = "jiangsu"
            own.originId = "js-9"
            var stale = good
            stale.originVersion = 5
            let encoder = JSONEncoder()
            let goodLine = String(decoding: try encoder.encode(good), as: UTF8.self)
            // A wrong type in an informative field is ignored; in a required one it is a reason to skip.
            let oddSalary = goodLine.replacingOccurrences(of: #""xiezuo:originId":"sx-1""#, with: #""xiezuo:originId":"sx-3""#)
                .replacingOccurrences(of: "{", with: #"{"baseSalary":{"value":{"minValue":"三千"}},"#, options: [], range: goodLine.startIndex..<goodLine.index(after: goodLine.startIndex))
            let badWage = goodLine.replacingOccurrences(of: #""xiezuo:originId":"sx-1""#, with: #""xiezuo:originId":"sx-4""#)
                .replacingOccurrences(of: #""xiezuo:wageMinFen":350000"#, with: #""xiezuo:wageMinFen":"a lot""#)
            let lines = try [good, badCode, own].map { String(decoding: try encoder.encode($0), as: UTF8.self) }
                + ["{not json", "", String(decoding: try encoder.encode(stale), as: UTF8.self), oddSalary, badWage]
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID()).jsonl").path
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }

            // Two records a transaction: the stale version meets the good one in an earlier batch.
            let output = try await t.run(["sync", "--file", path, "--per-commit", "2"]).joined(separator: "\n")
            #expect(output.contains("新增 2"))
            #expect(output.contains("hiringOrganization.taxID"))
            #expect(output.contains("required:wageMin"))
            #expect(output.contains("own_origin"))
            #expect(output.contains("malformed_json"))
            #expect(output.contains("not_newer"))
            #expect(try await t.count("job_postings") == 2)
            // The operator's log says what was skipped, in the command line's language.
            var logged: [String] = []
            _ = try await FileSync(application: t.app, path: path).run(progress: { _ in }) { logged.append($0) }
            #expect(logged.contains("跳过第 4 行：malformed_json"), "\(logged)")
            #expect(logged.contains("跳过 jiangsu/js-9：own_origin"), "\(logged)")
            let board = try await t.board.find(JobQuery(text: "辅警"), page: Paging())
            #expect(board.items.first?.posting.origin.platform == "shaanxi")
            // Received postings are read-only here.
            let received = try #require(board.items.first?.posting)
            // Copies written by the sync are stored as the ORM stores a local posting: time-ordered UUIDs, no
            // employer here, SQLite's types as its encoder gives them.
            let copies = try await (t.app.db as! any SQLDatabase).raw("SELECT id, origin_id FROM job_postings ORDER BY origin_id").all()
            #expect(try copies.map { try $0.decode(column: "origin_id", as: String.self) } == ["sx-1", "sx-3"])
            #expect(try copies.allSatisfy { try $0.decode(column: "id", as: UUID.self).timeOrderedDate != nil })
            if case .sqlite = database {
                let types = try await (t.app.db as! any SQLDatabase).raw("""
                    SELECT DISTINCT typeof(id) || ' ' || typeof(employer_id) || ' ' || typeof(wage_min) || ' ' || typeof(age_min)
                        || ' ' || typeof(posted_at) || ' ' || typeof(created_at) || ' ' || typeof(change_seq) AS types FROM job_postings
                    """).all().map { try $0.decode(column: "types", as: String.self) }
                #expect(types == ["text null integer integer real real integer"])
            }
            await #expect(throws: DomainError.self) { try await t.jobs.move(received.id, to: .withdrawn, by: try await t.principal("admin")) }
            // A source that cannot be used is a localised error that changes nothing.
            do {
                _ = try await t.run(["sync", "--from", "ftp://example.org", "--token", "xz_x"])
                Issue.record("an ftp URL was accepted")
            } catch {
                #expect(String(describing: error).contains("不是 http(s) 地址：ftp://example.org"))
            }
            do {
                _ = try await t.run(["sync", "--from", "http://127.0.0.1:1", "--token", "xz_x", "--per-commit", "0"])
                Issue.record("--per-commit 0 was accepted")
            } catch {
                #expect(String(describing: error).contains("--per-commit 须在 1 到 1000000 之间"))
            }
            let again = try await t.run(["sync", "--file", path]).joined(separator: "\n")
            #expect(again.contains("新增 0"))
            #expect(try await t.count("job_postings") == 2)
        }
    }

    @Test("two nodes converge: edits and withdrawals both ways, a cut connection mid-page, no duplicate, no lost update",
          arguments: TestDatabase.withAndWithoutFastPath)
    func twoNodesConverge(database: TestDatabase, fastPath: Bool) async throws {
        try await withTestApp(database, platform: "shaanxi", settings: { $0.sqliteFastPath = fastPath }) { sx in
            try await withTestApp(database, platform: "jiangsu", settings: { $0.sqliteFastPath = fastPath }) { js in
                let sxPort = try await sx.startServer()
                let jsPort = try await js.startServer()
                let relay = try await FlakyRelay.start(target: sxPort)
                let sxToken = try await partnerToken(sx)
                let jsToken = try await partnerToken(js)
                func jsPulls(via url: String, _ extra: [String] = []) async throws -> String {
                    try await js.run(["sync", "--from", url, "--token", sxToken, "--partner", "shaanxi"] + extra).joined(separator: "\n")
                }
                func sxPulls() async throws -> String {
                    try await sx.run(["sync", "--from", "http://127.0.0.1:\(jsPort)", "--token", jsToken]).joined(separator: "\n")
                }
                do {
                    let sxAdmin = try await sx.principal("admin")
                    let jsAdmin = try await js.principal("admin")
                    let shanyang = try await sx.employers.create(sampleEmployer(1, region: "611024", name: "山阳劳务公司"), by: sxAdmin)
                    let nanjing = try await js.employers.create(sampleEmployer(2, name: "南京电子厂"), by: jsAdmin)
                    // The same employer registered on both platforms posts the same job on both.
                    let sameOnSX = try await sx.employers.create(sampleEmployer(3, name: "高淳餐饮集团"), by: sxAdmin)
                    let sameOnJS = try await js.employers.create(sampleEmployer(3, name: "高淳餐饮集团"), by: jsAdmin)
                    var sxJobs: [JobPosting] = []
                    for title in ["保安员", "辅警", "家政服务员", "养老护理员", "快递员"] {
                        sxJobs.append(try await sx.jobs.create(sampleJob(title, county: "611024", occupation: "4-07-05-01"), employerID: shanyang.id, by: sxAdmin))
                    }
                    var jsJobs: [JobPosting] = []
                    for title in ["电子厂普工", "焊工", "电工", "包装工"] {
                        jsJobs.append(try await js.jobs.create(sampleJob(title, occupation: "6-25-04-07"), employerID: nanjing.id, by: jsAdmin))
                    }
                    _ = try await sx.jobs.create(sampleJob("中式烹调师（丹凤厨工）"), employerID: sameOnSX.id, by: sxAdmin)
                    _ = try await js.jobs.create(sampleJob("中式烹调师 丹凤厨工"), employerID: sameOnJS.id, by: jsAdmin)

                    // Round 1, both ways.
                    #expect(try await jsPulls(via: "http://127.0.0.1:\(sxPort)").contains("新增 6"))
                    #expect(try await sxPulls().contains("新增 5"))

                    // Edits, a withdrawal and a filled posting on both sides; round 2.
                    var edited = JobDraft(sxJobs[0])
                    edited.title = "保安员（夜班）"
                    _ = try await sx.jobs.update(sxJobs[0].id, with: edited, by: sxAdmin)
                    _ = try await sx.jobs.move(sxJobs[1].id, to: .withdrawn, by: sxAdmin)
                    var raised = JobDraft(jsJobs[0])
                    raised.wageMax = 900_000
                    _ = try await js.jobs.update(jsJobs[0].id, with: raised, by: jsAdmin)
                    _ = try await js.jobs.move(jsJobs[1].id, to: .filled, by: jsAdmin)
                    #expect(try await jsPulls(via: "http://127.0.0.1:\(sxPort)").contains("更新 1，下架 1"))
                    _ = try await sxPulls()

                    // More changes, then a sync through a connection that is cut in the middle of a page.
                    edited.title = "保安员（白班）"
                    _ = try await sx.jobs.update(sxJobs[0].id, with: edited, by: sxAdmin)
                    _ = try await sx.jobs.move(sxJobs[2].id, to: .withdrawn, by: sxAdmin)
                    for title in ["月嫂", "修脚师（紫阳修脚师）", "缝纫工"] {
                        _ = try await sx.jobs.create(sampleJob(title, county: "611024", occupation: "4-10-01-06"), employerID: shanyang.id, by: sxAdmin)
                    }
                    relay.cutNext(1)
                    // Pages of two, written in groups of at least three records (two pages a transaction).
                    let cut = try await jsPulls(via: "http://127.0.0.1:\(relay.port)",
                                                ["--limit", "2", "--per-commit", "3", "--retries", "4", "--backoff-ms", "10"])
                    #expect(cut.contains("新增 3"))
                    #expect(relay.requests >= 4, "paged in twos, with one retry")
                    // A sync that gives up part-way leaves a consistent state and the next one finishes the job.
                    _ = try await sx.jobs.create(sampleJob("网约配送员", county: "611024", occupation: "4-10-08-01"), employerID: shanyang.id, by: sxAdmin)
                    relay.cutNext(10)
                    await #expect(throws: (any Error).self) {
                        _ = try await jsPulls(via: "http://127.0.0.1:\(relay.port)", ["--retries", "2", "--backoff-ms", "10"])
                    }
                    relay.cutNext(0)
                    // A page that arrives whole but is not JSON is fetched again.
                    relay.garbleNext(1)
                    let served = relay.requests
                    #expect(try await jsPulls(via: "http://127.0.0.1:\(relay.port)", ["--retries", "3", "--backoff-ms", "10"]).contains("新增 1"))
                    #expect(relay.requests == served + 2, "the garbled page and its second fetch")
                    // `--retries` counts every fetch of a page, the first included.
                    relay.garbleNext(10)
                    let beforeGarbled = relay.requests
                    await #expect(throws: (any Error).self) {
                        _ = try await jsPulls(via: "http://127.0.0.1:\(relay.port)", ["--retries", "2", "--backoff-ms", "10"])
                    }
                    #expect(relay.requests == beforeGarbled + 2)
                    relay.garbleNext(0)

                    // A sender whose next-page headers disagree with its pages: the pages win (trusting the headers
                    // would end the sync at an empty page after the first). One without them is read page by page.
                    for title in ["电焊工", "汽修工", "叉车司机"] {
                        _ = try await sx.jobs.create(sampleJob(title, county: "611024", occupation: "6-25-04-07"), employerID: shanyang.id, by: sxAdmin)
                    }
                    relay.setHints(.mislead)
                    let misled = relay.requests
                    #expect(try await jsPulls(via: "http://127.0.0.1:\(relay.port)", ["--limit", "1"]).contains("新增 3"))
                    #expect(relay.requests > misled + 4, "three pages, the empty one that ends the feed, and dropped prefetches")
                    relay.setHints(.strip)
                    for title in ["面点师", "茶艺师"] {
                        _ = try await sx.jobs.create(sampleJob(title, county: "611024", occupation: "4-03-02-02"), employerID: shanyang.id, by: sxAdmin)
                    }
                    #expect(try await jsPulls(via: "http://127.0.0.1:\(relay.port)", ["--limit", "1"]).contains("新增 2"))
                    relay.setHints(.pass)

                    // Final round both ways, twice: nothing more changes.
                    _ = try await sxPulls()
                    _ = try await jsPulls(via: "http://127.0.0.1:\(sxPort)")
                    #expect(try await sxPulls().contains("收到 0"))
                    #expect(try await jsPulls(via: "http://127.0.0.1:\(sxPort)").contains("收到 0"))

                    let sxHoldings = try await holdings(sx)
                    let jsHoldings = try await holdings(js)
                    #expect(sxHoldings == jsHoldings)
                    #expect(sxHoldings.count == 20)
                    #expect(Set(sxHoldings).count == sxHoldings.count)
                    #expect(jsHoldings.contains { $0.contains("|open|保安员（白班）|") })
                    #expect(jsHoldings.filter { $0.contains("|withdrawn|") }.count == 2)
                    #expect(sxHoldings.contains { $0.hasPrefix("jiangsu|") && $0.contains("|filled|焊工|") })
                    // The job posted on both platforms shows once, with both origins, on both nodes.
                    for node in [sx, js] {
                        let cooks = try await node.board.find(JobQuery(text: "丹凤厨工"), page: Paging())
                        #expect(cooks.total == 1)
                        #expect(Set(cooks.items.first?.origins.map(\.platform) ?? []) == ["shaanxi", "jiangsu"])
                    }
                } catch {
                    Issue.record(error)
                }
                try await relay.stop()
                await js.stopServer()
                await sx.stopServer()
            }
        }
    }
}
