import Foundation
import SQLKit
import Testing
@testable import XiezuoSQLite
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("The SQLite writer's own connection")
struct SQLiteWriterTests {
    private struct Refused: Error {}

    /// A test app on SQLite and a writer of its own on the app's file, closed afterwards.
    private func withWriter(_ body: (TestApp, SQLiteWriter) async throws -> Void) async throws {
        try await withTestApp(.sqlite, seed: false) { t in
            let writer = SQLiteWriter(path: try #require(t.sqlitePath), eventLoop: t.app.eventLoopGroup.next(), logger: t.app.logger)
            do {
                try await body(t, writer)
            } catch {
                await writer.close()
                throw error
            }
            await writer.close()
        }
    }

    /// Adds a sync cursor.
    private func addCursor(_ partner: String, at seq: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("INSERT INTO sync_cursors (partner, after_seq, updated_at) VALUES (\(bind: partner), \(bind: seq), \(bind: Date()))").run()
    }

    private func partners(_ t: TestApp) async throws -> [String] {
        try await (t.app.db as! any SQLDatabase).raw("SELECT partner FROM sync_cursors ORDER BY partner").all()
            .map { try $0.decode(column: "partner", as: String.self) }
    }

    @Test("a transaction commits what its body wrote; a body that throws, or a statement SQLite refuses, leaves nothing")
    func commitAndRollback() async throws {
        try await withWriter { t, writer in
            try await writer.transaction { sql in try await addCursor("a", at: 5, on: sql) }
            await #expect(throws: Refused.self) {
                try await writer.transaction { sql in
                    try await addCursor("b", at: 1, on: sql)
                    throw Refused()
                }
            }
            let error = await #expect(throws: SQLiteDirectError.self) {
                try await writer.transaction { sql in
                    try await addCursor("c", at: 1, on: sql)
                    try await sql.raw("INSERT INTO no_such_table VALUES (1)").run()
                }
            }
            #expect(error?.description.contains("no such table: no_such_table") == true)
            #expect(try await partners(t) == ["a"])
            // Rows read through SQLKit decode as the app's connections decode them; the connection has the app's settings.
            let read = try await writer.transaction { sql in
                let row = try await sql.raw("SELECT after_seq, updated_at, NULL AS missing FROM sync_cursors").first()
                let foreignKeys = try await sql.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int.self)
                let timeout = try await sql.raw("PRAGMA busy_timeout").first()?.decode(column: "timeout", as: Int.self)
                return (try row?.decode(column: "after_seq", as: Int64.self), try row?.decode(column: "updated_at", as: Date.self),
                        try row?.decodeNil(column: "missing"), foreignKeys, timeout)
            }
            #expect(read.0 == 5 && read.1 != nil && read.2 == true && read.3 == 1 && read.4 == 10_000)
        }
    }

    @Test("transactions of concurrent callers take turns on the one connection")
    func turns() async throws {
        try await withWriter { t, writer in
            try await writer.transaction { sql in try await addCursor("n", at: 0, on: sql) }
            // Each reads the count, then writes it plus one: interleaved, two would start a transaction inside another,
            // or write the same count.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<24 {
                    group.addTask {
                        try await writer.transaction { sql in
                            let count = try await sql.raw("SELECT after_seq FROM sync_cursors WHERE partner = 'n'").first()?
                                .decode(column: "after_seq", as: Int64.self) ?? -1
                            await Task.yield()  // lets the others run between the read and the write
                            try await sql.raw("UPDATE sync_cursors SET after_seq = \(bind: count + 1) WHERE partner = 'n'").run()
                        }
                    }
                }
                try await group.waitForAll()
            }
            let count = try await (t.app.db as! any SQLDatabase).raw("SELECT after_seq FROM sync_cursors WHERE partner = 'n'").first()?
                .decode(column: "after_seq", as: Int64.self)
            #expect(count == 24)
        }
    }

    @Test("a transaction's own code runs on the writer's thread, between its statements too; after close, a transaction fails")
    func ownThread() async throws {
        try await withWriter { _, writer in
            let threads = try await writer.transaction { sql in
                let before = pthread_self()
                try await addCursor("t", at: 1, on: sql)
                let statement = try await writer.run { _ in pthread_self() }
                let after = pthread_self()
                return [before, statement, after]
            }
            #expect(Set(threads).count == 1, "\(threads)")
            await writer.close()
            await #expect(throws: SQLiteThreadsError.self) {
                try await writer.transaction { sql in try await addCursor("u", at: 1, on: sql) }
            }
        }
    }

    @Test("a transaction whose task is cancelled is still rolled back, and the next one runs")
    func cancelled() async throws {
        try await withWriter { t, writer in
            // The task says when it is inside its transaction, then waits to be cancelled (nothing waits on the clock).
            let (started, signal) = AsyncStream<Void>.makeStream()
            let task = Task {
                try await writer.transaction { sql in
                    try await addCursor("c", at: 1, on: sql)
                    signal.yield()
                    try await Task.sleep(for: .seconds(30))
                }
            }
            for await _ in started { break }
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            // The rollback ran (a skipped one would leave the connection inside the transaction, holding the lock).
            #expect(try await writer.run { $0.isInAutocommit })
            try await writer.transaction { sql in try await addCursor("d", at: 1, on: sql) }
            #expect(try await partners(t) == ["d"])
        }
    }
}

@Suite("One SQLite in the process")
struct SQLiteLibraryTests {
    @Test("the SQLite the fast path calls is the library SQLiteNIO's connections run: the same version, source and compile options")
    func oneLibrary() async throws {
        try await withTestApp(.sqlite, seed: false) { t in
            let direct = SQLiteDirect.library()
            let sql = t.app.db as! any SQLDatabase
            let row = try #require(try await sql.raw("SELECT sqlite_version() AS version, sqlite_source_id() AS source").first())
            #expect(try row.decode(column: "version", as: String.self) == direct.version)
            #expect(try row.decode(column: "source", as: String.self) == direct.sourceID)
            let options = try await sql.raw("PRAGMA compile_options").all().map { try $0.decode(column: "compile_options", as: String.self) }
            #expect(!options.isEmpty && options == direct.options)
        }
    }
}
