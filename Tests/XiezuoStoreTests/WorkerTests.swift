import Foundation
import SQLKit
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Workers: registry, personal data, matching and placements")
struct WorkerTests {
    let today = Day(Date())

    @Test("registering: the ID number is sealed, masked, deduplicated; full reads are audited and only for those who need them",
          arguments: TestDatabase.all)
    func registry(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let zhashui = try await t.principal("zhashui-officer")
            let fuping = try await t.principal("fuping-officer")
            let worker = try await t.workers.register(sampleWorker(123), by: zhashui)
            let number = sampleIDNumber(123)
            #expect(worker.idNumber == String(number.prefix(4)) + "**********" + String(number.suffix(4)))
            #expect(worker.phone == "139****5678")
            #expect(worker.gender == .male && worker.birthDate == Day("1990-01-01"))
            #expect(worker.status == .unemployed)
            // The same person again, by another officer with another name: refused.
            var again = sampleWorker(123, home: "610528001", name: "别名")
            again.idNumber = number.lowercased()
            await #expect(throws: DomainError(.conflict, code: "id_registered", field: "idNumber")) {
                _ = try await t.workers.register(again, by: fuping)
            }
            #expect(try await t.count("workers") == 1)
            // The raw stored row holds no plaintext number.
            let sql = t.app.db as! any SQLDatabase
            let row = try #require(try await sql.raw("SELECT * FROM workers").first())
            for column in ["id_sealed", "id_masked", "id_index", "phone_sealed", "phone_masked", "body"] {
                let value = try row.decode(column: column, as: String.self)
                #expect(!value.contains(number) && !value.contains("13912345678"), "\(column)")
            }
            // Nor do the raw bytes of the database file and its write-ahead log, as text in either encoding.
            if let path = t.sqlitePath {
                var bytes = Data()
                for suffix in ["", "-wal"] { bytes.append((try? Data(contentsOf: URL(fileURLWithPath: path + suffix))) ?? Data()) }
                #expect(bytes.count > 10_000)
                #expect(bytes.range(of: Data(number.utf8)) == nil && bytes.range(of: Data(number.utf16BigEndianBytes)) == nil)
                #expect(bytes.range(of: Data("13912345678".utf8)) == nil)
                // The test can fail: the masked number is there in the clear.
                #expect(bytes.range(of: Data(worker.idNumber.utf8)) != nil)
            }
            // Another county's officer neither sees nor reveals; the county's officer reveals, and it is audited.
            await #expect(throws: DomainError.notFound("worker")) { _ = try await t.workers.get(worker.id, by: fuping) }
            await #expect(throws: DomainError.notFound("worker")) { _ = try await t.workers.reveal(worker.id, reason: "核对", by: fuping) }
            let reveals = try await t.audit.list(AuditFilter(entity: "worker", action: "reveal"), by: try await t.principal("admin")).total
            let revealed = try await t.workers.reveal(worker.id, reason: "核对", by: zhashui)
            #expect(revealed.idNumber == number && revealed.phone == "13912345678" && revealed.revealed)
            #expect(try await t.audit.list(AuditFilter(entity: "worker", action: "reveal"), by: try await t.principal("admin")).total == reveals + 1)
            #expect(try await t.workers.list(by: fuping).total == 0)
            #expect(try await t.workers.list(by: zhashui).items.map(\.id) == [worker.id])
        }
    }

    @Test("a worker registers once, sees only their own profile, and cannot register someone else's home",
          arguments: TestDatabase.all)
    func selfRegistration(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let me = try await t.principal("demo-worker")
            let zhashui = try await t.principal("zhashui-officer")
            let other = try await t.workers.register(sampleWorker(5), by: zhashui)
            let mine = try await t.workers.register(sampleWorker(7), by: me)
            #expect(mine.accountID == me.accountID)
            #expect(try await t.workers.mine(by: me)?.id == mine.id)
            await #expect(throws: DomainError(.conflict, code: "profile_exists")) { _ = try await t.workers.register(sampleWorker(9), by: me) }
            await #expect(throws: DomainError.notFound("worker")) { _ = try await t.workers.get(other.id, by: me) }
            #expect(try await t.workers.reveal(mine.id, reason: "核对", by: me).idNumber == sampleIDNumber(7))
            var edit = sampleWorker(7)
            edit.minWage = 500_000
            #expect(try await t.workers.update(mine.id, with: edit, by: me).minWage == 500_000)
            await #expect(throws: DomainError.forbidden) { _ = try await t.workers.list(by: me) }
        }
    }

    @Test("matches with reasons; a placement moves the worker's status and the facts once per pairing", arguments: TestDatabase.all)
    func placement(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let zhashui = try await t.principal("zhashui-officer")
            let employer = try await t.employers.create(sampleEmployer(1, region: "320118"), by: admin)
            let cook = try await t.jobs.create(sampleJob("中式烹调师", county: "320118"), employerID: employer.id, by: admin)
            let porter = try await t.jobs.create(sampleJob("搬运工", county: "610528", occupation: "6-01-01-01", benefits: []),
                                                 employerID: employer.id, by: admin)
            let worker = try await t.workers.register(sampleWorker(11), by: zhashui)
            let matches = try await t.matching.jobs(for: worker.id, by: zhashui)
            #expect(matches.first?.listing.posting.id == cook.id)
            #expect(matches.first?.score.reasons.map(\.code) == ["wished_occupation", "paired_city", "wage_above_minimum", "board_and_lodging"])
            #expect(matches.map(\.listing.posting.id).contains(porter.id))
            // The posting's side sees the top workers for its posting: staff covering the worker their masked profile,
            // everyone else a pseudonymous card; another county's officer nothing.
            let forCook = try await t.matching.workers(for: cook.id, by: admin)
            #expect(forCook.first?.card.workerID == worker.id && forCook.first?.card.access == .covering)
            await #expect(throws: DomainError.notFound("job")) { _ = try await t.matching.workers(for: cook.id, by: try await t.principal("fuping-officer")) }

            let application = try await t.applications.apply(worker: worker.id, to: cook.id, by: zhashui)
            await #expect(throws: DomainError(.conflict, code: "already_applied")) {
                _ = try await t.applications.apply(worker: worker.id, to: cook.id, by: zhashui)
            }
            await #expect(throws: DomainError.invalid("monthlyWage", "required")) {
                _ = try await t.applications.hire(application.id, HireDraft(startDate: today.description), by: admin)
            }
            let hired = try await t.applications.hire(application.id, HireDraft(startDate: today.description, monthlyWage: 700_000), by: admin)
            let gaochun = try await t.pairing("320118", "611026")
            #expect(hired.status == .hired && hired.placeCode == "320118" && hired.pairingID == gaochun.id)
            #expect(try await t.workers.get(worker.id, by: zhashui).status == .employedInJiangsu)
            await #expect(throws: DomainError.invalid("status", "illegal_application_move", ["from": "hired", "to": "withdrawn"])) {
                _ = try await t.applications.respond(application.id, .withdrawn, by: zhashui)
            }
            func actual(_ region: String, _ code: String) async throws -> Int64? {
                try await t.dashboards.region(region, year: today.year, by: admin, today: today).figures.first { $0.code == code }?.actual
            }
            for region in ["611026", "6110", "61", "320118", "32"] {
                #expect(try await actual(region, "workers_placed") == 1, "\(region)")
                #expect(try await actual(region, "workers_placed_poverty_lifted") == 1, "\(region)")
                #expect(try await actual(region, "workers_placed_in_jiangsu") == 1, "\(region)")
            }
            let pairing = try await t.dashboards.pairing(gaochun.id, year: today.year, by: admin, today: today)
            #expect(pairing.figures.first { $0.code == "workers_placed" }?.actual == 1)
            // A second job through the same pairing in the same year does not count the worker twice.
            let second = try await t.jobs.create(sampleJob("面点师", county: "320118", occupation: "4-03-02-02"), employerID: employer.id, by: admin)
            let again = try await t.applications.apply(worker: worker.id, to: second.id, by: zhashui)
            _ = try await t.applications.hire(again.id, HireDraft(startDate: today.description, monthlyWage: 650_000), by: admin)
            #expect(try await actual("611026", "workers_placed") == 1)
            // A change of poverty status moves the facts; a rebuild agrees.
            var edit = sampleWorker(11)
            edit.povertyStatus = "other"
            _ = try await t.workers.update(worker.id, with: edit, by: zhashui)
            #expect(try await actual("611026", "workers_placed_poverty_lifted") == 0)
            let before = try await t.facts.snapshot()
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == before)
        }
    }

    @Test("the demo workers: valid fictitious numbers, labelled names, placements in the facts equal to a rebuild",
          arguments: [TestDatabase.sqlite])
    func demo(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            _ = try await DemoJobs.generate(postings: 120, platform: "xiezuo", regions: t.regions, cipher: t.app.xiezuo.cipher, on: t.app.db)
            let report = try await DemoWorkers.generate(count: 30, regions: t.regions, cipher: t.app.xiezuo.cipher,
                                                        search: t.app.xiezuo.jobSearch, on: t.app.db)
            #expect(report.workers == 30 && report.applications > 0 && report.placements > 0)
            let admin = try await t.principal("admin")
            let listed = try await t.workers.list(by: admin, page: Paging(perPage: 100)).items
            #expect(listed.allSatisfy { $0.name.hasSuffix("（演示）") })
            for worker in listed.prefix(5) {
                #expect((try? IDCardNumber(try await t.workers.reveal(worker.id, reason: "核对", by: admin).idNumber, today: Day(Date()))) != nil)
            }
            let before = try await t.facts.snapshot()
            #expect(before.keys.contains { $0.hasSuffix("|workers_placed") })
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == before)
        }
    }
}

extension String {
    /// The UTF-16 big-endian bytes (how a text column could be stored in an SQLite file of that encoding).
    var utf16BigEndianBytes: [UInt8] { utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }
}
