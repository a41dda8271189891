import Foundation
import Testing
@testable import XiezuoCore

@Suite("Account rules")
struct AccountRuleTests {
    let regions = RegionDirectory([
        Region(code: "61", name: "陕西省", level: .province, parentCode: nil),
        Region(code: "6110", name: "商洛市", level: .city, parentCode: "61"),
        Region(code: "611026", name: "柞水县", level: .county, parentCode: "6110"),
        Region(code: "611026100", name: "乾佑街道", level: .township, parentCode: "611026"),
    ])

    @Test func validOfficer() throws {
        let valid = try AccountDraft(username: "ZhangSan", displayName: "张三", role: "officer", jurisdiction: "611026",
                                     password: "long-enough-1").validated(in: regions)
        #expect(valid.username == "zhangsan")
        #expect(valid.role == .officer)
        #expect(valid.jurisdiction == "611026")
    }

    @Test("each broken rule names its field", arguments: [
        (AccountDraft(username: "a b", displayName: "x", role: "officer", jurisdiction: "611026", password: "0123456789"), "username", "username_format"),
        (AccountDraft(username: "ab", displayName: "x", role: "officer", jurisdiction: "611026", password: "0123456789"), "username", "username_format"),
        (AccountDraft(username: "abc", displayName: "", role: "officer", jurisdiction: "611026", password: "0123456789"), "displayName", "required"),
        (AccountDraft(username: "abc", displayName: "x", role: "boss", jurisdiction: "611026", password: "0123456789"), "role", "unknown_role"),
        (AccountDraft(username: "abc", displayName: "x", role: "officer", jurisdiction: nil, password: "0123456789"), "jurisdiction", "required"),
        (AccountDraft(username: "abc", displayName: "x", role: "coordinator", jurisdiction: "611026100", password: "0123456789"), "jurisdiction", "unknown_region"),
        (AccountDraft(username: "abc", displayName: "x", role: "worker", jurisdiction: nil, password: "short"), "password", "password_too_short"),
    ])
    func refusals(draft: AccountDraft, field: String, code: String) {
        do {
            _ = try draft.validated(in: regions)
            Issue.record("expected \(code) on \(field)")
        } catch {
            #expect(error.field == field)
            #expect(error.code == code)
        }
    }

    @Test func lockOutAfterFiveFailures() {
        let policy = LoginPolicy.standard
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        var failures = 0
        for attempt in 1...4 {
            let outcome = policy.afterFailure(previousFailures: failures, now: now)
            #expect(outcome.lockedUntil == nil, "attempt \(attempt) must not lock")
            failures = outcome.failures
        }
        let fifth = policy.afterFailure(previousFailures: failures, now: now)
        #expect(fifth.lockedUntil == now.addingTimeInterval(15 * 60))
        #expect(policy.isLocked(until: fifth.lockedUntil, now: now.addingTimeInterval(14 * 60)))
        #expect(!policy.isLocked(until: fifth.lockedUntil, now: now.addingTimeInterval(15 * 60 + 1)))
    }

    @Test func scopesFollowRoleAndJurisdiction() {
        let officer = Principal(accountID: UUID(), name: "o", role: .officer, jurisdiction: "611026")
        #expect(officer.scope.covers("611026"))
        #expect(officer.scope.covers("611026100"))
        #expect(!officer.scope.covers("610528"))
        #expect(!officer.scope.covers(nil))
        #expect(Principal.system.scope.covers("610528"))
        #expect(!Principal(accountID: UUID(), name: "w", role: .worker, jurisdiction: nil).scope.covers("611026"))
        #expect(!Principal.anonymous.scope.covers("611026"))
    }

    @Test func permissions() {
        let shaanxi = Principal(accountID: UUID(), name: "c", role: .coordinator, jurisdiction: "61")
        let officer = Principal(accountID: UUID(), name: "o", role: .officer, jurisdiction: "611026")
        #expect(Permissions.canEditPairing(shaanxi, eastCode: "3201", westCode: "6110"))
        #expect(!Permissions.canEditPairing(officer, eastCode: "320118", westCode: "611026"))
        #expect(Permissions.canManageAccount(shaanxi, role: .officer, jurisdiction: "611026"))
        #expect(!Permissions.canManageAccount(shaanxi, role: .officer, jurisdiction: "320118"))
        #expect(!Permissions.canManageAccount(shaanxi, role: .admin, jurisdiction: nil))
        #expect(!Permissions.canManageAccount(shaanxi, role: .coordinator, jurisdiction: "61"))
        #expect(Permissions.canManageAccount(shaanxi, role: .coordinator, jurisdiction: "6110"))
        #expect(!Permissions.canManageAccount(officer, role: .officer, jurisdiction: "611026"))
    }
}
