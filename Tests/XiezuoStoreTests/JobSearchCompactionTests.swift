import Foundation
import SQLKit
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("The job index compacts beside the one in use")
struct JobSearchCompactionTests {
    @Test("more than half its numbers dead: searches go on with the old index while a fresh one is built, then the fresh one answers the same", arguments: TestDatabase.all)
    func compaction(database: TestDatabase) async throws {
        try await withTestApp(database, seed: false) { t in
            _ = try await DemoJobs.generate(postings: 1_100, platform: "xiezuo", regions: t.regions, cipher: t.app.xiezuo.cipher, on: t.app.db)
            let search = t.app.xiezuo.jobSearch
            let first = try await search.current(on: t.app.db, today: t.today)
            let query = JobQuery(text: "", sort: .newest)
            #expect(first.count == 1_100 && first.numbered == 1_100)
            // Every posting changed (each gets a new number, its old one dead) and 100 closed (their numbers dead).
            let sql = t.app.db as! any SQLDatabase
            try await sql.raw("UPDATE job_postings SET change_seq = change_seq + 1000000").run()
            let closed = try await sql.raw("SELECT id FROM job_postings ORDER BY id LIMIT 100").all().map { try $0.decode(column: "id", as: UUID.self) }
            try await sql.update("job_postings").set("status", to: SQLBind(JobStatus.filled.rawValue)).set("change_seq", to: SQLRaw("change_seq + 2000000"))
                .where("id", .in, SQLBind.group(closed)).run()
            let stale = try await search.current(on: t.app.db, today: t.today)
            #expect(stale.count == 1_000 && stale.numbered == 2_100 && stale.needsCompaction)
            let expected = stale.search(query, today: t.today, offset: 0, limit: 2_000)
            // The next search starts the compaction and is answered at once by the index in use.
            let during = try await search.current(on: t.app.db, today: t.today)
            #expect(during.numbered == 2_100 && during.search(query, today: t.today, offset: 0, limit: 2_000).total == expected.total)
            await search.compacted()
            let fresh = try await search.current(on: t.app.db, today: t.today)
            #expect(fresh.count == 1_000 && fresh.numbered == 1_000 && !fresh.needsCompaction)
            let after = fresh.search(query, today: t.today, offset: 0, limit: 2_000)
            #expect(after.total == expected.total && Set(after.ids) == Set(expected.ids))
            // A change made after the compaction is found at the next search.
            try await sql.update("job_postings").set("status", to: SQLBind(JobStatus.filled.rawValue)).set("change_seq", to: SQLRaw("change_seq + 3000000"))
                .where("id", .equal, SQLBind(after.ids[0])).run()
            #expect(try await search.current(on: t.app.db, today: t.today).count == 999)
        }
    }
}
