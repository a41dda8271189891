import Foundation
import Testing
import Vapor
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

@Suite("Admins edit accounts and reset passwords")
struct AdminUsersTests {
    let zh: HTTPHeaders = ["Accept-Language": "zh-CN"]

    @Test("an admin renames an account and resets its password (shown once, sessions ended); a coordinator only within their jurisdiction",
          arguments: TestDatabase.all)
    func editAndReset(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = TestClient(t.app)
            try await officer.login("zhashui-officer", Fixture.password)
            let id = try await t.account("zhashui-officer").id
            let admin = TestClient(t.app)
            try await admin.login("admin", Fixture.password)
            let list = try await admin.send(.GET, "/admin/users", headers: zh).body.string
            #expect(list.contains("/admin/users/\(id)/edit") && list.contains("data-confirm=\"确定要停用账号"))
            var csrf = try await admin.csrf(from: "/admin/users/\(id)/edit")
            // A blank name is refused beside the field; a name is saved with a message.
            var response = try await admin.form("/admin/users/\(id)", ["_csrf": csrf, "displayName": " "], headers: zh)
            #expect(response.status == .badRequest && response.body.string.contains("请填写"))
            response = try await admin.form("/admin/users/\(id)", ["_csrf": csrf, "displayName": "柞水县人社局 王科长"])
            #expect(response.status == .seeOther)
            #expect(try await t.account("zhashui-officer").displayName == "柞水县人社局 王科长")
            #expect(try await admin.send(.GET, "/admin/users", headers: zh).body.string.contains("账号 zhashui-officer 已更新"))
            // The reset shows the new password once, asks first, and ends the officer's session.
            let edit = try await admin.send(.GET, "/admin/users/\(id)/edit", headers: zh).body.string
            #expect(edit.contains("data-confirm=\"确定要重置 zhashui-officer 的密码吗"))
            csrf = try await admin.csrf(from: "/admin/users/\(id)/edit")
            response = try await admin.form("/admin/users/\(id)/password", ["_csrf": csrf], headers: zh)
            #expect(response.status == .ok && response.headers.first(name: .cacheControl) == "no-store")
            let password = try #require(response.body.string.firstMatch(of: /<code>([A-Za-z0-9]{16})<\/code>/)).1
            #expect(try await officer.send(.GET, "/projects").status != .ok)
            let again = TestClient(t.app)
            try await again.login("zhashui-officer", String(password))
            #expect(try await again.send(.GET, "/projects").status == .ok)
            // A coordinator of Shaanxi cannot touch an account of Jiangsu, nor reset their own password here.
            let coordinator = TestClient(t.app)
            try await coordinator.login("shaanxi-coordinator", Fixture.password)
            let jiangsu = try await t.account("jiangsu-coordinator").id
            #expect(try await coordinator.send(.GET, "/admin/users/\(jiangsu)/edit").status == .notFound)
            let mine = try await t.account("shaanxi-coordinator").id
            let refused = try await coordinator.form("/admin/users/\(mine)/password", ["_csrf": try await coordinator.csrf(from: "/admin/users")])
            #expect(refused.status == .badRequest)
        }
    }

    @Test("a manager moves a staff account to another role or jurisdiction it manages: sessions and tokens end, audited; never its own, never beyond",
          arguments: TestDatabase.all)
    func roleAndJurisdiction(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officerAccount = try await t.account("zhashui-officer")
            let token = try await t.tokens.create(for: officerAccount.id, name: "脚本", by: officerAccount.principal).secret
            let officer = TestClient(t.app)
            try await officer.login("zhashui-officer", Fixture.password)
            let coordinator = TestClient(t.app)
            try await coordinator.login("shaanxi-coordinator", Fixture.password)
            let page = "/admin/users/\(officerAccount.id)"
            let form = try await coordinator.send(.GET, page + "/edit", headers: zh).body.string
            #expect(form.contains("name=\"role\"") && form.contains("value=\"商洛市 柞水县\"") && !form.contains("<option value=\"admin\""))
            let csrf = try await coordinator.csrf(from: page + "/edit")
            // Beyond the coordinator's province, or to a place that does not exist: refused beside the field, nothing changed.
            var response = try await coordinator.form(page, ["_csrf": csrf, "displayName": "柞水县干部", "role": "officer", "jurisdiction": "南京市"],
                                                      headers: zh)
            #expect(response.status == .badRequest && response.body.string.contains("超出您的管理范围"))
            response = try await coordinator.form(page, ["_csrf": csrf, "displayName": "柞水县干部", "role": "officer", "jurisdiction": "火星"], headers: zh)
            #expect(response.status == .badRequest)
            #expect(try await t.account("zhashui-officer").jurisdiction == "611026")
            // An API token of the coordinator's cannot use the page's form (no session, no CSRF): nothing changes.
            let coordinatorAccount = try await t.account("shaanxi-coordinator")
            let coordinatorToken = try await t.tokens.create(for: coordinatorAccount.id, name: "脚本", by: coordinatorAccount.principal).secret
            let script = TestClient(t.app)
            response = try await script.form(page, ["displayName": "柞水县干部", "role": "officer", "jurisdiction": "6110"],
                                             headers: .bearer(coordinatorToken))
            #expect(response.status == .forbidden)
            #expect(try await script.form(page + "/password", [:], headers: .bearer(coordinatorToken)).status == .forbidden)
            #expect(try await t.account("zhashui-officer").jurisdiction == "611026")
            #expect(try await officer.send(.GET, "/projects").status == .ok)
            // To the city, by its name: the account's sessions and tokens end, and the log says so.
            response = try await coordinator.form(page, ["_csrf": csrf, "displayName": "商洛市干部 王", "role": "officer", "jurisdiction": "商洛市"])
            #expect(response.status == .seeOther)
            let moved = try await t.account("zhashui-officer")
            #expect(moved.jurisdiction == "6110" && moved.role == .officer && moved.displayName == "商洛市干部 王")
            #expect(try await officer.send(.GET, "/projects").status != .ok)
            #expect(try await t.tokens.authenticate(token) == nil)
            let entries = try await t.audit.list(AuditFilter(entity: "account", action: "set_role"), by: try await t.principal("admin")).items
            #expect(entries.map(\.entityID) == ["zhashui-officer"])
            // Never one's own; an admin grants admin, a coordinator cannot.
            let mine = try await t.account("shaanxi-coordinator").id
            await #expect(throws: DomainError.invalid("role", "cannot_change_own_role")) {
                _ = try await t.accounts.update(mine, with: AccountPatch(jurisdiction: "6110"), by: try await t.principal("shaanxi-coordinator"))
            }
            await #expect(throws: DomainError.invalid("role", "cannot_grant_scope")) {
                _ = try await t.accounts.update(moved.id, with: AccountPatch(role: "admin"), by: try await t.principal("shaanxi-coordinator"))
            }
            await #expect(throws: DomainError.invalid("role", "role_not_staff")) {
                _ = try await t.accounts.update(try await t.account("demo-worker").id, with: AccountPatch(role: "officer", jurisdiction: "611026"),
                                                by: try await t.principal("admin"))
            }
            // A township is no jurisdiction, as at creation.
            await #expect(throws: DomainError.invalid("jurisdiction", "unknown_region", ["code": "611026101"])) {
                _ = try await t.accounts.update(moved.id, with: AccountPatch(jurisdiction: "611026101"), by: try await t.principal("admin"))
            }
            // An API token cannot move accounts (a leaked one would hand out its owner's powers); a session can.
            let adminAccount = try await t.account("admin")
            let adminToken = try await t.tokens.create(for: adminAccount.id, name: "脚本", by: adminAccount.principal).secret
            let viaToken = try await TestClient(t.app).json(.PATCH, "/api/v1/users/\(moved.id)", #"{"role":"coordinator"}"#,
                                                            headers: .bearer(adminToken))
            #expect(viaToken.status == .forbidden)
            #expect(try await t.account("zhashui-officer").role == .officer)
            let promoted = try await t.accounts.update(moved.id, with: AccountPatch(role: "admin"), by: try await t.principal("admin"))
            #expect(promoted.role == .admin && promoted.jurisdiction == nil)
        }
    }
}
