import Foundation
import Testing
import Vapor
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport
@testable import XiezuoWeb

@Suite("A sync's pipeline of pages")
struct SyncPipelineTests {
    @Test("a group hands the request for the page after it to the next group; every page is asked for once",
          arguments: TestDatabase.all)
    func requestCarriedAcrossGroups(database: TestDatabase) async throws {
        try await withTestApp(database, platform: "shaanxi") { sx in
            try await withTestApp(database, platform: "jiangsu") { js in
                let admin = try await sx.principal("admin")
                let employer = try await sx.employers.create(sampleEmployer(1, region: "611024", name: "山阳劳务公司"), by: admin)
                for title in ["保安员", "辅警", "家政服务员", "养老护理员", "快递员"] {
                    _ = try await sx.jobs.create(sampleJob(title, county: "611024"), employerID: employer.id, by: admin)
                }
                let port = try await sx.startServer()
                let relay = try await FlakyRelay.start(target: port)
                let token = try await sx.tokens.create(for: try await sx.account("demo-partner").id, name: "feed", by: .system).secret
                do {
                    // The demo data's postings come first: start after them.
                    let start = try await sx.exchange.latestChange() - 5
                    var sync = try PartnerSync(application: js.app, url: "http://127.0.0.1:\(relay.port)", token: token, partner: "shaanxi")
                    sync.pageSize = 2
                    sync.rowsPerTransaction = 2
                    let exchange = js.app.exchange
                    let log: @Sendable (String) -> Void = { _ in }

                    // A group of one page, and the request for the next page already made.
                    let first = try await sync.fetchGroup(after: nil, start: start, ahead: nil, exchange: exchange, log: log)
                    #expect(first.group.map(\.page.received) == [2])
                    let carried = try #require(first.ahead)
                    #expect(carried.after == first.group[0].page.next)
                    // The next group starts from it, and hands on the request for the third page.
                    let second = try await sync.fetchGroup(after: first.group[0].page, start: start, ahead: carried, exchange: exchange, log: log)
                    #expect(second.group.map(\.page.after) == [carried.after])
                    #expect(second.group.map(\.page.received) == [2])
                    // The last page says no more follow: nothing is asked for after it.
                    let third = try await sync.fetchGroup(after: second.group[0].page, start: start, ahead: second.ahead, exchange: exchange, log: log)
                    #expect(third.group.map(\.page.received) == [1])
                    #expect(third.ahead == nil)
                    #expect(relay.requests == 3)
                    let after = try await sync.fetchGroup(after: third.group[0].page, start: start, ahead: nil, exchange: exchange, log: log)
                    #expect(after.group.isEmpty)
                    #expect(relay.requests == 3)

                    // A request made for another cursor is dropped, and the page the group needs is fetched.
                    let stray = sync.ahead(start, log: log)
                    let again = try await sync.fetchGroup(after: first.group[0].page, start: start, ahead: stray, exchange: exchange, log: log)
                    #expect(again.group.map(\.page.after) == [first.group[0].page.next])

                    // A whole sync asks for each page once: the requests handed from group to group are all used.
                    _ = try? await again.ahead?.fetch.value
                    _ = try? await stray.fetch.value
                    let served = relay.requests
                    sync.pageSize = 7
                    sync.rowsPerTransaction = 7
                    let report = try await sync.run(log: log)
                    let held = try await sx.count("job_postings")
                    #expect(report.received == held)
                    #expect(relay.requests - served == (held + 6) / 7)
                } catch {
                    Issue.record(error)
                }
                try await relay.stop()
                await sx.stopServer()
            }
        }
    }
}
