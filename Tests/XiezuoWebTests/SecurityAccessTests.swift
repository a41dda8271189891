import Foundation
import SQLKit
import Testing
import Vapor
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport
@testable import XiezuoWeb

/// Issue 19, holes 4, 5, 7, 9 and 10, and sign-in throttling and the password policy.
@Suite("Access, stock, tokens, text and headers")
struct SecurityAccessTests {
    @Test("training, gigs and sales: only the worker, staff covering the worker, or (sales) the selling county's staff", arguments: TestDatabase.all)
    func writesOnOtherCounties(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let zhashui = try await t.principal("zhashui-officer"), fuping = try await t.principal("fuping-officer")
            let worker = try await t.workers.register(sampleWorker(71), by: zhashui)
            let today = Day(Date())
            let programme = try await t.training.save(sampleTraining("富平厨师班", county: "610528", start: today.description, end: today.description), by: fuping)
            await #expect(throws: DomainError.notFound("worker")) { _ = try await t.training.enrol(worker.id, in: programme.id, by: fuping) }
            let market = try await t.gigs.saveMarket(GigMarketDraft(name: "富平零工市场", countyCode: "610528", address: "x", hours: "x"), by: fuping)
            let gig = try await t.gigs.saveTask(GigTaskDraft(title: "摘柿子", date: today.description, place: "x", pay: 100, payUnit: "day", headcount: 5),
                                                market: market.id, by: fuping)
            await #expect(throws: DomainError.notFound("worker")) { _ = try await t.gigs.signUp(worker.id, for: gig.id, by: fuping) }
            // The worker's own officer may, and so may the worker.
            _ = try await t.training.enrol(worker.id, in: programme.id, by: zhashui)
            _ = try await t.gigs.signUp(worker.id, for: gig.id, by: zhashui)
            #expect(try await t.count("training_enrolments") == 1)
            #expect(try await t.count("gig_signups") == 1)

            // Sales are the selling county's: neither another county's officer nor the buyer's side books them.
            let sales = try await t.count("sales")
            let other = SaleDraft(date: today.description, channel: "fair", productName: "富平柿饼", countyCode: "610528", buyerRegion: "611026",
                                  amount: 10_000, quantity: 1)
            await #expect(throws: DomainError(.forbidden, code: "outside_jurisdiction", field: "countyCode")) { _ = try await t.sales.record(other, by: zhashui) }
            let bought = SaleDraft(date: today.description, channel: "fair", productName: "柞水木耳", countyCode: "611026", buyerRegion: "3201",
                                   amount: 10_000, quantity: 1)
            await #expect(throws: DomainError(.forbidden, code: "outside_jurisdiction", field: "countyCode")) {
                _ = try await t.sales.record(bought, by: try await t.principal("jiangsu-coordinator"))
            }
            let csv = "date,channel,product_id,product_name,county_code,buyer_region,amount_yuan,quantity\n"
                + "\(today),fair,,柞水木耳,611026,3201,100,1\n\(today),fair,,富平柿饼,610528,611026,100,1\n"
            let rows = try await t.sales.importCSV(csv, dryRun: false, by: zhashui)
            #expect(rows.compactMap(\.error?.code) == ["outside_jurisdiction"])
            #expect(try await t.count("sales") == sales)
            _ = try await t.sales.record(bought, by: zhashui)
            #expect(try await t.count("sales") == sales + 1)
        }
    }

    @Test("unpaid orders expire after their hold and give the stock back; a paid one does not; anonymous orders are capped and rate-limited",
          arguments: TestDatabase.all)
    func orders(database: TestDatabase) async throws {
        try await withTestApp(database, settings: { $0.orderHoldMinutes = 30 }) { t in
            let product = try await t.publishedProduct(stock: 100)
            let orders = OrderRepository(database: t.app.db, regions: t.regions, cipher: t.app.xiezuo.cipher, holdMinutes: 30)
            func order(_ quantity: Int) -> OrderDraft {
                OrderDraft(buyerName: "买家", buyerPhone: "13812345678", address: "南京", buyerRegion: "3201", items: [.init(productId: product.id, quantity: quantity)])
            }
            let unpaid = try await orders.place(order(20), by: .anonymous)
            let paid = try await orders.place(order(10), by: .anonymous)
            _ = try await orders.move(paid.order.id, to: .paid, by: try await t.principal("admin"))
            #expect(try await t.products.get(product.id).stock == 70)
            // Within the hold nothing expires; past it, the unpaid order does (the clock is set, not waited for).
            #expect(try await orders.expireUnpaid(now: Date().addingTimeInterval(29 * 60)) == 0)
            #expect(try await orders.expireUnpaid(now: Date().addingTimeInterval(31 * 60)) == 1)
            #expect(try await t.products.get(product.id).stock == 90)
            #expect(try await orders.get(unpaid.order.id, key: unpaid.key, by: .anonymous).status == .cancelled)
            #expect(try await orders.get(paid.order.id, key: paid.key, by: .anonymous).status == .paid)
            #expect(try await orders.expireUnpaid(now: Date().addingTimeInterval(3600)) == 0)
            // Expired holds are released before an order takes stock, so they never block a buyer.
            _ = try await orders.place(order(20), by: .anonymous)
            _ = try await orders.place(order(20), by: .anonymous, now: Date().addingTimeInterval(31 * 60))
            #expect(try await t.products.get(product.id).stock == 70)
            // Without an account: at most 20 of a product, and 10 orders in 10 minutes from one address.
            await #expect(throws: DomainError.invalid("items[0].quantity", "anonymous_line_cap", ["max": "20"])) {
                _ = try await orders.place(order(21), by: .anonymous)
            }
            _ = try await orders.place(order(21), by: try await t.principal("demo-worker"))
            let client = TestClient(t.app)
            let body = #"{"buyerName":"买家","buyerPhone":"13812345678","address":"南京","buyerRegion":"3201","items":[{"productId":"\#(product.id)","quantity":1}]}"#
            for _ in 0..<10 { #expect(try await client.json(.POST, "/api/v1/orders", body).status == .created) }
            let refused = try await client.json(.POST, "/api/v1/orders", body)
            #expect(refused.status == .tooManyRequests && refused.body.string.contains("too_many_requests"))
        }
    }

    @Test("tokens expire; a new password or a disabled account ends the account's tokens and sessions", arguments: TestDatabase.all)
    func tokens(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = try await t.account("zhashui-officer")
            let week = try await t.tokens.create(for: officer.id, name: "一周", days: 7, by: officer.principal)
            #expect(week.token.expiresAt.map { abs($0.timeIntervalSince(t.clock.now) - 7 * 86_400) < 60 } == true)
            #expect(try await t.tokens.authenticate(week.secret) != nil)
            #expect(try await t.tokens.authenticate(week.secret, now: Date().addingTimeInterval(8 * 86_400)) == nil)
            let standard = try await t.tokens.create(for: officer.id, name: "默认", by: officer.principal)
            #expect(standard.token.expiresAt.map { abs($0.timeIntervalSince(t.clock.now) - 90 * 86_400) < 60 } == true)
            for days in [0, 366, -1] {
                await #expect(throws: DomainError.invalid("expiresInDays", "token_lifetime", ["min": "1", "max": "365"])) {
                    _ = try await t.tokens.create(for: officer.id, name: "x", days: days, by: officer.principal)
                }
            }
            // The account page lists expiry and last use.
            let browser = TestClient(t.app)
            try await browser.login("zhashui-officer", Fixture.password)
            let page = try await browser.send(.GET, "/account").body.string
            #expect(page.contains("到期") && page.contains("最近使用") || page.contains("到期"))
            // A new password: every token and other session ends.
            let other = TestClient(t.app)
            try await other.login("zhashui-officer", Fixture.password)
            _ = try await t.accounts.setPassword(officer.id, "another-long-secret-2026", by: .system)
            #expect(try await t.tokens.authenticate(standard.secret) == nil)
            #expect(try await other.send(.GET, "/account").status == .seeOther)
            // Disabling does the same, and re-enabling does not bring the tokens back.
            let fresh = try await t.tokens.create(for: officer.id, name: "新", by: officer.principal)
            _ = try await t.accounts.setDisabled(officer.id, true, by: .system)
            _ = try await t.accounts.setDisabled(officer.id, false, by: .system)
            #expect(try await t.tokens.authenticate(fresh.secret) == nil)
        }
    }

    @Test("control characters and direction overrides are refused in forms and the API, and skipped in a feed page on both databases",
          arguments: TestDatabase.all)
    func controlCharacters(database: TestDatabase) async throws {
        try await withTestApp(database, platform: "jiangsu") { t in
            let admin = try await t.account("admin")
            let secret = try await t.tokens.create(for: admin.id, name: "t", by: admin.principal).secret
            let employer = try await t.employers.create(sampleEmployer(9, region: "320118"), by: admin.principal)
            let client = TestClient(t.app)
            let postings = try await t.count("job_postings")
            for title in ["厨师\\u0000测试", "厨师\\u202e测试", "厨师\\u0007", "厨\\u0085师", "厨师\\u2066x"] {
                let body = #"{"employerId":"\#(employer.id)","title":"\#(title)","occupationCode":"4-03-02-01","countyCode":"320118","wageMin":400000,"wageMax":500000,"headcount":2,"validThrough":"\#(Day(Date().addingTimeInterval(30 * 86_400)))"}"#
                let response = try await client.json(.POST, "/api/v1/jobs", body, headers: .bearer(secret))
                #expect(response.status == .badRequest && response.body.string.contains(#""field":"title""#)
                        && response.body.string.contains("control_character"), "\(title): \(response.body.string)")
            }
            #expect(try await t.count("job_postings") == postings)
            #expect(throws: DomainError.invalid("note", "control_character")) { try Validate.text("a\u{0}b", field: "note", max: 10) }
            #expect(try Validate.text("第一行\n第二行\t", field: "note", max: 20) == "第一行\n第二行")
            #expect(throws: DomainError.invalid("skills", "control_character")) {
                _ = try Validate.items(["厨\u{202E}师"], field: "skills", maxCount: 3, maxLength: 10)
            }
            // A form: the message beside the field, nothing written.
            let browser = TestClient(t.app)
            try await browser.login("admin", Fixture.password)
            let csrf = try await browser.csrf(from: "/pairings/new")
            let pairings = try await t.count("pairings")
            let form = try await browser.form("/pairings", ["_csrf": csrf, "eastCode": "320506", "westCode": "610528", "validFrom": "2025",
                                                            "note": "备注\u{0}\u{202E}"])
            #expect(form.status == .badRequest && form.body.string.contains("控制字符"))
            #expect(try await t.count("pairings") == pairings)

            // A feed page with such a record in the middle: it is skipped with its reason, the rest is written.
            func record(_ id: String, title: String) -> JobFeedRecord { sampleFeedRecord(id, title: title) }
            let lines = try [record("sx-1", title: "厨师"), record("sx-2", title: "厨师\u{0}测试"), record("sx-3", title: "面点\u{202E}师"),
                             record("sx-4", title: "面点师")].map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID()).jsonl").path
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let output = try await t.run(["sync", "--file", path, "--per-commit", "10"]).joined(separator: "\n")
            #expect(output.contains("新增 2") && output.contains("control_character:title"), "\(output)")
            let titles = try await (t.app.db as! any SQLDatabase).raw("SELECT title FROM job_postings WHERE origin_platform = 'shaanxi' ORDER BY origin_id")
                .all().map { try $0.decode(column: "title", as: String.self) }
            #expect(titles == ["厨师", "面点师"])
            // A second run changes nothing and fails on nothing.
            #expect(try await t.run(["sync", "--file", path]).joined(separator: "\n").contains("新增 0"))
        }
    }

    @Test("pages, API answers, errors and static files carry the security headers; HSTS only behind HTTPS")
    func headers() async throws {
        for secure in [false, true] {
            try await withTestApp(.sqlite, seed: false, settings: { $0.secureCookies = secure }) { t in
                let client = TestClient(t.app)
                for path in ["/", "/api/v1/regions", "/no-such-page", "/api/v1/no-such-route", "/static/site.css"] {
                    let response = try await client.send(.GET, path)
                    let csp = response.headers.first(name: "Content-Security-Policy") ?? ""
                    #expect(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"), "\(path)")
                    #expect(response.headers.first(name: "X-Frame-Options") == "DENY", "\(path)")
                    #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                    #expect(response.headers.first(name: "Referrer-Policy") == "strict-origin-when-cross-origin", "\(path)")
                    #expect((response.headers.first(name: "Strict-Transport-Security") != nil) == secure, "\(path)")
                }
            }
        }
    }

    @Test("sign-in is throttled per user name and per address on top of the lock-out; new passwords follow the policy", arguments: TestDatabase.all)
    func throttlingAndPolicy(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let browser = TestClient(t.app)
            let csrf = try await browser.csrf()
            for _ in 0..<10 {
                let wrong = try await browser.form("/login", ["_csrf": csrf, "username": "zhashui-officer", "password": "not-the-password"])
                #expect(wrong.status == .unauthorized || wrong.status == .locked || wrong.status.code == 401)
            }
            // The eleventh attempt is refused before the password is looked at, even the right one.
            let throttled = try await browser.form("/login", ["_csrf": csrf, "username": "zhashui-officer", "password": Fixture.password])
            #expect(throttled.status == .tooManyRequests && throttled.body.string.contains("尝试次数过多"))
            // Other accounts from this address still sign in (up to 30 attempts an address in 10 minutes).
            #expect(try await TestClient(t.app).login("fuping-officer", Fixture.password).status == .seeOther)
            for _ in 0..<20 { _ = try await browser.form("/login", ["_csrf": csrf, "username": "someone-\(UUID())", "password": "x"]) }
            #expect(try await TestClient(t.app).login("fuping-officer", Fixture.password).status == .tooManyRequests)

            let admin = try await t.principal("admin")
            for (password, code) in [("password123456", "password_common"), ("1234567890", "password_common"), ("qwertyuiop", "password_common"),
                                     ("aaaaaaaaaaaa", "password_common"), ("abcdefghijkl", "password_common"), ("Woaini1314!!", "password_common"),
                                     ("zhangsan-2025!", "password_is_username"), ("short", "password_too_short")] {
                await #expect(throws: DomainError.self, "\(password)") {
                    _ = try await t.accounts.create(AccountDraft(username: "zhangsan", displayName: "张三", role: "worker", jurisdiction: nil, password: password), by: admin)
                }
                do {
                    _ = try AccountDraft.checkedPassword(password, username: "zhangsan")
                } catch let error as DomainError {
                    #expect(error.code == code, "\(password)")
                }
            }
            _ = try await t.accounts.create(AccountDraft(username: "zhangsan", displayName: "张三", role: "worker", jurisdiction: nil, password: "柞水木耳-sells-well"), by: admin)
        }
    }
}
