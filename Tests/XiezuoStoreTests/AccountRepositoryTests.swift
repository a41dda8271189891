import Foundation
import SQLKit
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Accounts and jurisdiction")
struct AccountRepositoryTests {
    @Test("an officer of 柞水县 can neither read nor change an account of 富平县", arguments: TestDatabase.all)
    func officerIsolation(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let zhashui = try await t.principal("zhashui-officer")
            let fuping = try await t.account("fuping-officer")
            await #expect(throws: DomainError.notFound("account")) { try await t.accounts.get(fuping.id, by: zhashui) }
            await #expect(throws: DomainError.notFound("account")) { try await t.accounts.setDisabled(fuping.id, true, by: zhashui) }
            await #expect(throws: DomainError.notFound("account")) { try await t.accounts.setPassword(fuping.id, "another-password", by: zhashui) }
            await #expect(throws: DomainError.forbidden) { try await t.accounts.list(by: zhashui) }
            #expect(try await t.account("fuping-officer").disabled == false)
            // Themselves, yes.
            #expect(try await t.accounts.get(zhashui.accountID!, by: zhashui).username == "zhashui-officer")
        }
    }

    @Test("a coordinator manages the staff of their province only", arguments: TestDatabase.all)
    func coordinatorScope(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let shaanxi = try await t.principal("shaanxi-coordinator")
            let listed = try await t.accounts.list(by: shaanxi).items
            #expect(Set(listed.map(\.username)) == ["shaanxi-coordinator", "shangluo-officer", "zhashui-officer", "fuping-officer"])
            let created = try await t.accounts.create(
                AccountDraft(username: "danfeng", displayName: "丹凤县干部", role: "officer", jurisdiction: "611022", password: "a-long-password"),
                by: shaanxi)
            #expect(created.jurisdiction == "611022")
            await #expect(throws: DomainError.forbidden) {
                try await t.accounts.create(
                    AccountDraft(username: "gaochun", displayName: "高淳区", role: "officer", jurisdiction: "320118", password: "a-long-password"),
                    by: shaanxi)
            }
            await #expect(throws: DomainError(.conflict, code: "username_taken", field: "username")) {
                try await t.accounts.create(
                    AccountDraft(username: "Danfeng", displayName: "重复", role: "officer", jurisdiction: "611022", password: "a-long-password"),
                    by: shaanxi)
            }
        }
    }

    @Test("five failed sign-ins lock the account for 15 minutes", arguments: TestDatabase.all)
    func lockOut(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let now = Date()
            for _ in 1...4 {
                #expect(try await t.accounts.signIn(username: "zhashui-officer", password: "wrong", now: now) == .invalid)
            }
            guard case .locked(let until) = try await t.accounts.signIn(username: "zhashui-officer", password: "wrong", now: now) else {
                Issue.record("fifth failure must lock")
                return
            }
            #expect(abs(until.timeIntervalSince(now) - 900) < 1)
            // The right password is refused while locked.
            guard case .locked(let stillUntil) = try await t.accounts.signIn(username: "zhashui-officer", password: Fixture.password,
                                                                              now: now.addingTimeInterval(60)) else {
                Issue.record("the right password must be refused while locked")
                return
            }
            #expect(abs(stillUntil.timeIntervalSince(until)) < 0.01)
            // After the lock, it works again.
            guard case .success(let account) = try await t.accounts.signIn(username: "zhashui-officer", password: Fixture.password,
                                                                            now: now.addingTimeInterval(901)) else {
                Issue.record("sign-in after the lock must succeed")
                return
            }
            #expect(account.username == "zhashui-officer")
            #expect(try await t.audit.list(AuditFilter(action: "lock"), by: .system).total == 1)
        }
    }

    @Test("a disabled account cannot sign in and unknown users look the same", arguments: TestDatabase.all)
    func disabled(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let fuping = try await t.account("fuping-officer")
            _ = try await t.accounts.setDisabled(fuping.id, true, by: .system)
            #expect(try await t.accounts.signIn(username: "fuping-officer", password: Fixture.password) == .invalid)
            #expect(try await t.accounts.signIn(username: "nobody", password: Fixture.password) == .invalid)
        }
    }

    @Test("passwords are stored as bcrypt hashes", arguments: TestDatabase.all)
    func hashed(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let sql = t.app.db as! any SQLDatabase
            let rows = try await sql.raw("SELECT password_hash FROM accounts").all()
            #expect(!rows.isEmpty)
            for row in rows {
                let hash = try row.decode(column: "password_hash", as: String.self)
                #expect(hash.hasPrefix("$2b$") || hash.hasPrefix("$2a$") || hash.hasPrefix("$2y$"))
                #expect(!hash.contains(Fixture.password))
            }
        }
    }
}
