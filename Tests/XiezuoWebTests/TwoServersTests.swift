import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport
@testable import XiezuoWeb

/// Two `xiezuo serve` processes behind one load balancer on one PostgreSQL database (docs/deploy.md), as two apps
/// of this process with their own connections, job indexes, flow writers and periodic jobs.
@Suite("Two servers on one PostgreSQL database")
struct TwoServersTests {
    @Test("a session made on one server works on the other; a posting made on one is found by the other's search", arguments: TestDatabase.postgres)
    func sessionsAndSearch(database: TestDatabase) async throws {
        try await withTestApp(database) { a in
            try await a.withSecondServer { b in
                // Signed in on A, the same cookie is signed in on B (sessions live in the database).
                let browser = TestClient(a.app)
                try await browser.login("zhashui-officer", Fixture.password)
                let cookie = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
                let onB = try await TestClient(b.app).send(.GET, "/account", headers: ["Cookie": cookie])
                #expect(onB.status == .ok && onB.body.string.contains("zhashui-officer"), "\(onB.status)")
                // And a form on B takes the CSRF token A's page gave: signing out there ends the session everywhere.
                let csrf = try await browser.csrf(from: "/account")
                let form: HTTPHeaders = ["Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"]
                let out = try await TestClient(b.app).send(.POST, "/logout", headers: form, body: ByteBuffer(string: "_csrf=\(csrf)"))
                #expect(out.status == .seeOther, "\(out.status): \(out.body.string.prefix(200))")
                #expect(try await browser.send(.GET, "/account").status != .ok)
                // B's job index is built, then a posting made on A shows in B's next search.
                let search = "/api/v1/jobs?q=%E4%B8%A4%E5%8F%B0%E6%9C%8D%E5%8A%A1%E5%99%A8"  // 两台服务器
                #expect(try await TestClient(b.app).send(.GET, search).body.string.contains(#""total":0"#))
                let admin = try await a.principal("admin")
                let employer = try await a.employers.create(sampleEmployer(41), by: admin)
                let job = try await a.jobs.create(sampleJob("两台服务器厨师"), employerID: employer.id, by: admin)
                let found = try await TestClient(b.app).send(.GET, search).body.string
                #expect(found.contains(job.id.uuidString) && found.contains(#""total":1"#), "\(found.prefix(300))")
                // And its public page.
                #expect(try await TestClient(b.app).send(.GET, "/jobs/\(job.id)").status == .ok)
            }
        }
    }

    @Test("each periodic job runs once a period across the servers, whichever asks first; the next period one of them runs it again",
          arguments: TestDatabase.postgres)
    func periodicJobsOnce(database: TestDatabase) async throws {
        try await withTestApp(database) { a in
            try await a.withSecondServer { b in
                // A posting past its last day, for the sweep to expire.
                let admin = try await a.principal("admin")
                let employer = try await a.employers.create(sampleEmployer(42), by: admin)
                _ = try await a.jobs.create(sampleJob("过期厨师"), employerID: employer.id, by: admin)
                a.clock.advance(by: 70 * 86_400)
                async let first = PeriodicJobs.sweep(a.app)
                async let second = PeriodicJobs.sweep(b.app)
                let (ranOnA, ranOnB) = await (first, second)
                #expect(ranOnA != ranOnB, "exactly one server runs the sweep: A \(ranOnA), B \(ranOnB)")
                let sql = a.app.db as! any SQLDatabase
                #expect(try await sql.raw("SELECT COUNT(*) AS n FROM job_postings WHERE status = 'expired'").first()?.decode(column: "n", as: Int.self) == 1)
                // Within the period neither runs it again; the orders' job has a turn of its own.
                #expect(await PeriodicJobs.sweep(a.app) == false)
                #expect(await PeriodicJobs.sweep(b.app) == false)
                async let ordersA = PeriodicJobs.expireOrders(a.app)
                async let ordersB = PeriodicJobs.expireOrders(b.app)
                let (orderTurnA, orderTurnB) = await (ordersA, ordersB)
                #expect(orderTurnA != orderTurnB)
                // The next period: whoever asks first.
                a.clock.advance(by: PeriodicJobs.sweepPeriod)
                #expect(await PeriodicJobs.sweep(b.app) == true)
                #expect(await PeriodicJobs.sweep(a.app) == false)
                let row = try #require(try await sql.raw("SELECT ran_by FROM periodic_runs WHERE job = 'sweep'").first())
                #expect(try row.decode(column: "ran_by", as: String.self) == PeriodicTurn.server)
                // While one server holds a job's lock (a long run), the other skips its turn even when the period is over.
                a.clock.advance(by: PeriodicJobs.sweepPeriod)
                let held = try await a.app.db.withConnection { connection in
                    let session = connection as! any SQLDatabase
                    _ = try await session.raw("SELECT pg_advisory_lock(\(bind: PeriodicTurn.lockKey("sweep")))").all()
                    let ran = await PeriodicJobs.sweep(b.app)
                    _ = try await session.raw("SELECT pg_advisory_unlock(\(bind: PeriodicTurn.lockKey("sweep")))").all()
                    return ran
                }
                #expect(held == false)
                #expect(await PeriodicJobs.sweep(b.app) == true)
            }
        }
    }

    @Test("fund flows recorded on both servers at once are grouped per server and checked against one another's: never more disbursed than committed",
          arguments: TestDatabase.postgres)
    func groupCommitAcrossServers(database: TestDatabase) async throws {
        try await withTestApp(database) { a in
            try await a.withSecondServer { b in
                let admin = try await a.principal("admin")
                let project = try await a.projects.create(sampleProject("TWO-1"), status: .approved, by: admin)
                _ = try await a.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 100_00, date: "2025-04-01"), by: admin)
                let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for index in 0..<20 {
                        let flows = index % 2 == 0 ? a.flows : b.flows
                        group.addTask {
                            do {
                                _ = try await flows.record(on: project.id, FlowDraft(type: "disbursement", source: "jiangsu_aid", amount: 15_00,
                                                                                     date: "2025-05-01"), by: admin)
                                return true
                            } catch let error as DomainError where error.code == "exceeds_committed" {
                                return false
                            }
                        }
                    }
                    return try await group.reduce(into: [Bool]()) { $0.append($1) }
                }
                #expect(outcomes.filter { $0 }.count == 6, "\(outcomes)")
                let totals = try await b.flows.totals(of: project.id, by: admin)
                #expect(totals.committed == 100_00 && totals.disbursed == 90_00)
                // The running totals agree with the flows themselves.
                let sum = try await (a.app.db as! any SQLDatabase).raw("""
                    SELECT CAST(SUM(amount) AS BIGINT) AS total FROM fund_flows WHERE project_id = \(bind: project.id) AND type = 'disbursement'
                    """).first()?.decode(column: "total", as: Int64.self)
                #expect(sum == 90_00)
            }
        }
    }
}
