import Foundation
import SQLKit
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("The audit log's hash chain")
struct AuditChainTests {
    func entries(_ count: Int, from start: Int) throws -> [AuditRecorder.Entry] {
        try (start..<start + count).map {
            try AuditRecorder.Entry(by: .system, action: "update", entity: "test", entityID: String($0), regionCode: "611026",
                                    before: ["n": $0], after: ["n": $0 + 1])
        }
    }

    @Test("an untouched log verifies; an edited, a deleted, a removed last and an inserted entry are each found", arguments: TestDatabase.all)
    func tampering(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            try await t.app.db.transaction { tx in try await AuditRecorder.record(try entries(50, from: 0), on: tx as! any SQLDatabase) }
            let total = try await t.count("audit_log")
            #expect(try await AuditChain.verify(on: t.app.db, pageSize: 7) == AuditChain.Verification(checked: total, failure: nil))
            let sql = t.app.db as! any SQLDatabase
            func row(_ seq: Int64) async throws -> (id: UUID, after: String?) {
                let row = try #require(try await sql.raw("SELECT id, after FROM audit_log WHERE chain_seq = \(bind: seq)").first())
                return (try row.decode(column: "id", as: UUID.self), try row.decode(column: "after", as: String?.self))
            }
            // An edited summary.
            let edited = try await row(20)
            try await sql.raw("UPDATE audit_log SET after = '{\"n\":0}' WHERE id = \(bind: edited.id)").run()
            let found = try await AuditChain.verify(on: t.app.db, pageSize: 7)
            #expect(found.failure?.seq == 20 && found.failure?.id == edited.id && found.failure?.reason == "hash" && found.checked == 19)
            try await sql.raw("UPDATE audit_log SET after = \(bind: edited.after) WHERE id = \(bind: edited.id)").run()
            #expect(try await AuditChain.verify(on: t.app.db).isIntact)
            // An edited actor, or time.
            try await sql.raw("UPDATE audit_log SET actor_name = 'someone' WHERE chain_seq = 3").run()
            #expect(try await AuditChain.verify(on: t.app.db).failure?.seq == 3)
            try await sql.raw("UPDATE audit_log SET actor_name = 'system' WHERE chain_seq = 3").run()
            #expect(try await AuditChain.verify(on: t.app.db).isIntact)
            // A deleted entry leaves a gap; the last ones deleted leave a head that no entry matches.
            try await sql.raw("DELETE FROM audit_log WHERE chain_seq = 30").run()
            #expect(try await AuditChain.verify(on: t.app.db).failure.map { ($0.seq, $0.reason) } ?? (0, "") == (30, "gap"))
            try await sql.raw("DELETE FROM audit_log WHERE chain_seq >= 30").run()
            #expect(try await AuditChain.verify(on: t.app.db).failure?.reason == "head")
            // An entry inserted by hand, outside the chain.
            try await sql.raw("""
                INSERT INTO audit_log (id, at, actor_name, action, entity, entity_id) VALUES (\(bind: UUID()), \(bind: Date()), 'x', 'x', 'x', 'x')
                """).run()
            #expect(try await AuditChain.verify(on: t.app.db).failure?.reason == "unchained")
        }
    }

    @Test("concurrent writers append one after another: the chain holds", arguments: TestDatabase.all)
    func concurrentWriters(database: TestDatabase) async throws {
        try await withTestApp(database, seed: false) { t in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<12 {
                    group.addTask {
                        for batch in 0..<5 {
                            try await t.app.db.transaction { tx in
                                try await AuditRecorder.record(try entries(3, from: writer * 100 + batch * 3), on: tx as! any SQLDatabase)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let result = try await AuditChain.verify(on: t.app.db)
            let total = try await t.count("audit_log")
            #expect(result.isIntact && result.checked == total && total == 180)
        }
    }

    @Test("100,000 entries verify", arguments: TestDatabase.all)
    func large(database: TestDatabase) async throws {
        try await withTestApp(database, seed: false) { t in
            for batch in 0..<20 {
                try await t.app.db.transaction { tx in try await AuditRecorder.record(try entries(5_000, from: batch * 5_000), on: tx as! any SQLDatabase) }
            }
            let result = try await AuditChain.verify(on: t.app.db)
            #expect(result.isIntact && result.checked >= 100_000)
        }
    }

    @Test("entries written before the chain are chained by the migration in the order they were written")
    func migration() async throws {
        try await withTestApp(.sqlite, seed: false) { t in
            let sql = t.app.db as! any SQLDatabase
            try await M0045_ChainAuditLog().revert(on: t.app.db)
            for index in 0..<5 {
                try await sql.raw("""
                    INSERT INTO audit_log (id, at, actor_name, action, entity, entity_id, after)
                    VALUES (\(bind: UUID()), \(bind: Date(timeIntervalSince1970: 1_700_000_000 + Double(index) + 0.0004)), 'x', 'x', 'x', \(bind: String(index)), '{}')
                    """).run()
            }
            try await M0045_ChainAuditLog().prepare(on: t.app.db)
            let result = try await AuditChain.verify(on: t.app.db)
            #expect(result.isIntact && result.checked == 5)
            let order = try await sql.raw("SELECT entity_id FROM audit_log ORDER BY chain_seq").all().map { try $0.decode(column: "entity_id", as: String.self) }
            #expect(order == ["0", "1", "2", "3", "4"])
        }
    }

    @Test("older audit entries of workers are rewritten to masked values")
    func maskedWorkerEntries() throws {
        let old = #"{"birthDate":"1990-01-01","consentAt":"2026-01-01T00:00:00Z","idNumber":"6110**********001X","name":"王五","revealed":false}"#
        let masked = try M0044_MaskWorkerAudit.masked(old)
        #expect(masked == #"{"birthYear":1990,"idNumber":"6110**************","name":"王五"}"#)
        #expect(try M0044_MaskWorkerAudit.masked(masked) == masked)
        #expect(try M0044_MaskWorkerAudit.masked(#"{"reason":"核对"}"#) == #"{"reason":"核对"}"#)
    }
}
