import Foundation
import Testing
import XiezuoCore
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
}
