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
            #expect(page.contains("<td>新增</td><td>结对关系 <code>"))
            #expect(page.contains("610528 ↔ 320506"))
            #expect(!page.contains("<td>账号 <code>"))
            let accounts = try await browser.send(.GET, "/admin/audit?entity=account").body.string
            #expect(accounts.contains("<td>账号 <code>zhashui-officer</code>"))
            let none = try await browser.send(.GET, "/admin/audit?entity=pairing&from=2001-01-01&to=2001-01-02").body.string
            #expect(none.contains("没有符合条件的记录"))
        }
    }
}
