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
}
