import Foundation
import SQLKit
import Testing
import Vapor
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport
@testable import XiezuoWeb

@Suite("Second factor")
struct SecondFactorTests {
    @Test("RFC 6238's test vectors (SHA-1), and RFC 4648's base32")
    func vectors() {
        let secret = Array("12345678901234567890".utf8)
        for (time, code) in [(59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"), (1_234_567_890, "89005924"),
                             (2_000_000_000, "69279037"), (20_000_000_000, "65353130")] as [(Int64, String)] {
            #expect(TOTP.code(secret: secret, counter: time / 30, digits: 8) == code, "T = \(time)")
            #expect(TOTP.code(secret: secret, at: Date(timeIntervalSince1970: TimeInterval(time))) == String(code.suffix(6)))
        }
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.decode("mzxw6ytboi") == Array("foobar".utf8))
        #expect(Base32.decode("MZXW 6YTB OI==") == Array("foobar".utf8))
        #expect(Base32.decode("MZXW1") == nil)
        // A code from the step before or after counts (clocks drift); two steps away does not.
        let now = Date(timeIntervalSince1970: 1_234_567_890)
        #expect(TOTP.matchingCounter(TOTP.code(secret: secret, at: now.addingTimeInterval(-30)), secret: secret, at: now) != nil)
        #expect(TOTP.matchingCounter(TOTP.code(secret: secret, at: now.addingTimeInterval(60)), secret: secret, at: now) == nil)
        #expect(TOTP.provisioningURI(secret: secret, account: "shaanxi-coordinator")
                == "otpauth://totp/Xiezuo:shaanxi-coordinator?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Xiezuo&algorithm=SHA1&digits=6&period=30")
    }

    @Test("a coordinator without a second factor enrols before the sign-in completes; then signs in with codes and recovery codes through the forms",
          arguments: TestDatabase.all)
    func coordinatorJourney(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            _ = try await t.accounts.create(AccountDraft(username: "shangluo", displayName: "商洛市协作办", role: "coordinator", jurisdiction: "6110",
                                                         password: Fixture.password), by: .system)
            let browser = TestClient(t.app)
            var csrf = try await browser.csrf()
            var response = try await browser.form("/login", ["_csrf": csrf, "username": "shangluo", "password": Fixture.password, "next": "/dashboard"])
            #expect(response.headers.first(name: .location) == "/login/second-factor/setup")
            // The password alone signs nobody in.
            #expect(try await browser.send(.GET, "/account").status == .seeOther)
            let setup = try await browser.send(.GET, "/login/second-factor/setup").body.string
            #expect(setup.contains(#"src="data:image/svg+xml;base64,"#) && setup.contains("secret-key"))
            let secretText = try #require(setup.firstMatch(of: /class="secret-key">([A-Z2-7 ]+)</)).1
            let secret = try #require(Base32.decode(String(secretText)))
            // The QR code carries the same secret.
            let image = try #require(setup.firstMatch(of: /data:image\/svg\+xml;base64,([A-Za-z0-9+\/=]+)/)).1
            #expect(String(decoding: Data(base64Encoded: String(image))!, as: UTF8.self).hasPrefix("<svg"))
            csrf = try await browser.csrf(from: "/login/second-factor/setup")
            response = try await browser.form("/login/second-factor/setup", ["_csrf": csrf, "code": "000000"])
            #expect(response.status == .badRequest && response.body.string.contains("验证码不对"))
            response = try await browser.form("/login/second-factor/setup", ["_csrf": csrf, "code": TOTP.code(secret: secret, at: t.clock.now)])
            #expect(response.status == .ok)
            let codes = response.body.string.matches(of: /<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/).map { String($0.1) }
            #expect(codes.count == 10 && Set(codes).count == 10)
            #expect(try await browser.send(.GET, "/account").status == .ok)
            // Stored: the secret sealed, the recovery codes as digests.
            let row = try #require(try await (t.app.db as! any SQLDatabase).raw("SELECT totp_sealed, recovery_hashes FROM accounts WHERE username = 'shangluo'").first())
            #expect(try !row.decode(column: "totp_sealed", as: String.self).contains(Base32.encode(secret)))
            #expect(try !row.decode(column: "recovery_hashes", as: String.self).contains(codes[0]))

            // Next sign-in: the code, once.
            let phone = TestClient(t.app)
            csrf = try await phone.csrf()
            response = try await phone.form("/login", ["_csrf": csrf, "username": "shangluo", "password": Fixture.password, "next": "/dashboard"])
            #expect(response.headers.first(name: .location) == "/login/second-factor")
            csrf = try await phone.csrf(from: "/login/second-factor")
            response = try await phone.form("/login/second-factor", ["_csrf": csrf, "code": "123456"])
            #expect(response.status == .unauthorized)
            let code = TOTP.code(secret: secret, counter: TOTP.counter(at: t.clock.now) + 1)
            response = try await phone.form("/login/second-factor", ["_csrf": csrf, "code": code])
            #expect(response.status == .seeOther && response.headers.first(name: .location) == "/dashboard")
            // The same code again, elsewhere, is refused.
            let thief = TestClient(t.app)
            csrf = try await thief.csrf()
            _ = try await thief.form("/login", ["_csrf": csrf, "username": "shangluo", "password": Fixture.password])
            csrf = try await thief.csrf(from: "/login/second-factor")
            #expect(try await thief.form("/login/second-factor", ["_csrf": csrf, "code": code]).status == .unauthorized)
            // A recovery code works once.
            #expect(try await thief.form("/login/second-factor", ["_csrf": csrf, "code": codes[3].uppercased()]).status == .seeOther)
            let again = TestClient(t.app)
            csrf = try await again.csrf()
            _ = try await again.form("/login", ["_csrf": csrf, "username": "shangluo", "password": Fixture.password])
            csrf = try await again.csrf(from: "/login/second-factor")
            #expect(try await again.form("/login/second-factor", ["_csrf": csrf, "code": codes[3]]).status == .unauthorized)
            let used = try await t.audit.list(AuditFilter(entity: "account", action: "use_recovery_code"), by: .system).items
            #expect(used.count == 1 && used.first?.after?.contains(#""left":"9""#) == true)

            // A coordinator cannot turn it off; the command line resets a lost one and ends the sessions.
            csrf = try await browser.csrf(from: "/account/second-factor")
            response = try await browser.form("/account/second-factor/remove", ["_csrf": csrf, "password": Fixture.password,
                                                                                 "code": TOTP.code(secret: secret, counter: TOTP.counter(at: t.clock.now) + 1)])
            #expect(response.status == .badRequest && response.body.string.contains("不能关闭"))
            let output = try await t.run(["user", "reset-2fa", "shangluo"]).joined(separator: "\n")
            #expect(output.contains("已清除 shangluo 的第二重验证"))
            #expect(try await browser.send(.GET, "/account").status == .seeOther)
            csrf = try await browser.csrf()
            response = try await browser.form("/login", ["_csrf": csrf, "username": "shangluo", "password": Fixture.password])
            #expect(response.headers.first(name: .location) == "/login/second-factor/setup")
        }
    }

    @Test("an officer may turn a second factor on, and off again with the password and a code", arguments: TestDatabase.all)
    func optional(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let browser = TestClient(t.app)
            #expect(try await browser.login("zhashui-officer", Fixture.password).status == .seeOther)
            let enrolled = try await browser.enrol("zhashui-officer", at: "/account/second-factor")
            #expect(enrolled.status == .ok && enrolled.body.string.contains("恢复码"))
            let status = try await browser.send(.GET, "/account/second-factor").body.string
            #expect(status.contains("第二重验证已开启") && status.contains("还剩 10 个恢复码"))
            // Signing in now asks for the code; the test client answers it.
            let second = TestClient(t.app)
            #expect(try await second.login("zhashui-officer", Fixture.password, next: "/workers").headers.first(name: .location) == "/workers")
            let csrf = try await browser.csrf(from: "/account/second-factor")
            let wrong = try await browser.form("/account/second-factor/remove", ["_csrf": csrf, "password": "not-it", "code": "000000"])
            #expect(wrong.status == .badRequest)
            let officer = try await t.account("zhashui-officer")
            #expect(officer.secondFactorSince != nil)
            try await SecondFactorRepository(database: t.app.db, cipher: t.app.xiezuo.cipher).remove(officer.id, by: officer.principal)
            #expect(try await t.account("zhashui-officer").secondFactorSince == nil)
            #expect(try await TestClient(t.app).login("zhashui-officer", Fixture.password).headers.first(name: .location) == "/")
        }
    }
}
