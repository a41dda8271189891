import Foundation
import SQLKit
import Testing
import XiezuoCore
@testable import XiezuoSQLite
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("The process's own SQLite read connections")
struct SQLiteReaderTests {
    /// A reader on a test app's SQLite file holding `postings` generated postings, closed after `body`.
    private func withReader(postings: Int, _ body: (TestApp, SQLiteReader) async throws -> Void) async throws {
        try await withTestApp(.sqlite, seed: false) { t in
            _ = try await DemoJobs.generate(postings: postings, platform: "xiezuo", regions: t.regions, cipher: t.app.xiezuo.cipher, on: t.app.db)
            let reader = SQLiteReader(path: try #require(t.sqlitePath), threads: 2)
            do {
                try await body(t, reader)
            } catch {
                await reader.close()
                throw error
            }
            await reader.close()
        }
    }

    @Test("reads only: a write is refused and changes nothing")
    func readOnly() async throws {
        try await withReader(postings: 5) { t, reader in
            do {
                try await reader.read { connection in try connection.execute("DELETE FROM job_postings") }
                Issue.record("the reader wrote")
            } catch let error as SQLiteDirectError {
                #expect(error.message.contains("readonly"), "\(error)")
            }
            #expect(try await t.count("job_postings") == 5)
        }
    }

    @Test("reads see every commit before them: a kept statement holds no old snapshot")
    func seesCommits() async throws {
        try await withReader(postings: 3) { t, reader in
            let before = try await reader.read { try JobPostingRow.changes(after: 0, limit: 100, on: $0) }
            #expect(before.count == 3)
            _ = try await DemoJobs.generate(postings: 2, platform: "xiezuo", regions: t.regions, cipher: t.app.xiezuo.cipher, on: t.app.db)
            let after = try await reader.read { try JobPostingRow.changes(after: 0, limit: 100, on: $0) }
            #expect(after.count == 5)
            let latest = try #require(after.last?.changeSeq)
            let past = try await reader.read { try JobPostingRow.changes(after: latest - 1, limit: 100, on: $0) }
            #expect(past.map(\.changeSeq) == [latest])
        }
    }

    @Test("many reads at once share the threads' connections and each gets its whole answer")
    func concurrentReads() async throws {
        try await withReader(postings: 40) { t, reader in
            let all = try await reader.read { try JobPostingRow.changes(after: 0, limit: 100, on: $0) }
            #expect(all.count == 40)
            let answers = try await withThrowingTaskGroup(of: (Int, [Int64]).self) { group in
                for start in 0..<24 {
                    group.addTask {
                        let rows = try await reader.read { try JobPostingRow.changes(after: all[start].changeSeq, limit: 10, on: $0) }
                        return (start, rows.map(\.changeSeq))
                    }
                }
                return try await group.reduce(into: [Int: [Int64]]()) { $0[$1.0] = $1.1 }
            }
            for start in 0..<24 {
                #expect(answers[start] == Array(all[(start + 1)..<min(start + 11, 40)].map(\.changeSeq)))
            }
        }
    }

    @Test("after close, a read fails instead of waiting")
    func closed() async throws {
        try await withReader(postings: 1) { _, reader in
            _ = try await reader.read { try JobPostingRow.changes(after: 0, limit: 1, on: $0) }
            await reader.close()
            await #expect(throws: SQLiteThreadsError.self) {
                _ = try await reader.read { try JobPostingRow.changes(after: 0, limit: 1, on: $0) }
            }
        }
    }
}
