import Foundation
import SQLKit
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("API tokens")
struct TokenRepositoryTests {
    @Test("a token authenticates until revoked, and only its hash is stored", arguments: TestDatabase.all)
    func lifecycle(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let partner = try await t.account("demo-partner")
            let issued = try await t.tokens.create(for: partner.id, name: "sync", by: partner.principal)
            #expect(issued.secret.hasPrefix("xz_"))
            #expect(try await t.tokens.authenticate(issued.secret)?.username == "demo-partner")
            let sql = t.app.db as! any SQLDatabase
            let stored = try await sql.raw("SELECT token_hash FROM api_tokens").all().map { try $0.decode(column: "token_hash", as: String.self) }
            #expect(stored == [TokenRepository.hash(issued.secret)])
            #expect(!stored.contains(issued.secret))

            _ = try await t.tokens.revoke(issued.token.id, by: partner.principal)
            #expect(try await t.tokens.authenticate(issued.secret) == nil)
            #expect(try await t.tokens.authenticate("xz_not-a-token") == nil)
        }
    }

    @Test("tokens of a disabled account stop working; others cannot revoke or list them", arguments: TestDatabase.all)
    func ownership(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let fuping = try await t.account("fuping-officer")
            let zhashui = try await t.principal("zhashui-officer")
            let issued = try await t.tokens.create(for: fuping.id, name: "script", by: fuping.principal)
            await #expect(throws: DomainError.notFound("api_token")) { try await t.tokens.revoke(issued.token.id, by: zhashui) }
            await #expect(throws: DomainError.notFound("account")) { try await t.tokens.create(for: fuping.id, name: "x", by: zhashui) }
            #expect(try await t.tokens.list(by: zhashui).isEmpty)
            _ = try await t.accounts.setDisabled(fuping.id, true, by: .system)
            #expect(try await t.tokens.authenticate(issued.secret) == nil)
        }
    }

    @Test("staff read the audit entries of their jurisdiction only", arguments: TestDatabase.all)
    func auditScope(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let zhashui = try await t.principal("zhashui-officer")
            let entries = try await t.audit.list(AuditFilter(), by: zhashui).items
            #expect(!entries.isEmpty)
            #expect(entries.allSatisfy { $0.regionCode?.hasPrefix("611026") == true })
            #expect(try await t.audit.list(AuditFilter(regionCode: "610528"), by: zhashui).total == 0)
            #expect(try await t.audit.list(AuditFilter(regionCode: "610528"), by: .system).total > 0)
            await #expect(throws: DomainError.forbidden) {
                try await t.audit.list(AuditFilter(), by: try await t.principal("demo-worker"))
            }
        }
    }
}
