import Foundation
import SQLKit
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Account security")
struct AccountSecurityTests {
    @Test("a coordinator cannot manage a peer coordinator of the same region", arguments: TestDatabase.all)
    func noPeerTakeover(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let peer = try await t.accounts.create(
                AccountDraft(username: "shaanxi-2", displayName: "另一位省协调员", role: "coordinator", jurisdiction: "61",
                             password: "a-long-password"), by: .system)
            let coordinator = try await t.principal("shaanxi-coordinator")
            await #expect(throws: DomainError.notFound("account")) { try await t.accounts.setPassword(peer.id, "taken-over-1", by: coordinator) }
            await #expect(throws: DomainError.notFound("account")) { try await t.accounts.setDisabled(peer.id, true, by: coordinator) }
            await #expect(throws: DomainError.forbidden) {
                try await t.accounts.create(AccountDraft(username: "shaanxi-3", displayName: "x", role: "coordinator", jurisdiction: "61",
                                                         password: "a-long-password"), by: coordinator)
            }
            // A city coordinator below it is fine.
            let city = try await t.accounts.create(AccountDraft(username: "shangluo", displayName: "商洛市协作办", role: "coordinator",
                                                                jurisdiction: "6110", password: "a-long-password"), by: coordinator)
            #expect(try await t.accounts.setDisabled(city.id, true, by: coordinator).disabled)
        }
    }

    @Test("setting one's own password needs the current one, and one write audits it", arguments: TestDatabase.all)
    func ownPassword(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = try await t.account("zhashui-officer")
            await #expect(throws: DomainError.invalid("currentPassword", "wrong_password")) {
                try await t.accounts.update(officer.id, with: AccountPatch(password: "a-new-password-1"), by: officer.principal)
            }
            await #expect(throws: DomainError.invalid("disabled", "cannot_disable_self")) {
                try await t.accounts.update(officer.id, with: AccountPatch(disabled: true), by: officer.principal)
            }
            let auditBefore = try await t.count("audit_log")
            let changed = try await t.accounts.update(officer.id, with: AccountPatch(password: "a-new-password-1", currentPassword: Fixture.password),
                                                      by: officer.principal)
            #expect(changed.credentialsChangedAt != nil)
            #expect(try await t.count("audit_log") == auditBefore + 1)
            guard case .success(let signedIn) = try await t.accounts.signIn(username: "zhashui-officer", password: "a-new-password-1") else {
                Issue.record("the new password must work")
                return
            }
            #expect(signedIn.id == changed.id)
            #expect(try await t.accounts.signIn(username: "zhashui-officer", password: Fixture.password) == .invalid)
        }
    }

    @Test("parallel wrong guesses each count towards the lock", arguments: TestDatabase.all)
    func parallelGuesses(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let accounts = t.accounts
            let outcomes = try await withThrowingTaskGroup(of: AccountRepository.SignIn.self) { group in
                for _ in 1...5 { group.addTask { try await accounts.signIn(username: "fuping-officer", password: "guess") } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.contains { if case .locked = $0 { true } else { false } })
            guard case .locked = try await accounts.signIn(username: "fuping-officer", password: Fixture.password) else {
                Issue.record("five parallel failures must lock the account")
                return
            }
        }
    }

    @Test("search ignores case and treats % and _ literally, on both databases", arguments: TestDatabase.all)
    func search(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            #expect(try await t.accounts.list(by: admin, search: "ZHASHUI").items.map(\.username) == ["zhashui-officer"])
            #expect(try await t.accounts.list(by: admin, search: "柞水").items.map(\.username) == ["zhashui-officer"])
            #expect(try await t.accounts.list(by: admin, search: "%").total == 0)
            #expect(try await t.accounts.list(by: admin, search: "_").total == 0)
            #expect(try await t.accounts.list(by: admin, search: "-officer").total == 3)
        }
    }

    @Test("both sides of a pairing see its audit entries; a later end may not overlap another span", arguments: TestDatabase.all)
    func pairingAuditAndOverlap(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let jiangsu = try await t.principal("jiangsu-coordinator")
            let first = try await t.pairings.create(PairingDraft(eastCode: "320506", westCode: "610528", validFrom: 2020, validTo: 2022), by: jiangsu)
            _ = try await t.pairings.create(PairingDraft(eastCode: "320506", westCode: "610528", validFrom: 2024), by: jiangsu)
            await #expect(throws: DomainError(.conflict, code: "pairing_overlaps", field: "validTo")) {
                try await t.pairings.update(first.id, with: PairingPatch(validTo: 2025), by: jiangsu)
            }
            #expect(try await t.pairings.get(first.id).validTo == 2022)
            let seen = try await t.audit.list(AuditFilter(entity: "pairing"), by: jiangsu).items
            #expect(seen.count == 2)
            #expect(seen.allSatisfy { $0.partnerRegionCode == "320506" && $0.regionCode == "610528" })
            let shaanxi = try await t.principal("shaanxi-coordinator")
            #expect(try await t.audit.list(AuditFilter(entity: "pairing"), by: shaanxi).total == 2)
            #expect(try await t.audit.list(AuditFilter(entity: "pairing"), by: try await t.principal("zhashui-officer")).total == 0)
        }
    }
}
