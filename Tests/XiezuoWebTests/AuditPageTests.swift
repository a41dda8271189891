import Foundation
import Testing
import Vapor
import XiezuoCore
import XiezuoTestSupport

@Suite("The audit log page")
struct AuditPageTests {
    @Test("entries show today's time in China Standard Time, localised names, and filter by record kind", arguments: TestDatabase.all)
    func browse(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            _ = try await t.pairings.create(PairingDraft(eastCode: "320506", westCode: "610528", validFrom: 2025), by: try await t.principal("admin"))
            let browser = TestClient(t.app)
            try await browser.login("admin", Fixture.password)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
            formatter.dateFormat = "yyyy-MM-dd"
            let today = formatter.string(from: Date())

            let page = try await browser.send(.GET, "/admin/audit?entity=pairing").body.string
            #expect(page.contains("<td>\(today) "))
            #expect(page.contains("<td>新增</td>") && page.contains("<td>结对关系"))
            #expect(page.contains("渭南市 富平县 ↔ 苏州市 吴中区") || page.contains("富平县 ↔"))
            #expect(!page.contains("<td>账号"))
            let accounts = try await browser.send(.GET, "/admin/audit?entity=account").body.string
            #expect(accounts.contains("<td>账号 <code>zhashui-officer</code> <a href=\"/admin/users?q=zhashui-officer\">"))

            // A project's entries: names in words, money in 元, the changed fields only, a link to the record.
            let admin = try await t.principal("admin")
            let project = try await t.projects.create(sampleProject("AU-1"), by: admin)
            _ = try await t.projects.move(project.id, to: .approved, by: admin)
            let projects = try await browser.send(.GET, "/admin/audit?entity=project", headers: ["Accept-Language": "zh-CN"]).body.string
            #expect(projects.contains("<td>项目 <code>AU-1</code> <a href=\"/projects?q=AU-1\">打开记录</a></td>"))
            #expect(projects.contains("<del>储备</del> → <ins>立项</ins>") && projects.contains("商洛市 柞水县"))
            #expect(projects.contains("5,000,000.00 元") && !projects.contains("500000000"))
            #expect(projects.contains("改为“"))
            #expect(!projects.contains("&quot;budget&quot;") && !projects.contains("{&quot;"))
            // The status move lists only what changed.
            let move = try #require(projects.components(separatedBy: "<tr>").first { $0.contains("改为“") })
            #expect(move.contains("<ins>") && !move.contains("5,000,000.00 元"))
            let none = try await browser.send(.GET, "/admin/audit?entity=pairing&from=2001-01-01&to=2001-01-02").body.string
            #expect(none.contains("没有符合条件的记录"))
        }
    }
}
