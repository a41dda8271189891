import Foundation
import Testing
import Vapor
import XiezuoCore
import XiezuoTestSupport

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
            // The token issues another over the API; the secret appears once, in that response.
            let created = try await client.json(.POST, "/api/v1/tokens", #"{"name":"second"}"#, headers: .bearer(issued.secret))
            #expect(created.status == .created)
            #expect(created.body.string.contains("\"secret\":\"xz_"))
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
}
