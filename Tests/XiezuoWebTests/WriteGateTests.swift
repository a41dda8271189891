import Foundation
import SQLKit
import Testing
import Vapor
@testable import XiezuoSQLite
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport
import XiezuoWeb

/// Every write of the process goes through one writer on an SQLite file: the proof is a busy timeout of zero on every
/// connection of the app's (a write that met another connection's lock would fail at once with "database is locked"
/// instead of sleeping in SQLite's busy handler) while writes of every kind run at once.
@Suite("One writer on an SQLite file")
struct WriteGateTests {
    @Test("transactions, fund-flow groups and single statements from 48 tasks at once never meet another connection's lock")
    func noBusyWaits() async throws {
        try await withTestApp(.sqlite) { t in
            let sql = t.app.db as! any SQLDatabase
            for eventLoop in t.app.eventLoopGroup.makeIterator() {
                let database = t.app.databases.database(logger: t.app.logger, on: eventLoop) as! any SQLDatabase
                _ = try await database.raw("PRAGMA busy_timeout=0").all()
            }
            let writer = try #require(t.app.sqliteWriter)
            try await writer.run { try $0.execute("PRAGMA busy_timeout=0") }
            let admin = try await t.principal("admin")
            let project = try await t.projects.create(sampleProject("GATE-0"), status: .approved, by: admin)
            let account = try await t.account("admin")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<48 {
                    group.addTask {
                        switch task % 4 {
                        case 0: _ = try await t.projects.create(sampleProject("GATE-T\(task)"), by: admin)
                        case 1: _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 1_000,
                                                                                           date: "2025-04-01"), by: admin)
                        case 2: _ = try await t.tokens.create(for: account.id, name: "gate \(task)", by: admin)
                        default: try await SeedState.markDone("gate-\(task)", on: t.app.db)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await t.count("projects") == 13)
            #expect(try await t.count("fund_flows") == 12)
            #expect(try await t.flows.totals(of: project.id, by: admin).committed == 12_000)
            #expect(try await sql.raw("SELECT COUNT(*) AS n FROM seed_state WHERE step LIKE 'gate-%'").first()?.decode(column: "n", as: Int.self) == 12)
            // The audit chain links every write in order.
            #expect(try await AuditChain.verify(on: t.app.db).isIntact)
        }
    }

    @Test("a write transaction on the writer sees its own writes, rolls back whole when it throws, and nests")
    func writerTransactions() async throws {
        struct Refused: Error {}
        try await withTestApp(.sqlite) { t in
            let sql = t.app.db as! any SQLDatabase
            await #expect(throws: Refused.self) {
                try await t.app.db.writeTransaction { tx in
                    try await SeedState.markDone("inside", on: tx)
                    #expect(try await SeedState.isDone("inside", on: tx))
                    // Fluent's nested transaction runs inside this one.
                    try await tx.transaction { nested in try await SeedState.markDone("nested", on: nested) }
                    throw Refused()
                }
            }
            #expect(try await sql.raw("SELECT COUNT(*) AS n FROM seed_state WHERE step IN ('inside', 'nested')").first()?.decode(column: "n", as: Int.self) == 0)
            try await t.app.db.writeTransaction { tx in try await SeedState.markDone("kept", on: tx) }
            #expect(try await SeedState.isDone("kept", on: t.app.db))
        }
    }
}
