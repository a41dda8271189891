import Fluent
import Foundation
import Testing
import Vapor
import XiezuoCore
import XiezuoTestSupport
@testable import XiezuoWeb

@Suite("Sign-in, sessions, CSRF and tokens")
struct AuthTests {
    @Test("signing in sets an HttpOnly, SameSite=Lax session cookie and opens staff pages", arguments: TestDatabase.all)
    func signIn(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let browser = TestClient(t.app)
            let response = try await browser.login("shaanxi-coordinator", Fixture.password)
            #expect(response.status == .seeOther)
            let cookie = response.headers[.setCookie].first { $0.hasPrefix("xiezuo_session=") } ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            let users = try await browser.send(.GET, "/admin/users")
            #expect(users.status == .ok)
            #expect(users.body.string.contains("zhashui-officer"))
            // Signing out ends the session.
            let csrf = try await browser.csrf(from: "/account")
            try await browser.form("/logout", ["_csrf": csrf])
            #expect(try await browser.send(.GET, "/admin/users").status == .seeOther)
        }
    }

    @Test("sessions whose cookie has expired are deleted; a session in use is kept, signed in or not", arguments: TestDatabase.all)
    func purgeSessions(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            // Three visitors: two open the sign-in page (each gets a session for its CSRF token), one signs in.
            let returning = TestClient(t.app), gone = TestClient(t.app), staff = TestClient(t.app)
            #expect(try await returning.send(.GET, "/login").status == .ok)
            #expect(try await gone.send(.GET, "/login").status == .ok)
            #expect(try await staff.login("shaanxi-coordinator", Fixture.password).status == .seeOther)
            let stamps = try await SessionRecord.query(on: t.app.db).all().map { $0.data[SessionSetup.seenKey].flatMap(Double.init) }
            #expect(stamps.count == 3 && stamps.allSatisfy { $0 != nil })
            // Stamps are whole seconds: the app's clock moves on two seconds (nothing waits), and the cutoff is between.
            let last = stamps.compactMap { $0 }.max() ?? 0
            t.clock.set(Date(timeIntervalSince1970: last + 2))
            let cutoff = Date(timeIntervalSince1970: last + 1)
            // Two come back after the cutoff: their sessions are stored again, with a new stamp.
            #expect(try await returning.send(.GET, "/jobs").status == .ok)
            #expect(try await staff.send(.GET, "/admin/users").status == .ok)
            #expect(try await SessionSetup.purge(on: t.app.db, seenBefore: cutoff) == 1)
            #expect(try await t.count("_fluent_sessions") == 2)
            #expect(try await staff.send(.GET, "/admin/users").status == .ok)
            // Once nothing is newer than the cutoff, every session goes, and a deleted one no longer signs anyone in.
            #expect(try await SessionSetup.purge(on: t.app.db, seenBefore: t.clock.now.addingTimeInterval(60)) == 2)
            #expect(try await staff.send(.GET, "/admin/users").status == .seeOther)
        }
    }

    @Test("a wrong password is refused with a message, and the fifth failure locks the account", arguments: TestDatabase.all)
    func failureAndLockOut(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let browser = TestClient(t.app)
            for _ in 1...4 {
                let failed = try await browser.login("zhashui-officer", "wrong-password")
                #expect(failed.status == .unauthorized)
                #expect(failed.body.string.contains("用户名或密码不正确"))
            }
            let fifth = try await browser.login("zhashui-officer", "wrong-password")
            #expect(fifth.body.string.contains("已锁定"))
            let right = try await browser.login("zhashui-officer", Fixture.password)
            #expect(right.status == .unauthorized)
            #expect(right.body.string.contains("已锁定"))
            #expect(try await browser.send(.GET, "/account").status == .seeOther)
        }
    }

    @Test("forms without the session's CSRF token are refused and change nothing", arguments: TestDatabase.all)
    func csrf(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let browser = TestClient(t.app)
            _ = try await browser.send(.GET, "/login")
            let noToken = try await browser.form("/login", ["username": "admin", "password": Fixture.password])
            #expect(noToken.status == .forbidden)
            try await browser.login("admin", Fixture.password)
            let pairingsBefore = try await t.count("pairings")
            let forged = try await browser.form("/pairings", ["_csrf": "forged", "eastCode": "320506", "westCode": "610528", "validFrom": "2025"])
            #expect(forged.status == .forbidden)
            // A JSON call riding on the session cookie needs the token too.
            let json = #"{"eastCode":"320506","westCode":"610528","validFrom":2025}"#
            #expect(try await browser.json(.POST, "/api/v1/pairings", json).status == .forbidden)
            #expect(try await t.count("pairings") == pairingsBefore)
            let token = try await browser.csrf(from: "/account")
            #expect(try await browser.json(.POST, "/api/v1/pairings", json, headers: ["X-CSRF-Token": token]).status == .created)
            #expect(try await t.count("pairings") == pairingsBefore + 1)
        }
    }

    @Test("bearer tokens authenticate API calls until revoked", arguments: TestDatabase.all)
    func tokens(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let client = TestClient(t.app)
            let partner = try await t.account("demo-partner")
            let issued = try await t.tokens.create(for: partner.id, name: "sync", by: partner.principal)
            let me = try await client.send(.GET, "/api/v1/me", headers: .bearer(issued.secret))
            #expect(me.status == .ok)
            #expect(me.body.string.contains("\"username\":\"demo-partner\""))
            // A token can neither issue another token nor change its owner's password.
            let minted = try await client.json(.POST, "/api/v1/tokens", #"{"name":"second"}"#, headers: .bearer(issued.secret))
            #expect(minted.status == .forbidden)
            #expect(minted.body.string.contains("\"code\":\"token_not_allowed\""))
            let password = try await client.json(.PATCH, "/api/v1/users/\(partner.id)",
                                                 #"{"password":"taken-over-123","currentPassword":"x"}"#, headers: .bearer(issued.secret))
            #expect(password.status == .forbidden)
            #expect(try await t.count("api_tokens") == 1)
            let listed = try await client.send(.GET, "/api/v1/tokens", headers: .bearer(issued.secret))
            #expect(!listed.body.string.contains("secret"))
            #expect(!listed.body.string.contains(issued.secret))
            let revoked = try await client.send(.DELETE, "/api/v1/tokens/\(issued.token.id)", headers: .bearer(issued.secret))
            #expect(revoked.status == .ok)
            let after = try await client.send(.GET, "/api/v1/me", headers: .bearer(issued.secret))
            #expect(after.status == .unauthorized)
            #expect(after.body.string.contains("\"code\":\"invalid_token\""))
            #expect(try await client.send(.GET, "/api/v1/me").status == .unauthorized)
        }
    }

    @Test("sign-in starts a new session id, and a password change ends the account's other sessions", arguments: TestDatabase.all)
    func sessionLifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let laptop = TestClient(t.app)
            _ = try await laptop.csrf()
            let anonymousID = laptop.cookies["xiezuo_session"]
            #expect(anonymousID != nil)
            try await laptop.login("zhashui-officer", Fixture.password)
            #expect(laptop.cookies["xiezuo_session"] != anonymousID)
            let phone = TestClient(t.app)
            try await phone.login("zhashui-officer", Fixture.password)
            #expect(try await phone.send(.GET, "/account").status == .ok)

            // A wrong current password changes nothing.
            var csrf = try await laptop.csrf(from: "/account")
            let wrong = try await laptop.form("/account/password", ["_csrf": csrf, "current": "not-it", "password": "a-new-password-1"])
            #expect(wrong.status == .badRequest)
            #expect(wrong.body.string.contains("当前密码不正确"))
            #expect(try await phone.send(.GET, "/account").status == .ok)

            csrf = try await laptop.csrf(from: "/account")
            let changed = try await laptop.form("/account/password", ["_csrf": csrf, "current": Fixture.password, "password": "a-new-password-1"])
            #expect(changed.status == .ok)
            #expect(try await laptop.send(.GET, "/account").status == .ok)
            #expect(try await phone.send(.GET, "/account").status == .seeOther)
            #expect(try await TestClient(t.app).login("zhashui-officer", "a-new-password-1").status == .seeOther)
        }
    }

    @Test("after sign-in and the language toggle only paths on this site are followed", arguments: [
        ("/pairings?year=2025", "/pairings?year=2025"), ("//evil.example", "/"), ("/\t/evil.example", "/"),
        ("/%09/evil.example", "/"), ("https://evil.example/", "/"), ("/\\evil.example", "/"), ("/%2F%2Fevil.example", "/"),
        ("javascript:alert(1)", "/"), ("", "/"),
    ])
    func safeRedirects(next: String, expected: String) {
        #expect(LoginController.safeNext(next) == expected)
    }
}
