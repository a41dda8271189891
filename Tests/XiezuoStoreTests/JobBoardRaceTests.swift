import Foundation
import SQLKit
import Testing
import XiezuoCore
import XiezuoSQLite
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("A search during the index's build: the database's answer, or the index's if it is ready first")
struct JobBoardRaceTests {
    let fromIndex = JobSearchIndex.Hits(ids: [UUID()], total: 1)
    let fromDatabase = JobSearchIndex.Hits(ids: [UUID(), UUID()], total: 2)

    @Test("the index ready first answers while the database's scan is still running; a stopped build leaves the database's answer")
    func first() async throws {
        // The database's answer waits until the test lets it go: it is still running when the index answers.
        let (gate, open) = AsyncStream<Void>.makeStream()
        let fromDatabase = self.fromDatabase
        let fromIndex = self.fromIndex
        let answered = try await JobBoard.first({
            for await _ in gate { break }
            return fromDatabase
        }, or: { fromIndex })
        #expect(answered == fromIndex)
        open.finish()
        // No index (its build stopped): the database's answer, however late.
        #expect(try await JobBoard.first({ await Task.yield(); return fromDatabase }, or: { nil }) == fromDatabase)
        // The database's error is the search's.
        struct Failed: Error {}
        await #expect(throws: Failed.self) { try await JobBoard.first({ throw Failed() }, or: { nil }) }
    }

    @Test("waiting for the index returns at once when no build is under way, and when it is ready", arguments: TestDatabase.all)
    func waiting(database: TestDatabase) async throws {
        try await withTestApp(database, seed: false) { t in
            let search = JobSearch()
            await search.waitUntilReady()
            #expect(!search.isReady)
            let index = try await search.readyIndex(on: t.app.db, today: t.today)
            #expect(index != nil && search.isReady)
            await search.waitUntilReady()
        }
    }

    @Test("a database search abandoned before the reader's thread takes it does not run")
    func abandoned() async throws {
        try await withTestApp(.sqlite, seed: false) { t in
            let reader = try #require(t.app.xiezuo.jobSearch.searchReader)
            let sql = t.app.db as! any SQLDatabase
            let query = sql.select().column(SQLRaw("COUNT(*)"), as: "n").from("job_postings")
            #expect(try await SQLiteDirect.rows(query, serialisedBy: sql, on: reader).first?.decode(column: "n", as: Int.self) == 0)
            let (start, go) = AsyncStream<Void>.makeStream()
            let search = Task {
                for await _ in start { break }
                return try await SQLiteDirect.rows(query, serialisedBy: sql, on: reader)
            }
            search.cancel()
            go.finish()
            await #expect(throws: CancellationError.self) { try await search.value }
        }
    }
}
