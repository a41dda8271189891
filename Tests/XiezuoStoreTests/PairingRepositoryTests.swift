import Foundation
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Pairing writes")
struct PairingRepositoryTests {
    @Test("a coordinator adds and ends a pairing; both are audited and bump the change sequence", arguments: TestDatabase.all)
    func addAndEnd(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let coordinator = try await t.principal("shaanxi-coordinator")
            let before = try await ChangeSequence.current(on: t.app.db)
            let created = try await t.pairings.create(PairingDraft(eastCode: "320506", westCode: "610528", validFrom: 2025), by: coordinator)
            #expect(created.confidence == "recorded")
            let ended = try await t.pairings.update(created.id, with: PairingPatch(validTo: 2026), by: coordinator)
            #expect(ended.validTo == 2026)
            #expect(try await ChangeSequence.current(on: t.app.db) == before + 2)
            let entries = try await t.audit.list(AuditFilter(entity: "pairing"), by: .system).items
            #expect(entries.map(\.action) == ["update", "create"])
            #expect(entries[0].before?.contains("\"validTo\"") == false)
            #expect(entries[0].after?.contains("\"validTo\":2026") == true)
            #expect(entries[1].actorName == "陕西省协作办（演示）")
            #expect(entries[1].regionCode == "610528")
        }
    }

    @Test("officers and coordinators of neither side cannot change pairings", arguments: TestDatabase.all)
    func permissions(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = try await t.principal("zhashui-officer")
            let existing = try await t.pairings.list(region: "611026").items.first { $0.westCode == "611026" }!
            let countBefore = try await t.count("pairings")
            await #expect(throws: DomainError.forbidden) {
                try await t.pairings.create(PairingDraft(eastCode: "320118", westCode: "611026", validFrom: 2030), by: officer)
            }
            await #expect(throws: DomainError.forbidden) {
                try await t.pairings.update(existing.id, with: PairingPatch(validTo: 2025), by: officer)
            }
            let jiangsu = try await t.principal("jiangsu-coordinator")
            let created = try await t.pairings.create(PairingDraft(eastCode: "320506", westCode: "610528", validFrom: 2025), by: jiangsu)
            #expect(created.eastCode == "320506")
            #expect(try await t.count("pairings") == countBefore + 1)
            // One entry for each fixture account created (admin and the demo accounts), and the new pairing.
            #expect(try await t.count("audit_log") == DemoData.accounts.count + 1 + 1)
        }
    }

    @Test("overlapping spans of the same pair are refused and nothing is written", arguments: TestDatabase.all)
    func overlap(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let countBefore = try await t.count("pairings")
            let auditBefore = try await t.count("audit_log")
            await #expect(throws: DomainError(.conflict, code: "pairing_overlaps", field: "validFrom")) {
                try await t.pairings.create(PairingDraft(eastCode: "320118", westCode: "611026", validFrom: 2024), by: admin)
            }
            #expect(try await t.count("pairings") == countBefore)
            #expect(try await t.count("audit_log") == auditBefore)
        }
    }
}
