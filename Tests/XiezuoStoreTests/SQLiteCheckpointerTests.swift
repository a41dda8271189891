import Foundation
import SQLKit
import Testing
@testable import XiezuoSQLite
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Checkpoints beside the SQLite writer")
struct SQLiteCheckpointerTests {
    private func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    @Test("the writer does not checkpoint itself: its log is copied back on another thread, and starts over when long")
    func checkpointsAside() async throws {
        try await withTestApp(.sqlite, seed: false) { t in
            let path = try #require(t.sqlitePath)
            // Checkpoints from 8 pages of log, and a new log once it is 32 pages long (the app uses 1,000 and 4,096).
            let writer = SQLiteWriter(path: path, eventLoop: t.app.eventLoopGroup.next(), logger: t.app.logger, checkpointPages: 8,
                                      restartPages: 32)
            do {
                let own = try await writer.transaction { sql in
                    try await sql.raw("PRAGMA wal_autocheckpoint").first()?.decode(column: "wal_autocheckpoint", as: Int.self)
                }
                #expect(own == 0)
                try await writer.transaction { sql in try await sql.raw("CREATE TABLE ballast (b BLOB)").run() }
                await writer.checkpointer.drained()
                let fileBefore = size(path)
                var logs: [Int32] = []
                for _ in 0..<24 {
                    // Twelve rows of 15,000 bytes: about twelve pages a transaction, 288 in all.
                    try await writer.transaction { sql in
                        try await sql.raw("""
                            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12)
                            INSERT INTO ballast SELECT zeroblob(15000) FROM n
                            """).run()
                    }
                    logs.append(writer.checkpointer.logPages)
                }
                await writer.checkpointer.drained()
                #expect(writer.checkpointer.completed >= 1)
                // Copied back while the writer's connection stayed open: the file itself holds the rows.
                #expect(size(path) >= fileBefore + 288 * 15_000)
                // The log started over: never much past 32 pages and one transaction, where 288 pages would pile up.
                #expect(logs.max() ?? 0 < 64, "\(logs)")
                #expect(zip(logs, logs.dropFirst()).contains { $1 < $0 }, "\(logs)")
                let rows = try await (t.app.db as! any SQLDatabase).raw("SELECT count(*) AS n FROM ballast").first()?.decode(column: "n", as: Int.self)
                #expect(rows == 288)
            } catch {
                Issue.record(error)
            }
            await writer.close()
        }
    }

    @Test("waiting for the checkpoints returns at once when none runs")
    func drainedWhenIdle() async throws {
        let checkpointer = SQLiteCheckpointer(path: FileManager.default.temporaryDirectory.appendingPathComponent("never-opened.sqlite").path,
                                              logger: .init(label: "test"))
        await checkpointer.drained()
        #expect(checkpointer.completed == 0)
        checkpointer.committed(logPages: 10)
        #expect(checkpointer.completed == 0, "a short log asks for no checkpoint")
        await checkpointer.close()
    }
}
