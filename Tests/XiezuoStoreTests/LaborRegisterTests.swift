import Foundation
import SQLKit
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Labour registers: brands, training, workshops, gigs and trips, with their facts")
struct LaborRegisterTests {
    let today = Day(Date())

    func daysAgo(_ days: Int) -> Day { Day(Date().addingTimeInterval(-Double(days) * 86_400)) }

    @Test("brands: counted with their leading units; a name once; certificates name known brands and count their carriers",
          arguments: TestDatabase.all)
    func brands(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let zhashui = try await t.principal("zhashui-officer")
            let fuping = try await t.principal("fuping-officer")
            let brand = try await t.brands.create(sampleBrand(units: 2), by: zhashui)
            #expect(try await t.actual("611026", "labor_brands") == 1)
            #expect(try await t.actual("61", "labor_brand_leading_units") == 2)
            // A stock figure: it still counts in a later year.
            #expect(try await t.actual("611026", "labor_brands", year: today.year + 1) == 1)
            await #expect(throws: DomainError(.conflict, code: "brand_name_taken", field: "name")) {
                _ = try await t.brands.create(sampleBrand(county: "611026"), by: zhashui)
            }
            await #expect(throws: DomainError.forbidden) { _ = try await t.brands.create(sampleBrand("富平X", county: "611026"), by: fuping) }
            await #expect(throws: DomainError.notFound("brand")) { _ = try await t.brands.update(brand.id, with: sampleBrand(), by: fuping) }
            // A worker's certificate must name a brand on record; then the brand counts the worker.
            var draft = sampleWorker(31)
            draft.certificates = ["不存在的品牌"]
            await #expect(throws: DomainError.invalid("certificates", "unknown_brand", ["name": "不存在的品牌"])) {
                _ = try await t.workers.register(draft, by: zhashui)
            }
            #expect(try await t.count("workers") == 0)
            draft.certificates = [brand.name]
            let worker = try await t.workers.register(draft, by: zhashui)
            #expect(try await t.brands.carriers(of: [brand.id]) == [brand.id: 1])
            // A new name reaches the worker's certificate; the carrier cannot lose the brand by deletion.
            var renamed = sampleBrand("柞水厨工", units: 2)
            renamed.level = "city"
            _ = try await t.brands.update(brand.id, with: renamed, by: zhashui)
            #expect(try await t.workers.get(worker.id, by: zhashui).certificates == ["柞水厨工"])
            await #expect(throws: DomainError(.conflict, code: "brand_has_workers")) { try await t.brands.delete(brand.id, by: zhashui) }
            draft.certificates = []
            _ = try await t.workers.update(worker.id, with: draft, by: zhashui)
            try await t.brands.delete(brand.id, by: zhashui)
            #expect(try await t.actual("611026", "labor_brands") == 0)
            #expect(try await t.actual("611026", "labor_brand_leading_units") == 0)
        }
    }

    @Test("training: seats and one place per worker; each step books its fact; a brand's certificate makes the worker carry it",
          arguments: TestDatabase.all)
    func training(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let zhashui = try await t.principal("zhashui-officer")
            let fuping = try await t.principal("fuping-officer")
            let me = try await t.principal("demo-worker")
            let brand = try await t.brands.create(sampleBrand(), by: zhashui)
            let programme = try await t.training.save(sampleTraining(start: daysAgo(40).description, end: daysAgo(-5).description, seats: 2,
                                                                     brand: brand.id), by: zhashui)
            await #expect(throws: DomainError.forbidden) {
                _ = try await t.training.save(sampleTraining(county: "610528", start: "2026-01-01", end: "2026-02-01"), by: zhashui)
            }
            let first = try await t.workers.register(sampleWorker(41), by: zhashui)
            let second = try await t.workers.register(sampleWorker(43), by: zhashui)
            let mine = try await t.workers.register(sampleWorker(45), by: me)
            let enrolment = try await t.training.enrol(first.id, in: programme.id, by: zhashui)
            await #expect(throws: DomainError(.conflict, code: "already_enrolled")) { _ = try await t.training.enrol(first.id, in: programme.id, by: zhashui) }
            // Another county's officer cannot enrol this county's worker; a worker enrols themselves.
            await #expect(throws: DomainError.notFound("worker")) { _ = try await t.training.enrol(second.id, in: programme.id, by: fuping) }
            _ = try await t.training.enrol(mine.id, in: programme.id, by: me)
            await #expect(throws: DomainError(.conflict, code: "training_full")) { _ = try await t.training.enrol(second.id, in: programme.id, by: zhashui) }
            await #expect(throws: DomainError.invalid("seats", "fewer_than_enrolled", ["count": "2"])) {
                _ = try await t.training.save(sampleTraining(start: daysAgo(40).description, end: daysAgo(-5).description, seats: 1), id: programme.id,
                                              by: zhashui)
            }
            // Steps by the programme's staff only.
            await #expect(throws: DomainError.notFound("enrolment")) { _ = try await t.training.record(enrolment.id, .completed, by: fuping) }
            await #expect(throws: DomainError.notFound("enrolment")) { _ = try await t.training.record(enrolment.id, .completed, by: me) }
            _ = try await t.training.record(enrolment.id, .completed, on: daysAgo(2), by: zhashui)
            _ = try await t.training.record(enrolment.id, .certified, on: daysAgo(1), certificateNumber: "ZS-2026-001", by: zhashui)
            _ = try await t.training.record(enrolment.id, .employed, by: zhashui)
            for region in ["611026", "6110", "61"] {
                #expect(try await t.actual(region, "training_completions") == 1, "\(region)")
                #expect(try await t.actual(region, "training_certified") == 1, "\(region)")
                #expect(try await t.actual(region, "training_employed") == 1, "\(region)")
            }
            #expect(try await t.workers.get(first.id, by: zhashui).certificates == [brand.name])
            #expect(try await t.brands.carriers(of: [brand.id]) == [brand.id: 1])
            let trainees = try await t.training.trainees(of: programme.id, by: zhashui)
            #expect(trainees.map(\.enrolment.stage).sorted() == ["employed", "enrolled"])
            await #expect(throws: DomainError.notFound("training")) { _ = try await t.training.trainees(of: programme.id, by: fuping) }
            let before = try await t.facts.snapshot()
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == before)
        }
    }

    @Test("workshops: stock figures from the month they opened, moved by an edit, removed with the workshop", arguments: TestDatabase.all)
    func workshops(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let zhashui = try await t.principal("zhashui-officer")
            var draft = AssistanceWorkshopDraft(name: "营盘香菇车间", countyCode: "611026", village: "营盘镇", owner: "营盘合作社", product: "香菇",
                                                opened: "2024-05-01", workers: 40, workersPovertyLifted: 25)
            let workshop = try await t.workshops.save(draft, by: zhashui)
            #expect(try await t.actual("611026", "workshops") == 1)
            #expect(try await t.actual("6110", "workshop_jobs") == 40)
            #expect(try await t.actual("61", "workshop_jobs_poverty_lifted") == 25)
            draft.workers = 50
            draft.workersPovertyLifted = 60
            await #expect(throws: DomainError.invalid("workersPovertyLifted", "part_exceeds_whole")) {
                _ = try await t.workshops.save(draft, id: workshop.id, by: zhashui)
            }
            draft.workersPovertyLifted = 30
            _ = try await t.workshops.save(draft, id: workshop.id, by: zhashui)
            #expect(try await t.actual("611026", "workshop_jobs") == 50)
            #expect(try await t.actual("611026", "workshop_jobs_poverty_lifted") == 30)
            let before = try await t.facts.snapshot()
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == before)
            await #expect(throws: DomainError.notFound("workshop")) { try await t.workshops.delete(workshop.id, by: try await t.principal("fuping-officer")) }
            try await t.workshops.delete(workshop.id, by: zhashui)
            #expect(try await t.actual("611026", "workshops") == 0)
            #expect(try await t.actual("611026", "workshop_jobs") == 0)
        }
    }

    @Test("gigs: sign-ups up to the headcount, once per worker, again after a cancellation; work confirmed by the market's staff",
          arguments: TestDatabase.all)
    func gigs(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let zhashui = try await t.principal("zhashui-officer")
            let me = try await t.principal("demo-worker")
            let market = try await t.gigs.saveMarket(GigMarketDraft(name: "柞水零工市场", countyCode: "611026", address: "县城", hours: "7:00–18:00",
                                                                    services: ["matching"]), by: zhashui)
            let gig = try await t.gigs.saveTask(GigTaskDraft(title: "采茶", date: today.description, place: "营盘镇", pay: 15_000, payUnit: "day",
                                                             headcount: 1), market: market.id, by: zhashui)
            let mine = try await t.workers.register(sampleWorker(51), by: me)
            let other = try await t.workers.register(sampleWorker(53), by: zhashui)
            let signup = try await t.gigs.signUp(mine.id, for: gig.id, by: me)
            await #expect(throws: DomainError(.conflict, code: "already_signed_up")) { _ = try await t.gigs.signUp(mine.id, for: gig.id, by: me) }
            await #expect(throws: DomainError(.conflict, code: "gig_full")) { _ = try await t.gigs.signUp(other.id, for: gig.id, by: zhashui) }
            // Only the staff confirm the work; the worker may cancel, which frees the place.
            await #expect(throws: DomainError.forbidden) { _ = try await t.gigs.answer(signup.id, .completed, paid: 15_000, by: me) }
            _ = try await t.gigs.answer(signup.id, .cancelled, by: me)
            #expect(try await t.gigs.takenCounts([gig.id])[gig.id] == nil)
            let otherSignup = try await t.gigs.signUp(other.id, for: gig.id, by: zhashui)
            // Full again: the worker who cancelled cannot take the place back.
            await #expect(throws: DomainError(.conflict, code: "gig_full")) { _ = try await t.gigs.signUp(mine.id, for: gig.id, by: me) }
            let done = try await t.gigs.answer(otherSignup.id, .completed, paid: 15_000, by: zhashui)
            #expect(done.status == .completed && done.paid == 15_000)
            await #expect(throws: DomainError.invalid("status", "illegal_signup_move", ["from": "completed", "to": "cancelled"])) {
                _ = try await t.gigs.answer(otherSignup.id, .cancelled, by: zhashui)
            }
            #expect(try await t.gigs.signups(of: gig.id, by: zhashui).count == 2)
            #expect(try await t.gigs.signups(ofWorker: mine.id, by: me).count == 1)
        }
    }

    @Test("trips: a county's workers board for jobs of the trip's employers; the arrival records their placements once",
          arguments: TestDatabase.all)
    func trips(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let zhashui = try await t.principal("zhashui-officer")
            let fuping = try await t.principal("fuping-officer")
            let gaochun = try await t.pairing("320118", "611026")
            let employer = try await t.employers.create(sampleEmployer(3, region: "320118"), by: admin)
            let job = try await t.jobs.create(sampleJob("中式烹调师", county: "320118"), employerID: employer.id, by: admin)
            let elsewhere = try await t.employers.create(sampleEmployer(5, region: "320118", name: "另一家"), by: admin)
            let otherJob = try await t.jobs.create(sampleJob("面点师", county: "320118"), employerID: elsewhere.id, by: admin)
            let trip = try await t.trips.save(DirectTripDraft(date: daysAgo(3).description, fromCounty: "611026", destinationCode: "3201",
                                                              employerIds: [employer.id], seats: 40), by: zhashui)
            #expect(trip.pairingID == gaochun.id)
            await #expect(throws: DomainError.forbidden) {
                _ = try await t.trips.save(DirectTripDraft(date: today.description, fromCounty: "610528", destinationCode: "3201",
                                                           employerIds: [employer.id], seats: 40), by: zhashui)
            }
            let first = try await t.workers.register(sampleWorker(61), by: zhashui)
            let second = try await t.workers.register(sampleWorker(63, poverty: "other"), by: zhashui)
            let outsider = try await t.workers.register(sampleWorker(65, home: "610528001"), by: fuping)
            _ = try await t.trips.board(trip.id, worker: first.id, posting: job.id, by: zhashui)
            _ = try await t.trips.board(trip.id, worker: second.id, posting: job.id, by: zhashui)
            await #expect(throws: DomainError.invalid("workerId", "unknown_worker")) {
                _ = try await t.trips.board(trip.id, worker: outsider.id, posting: job.id, by: zhashui)
            }
            await #expect(throws: DomainError.invalid("postingId", "employer_not_on_trip")) {
                _ = try await t.trips.board(trip.id, worker: outsider.id, posting: otherJob.id, by: admin)
            }
            await #expect(throws: DomainError.notFound("trip")) { _ = try await t.trips.move(trip.id, to: .arrived, by: fuping) }
            let arrived = try await t.trips.move(trip.id, to: .arrived, by: zhashui)
            #expect(arrived.status == .arrived)
            let applications = try await t.applications.forWorker(first.id, by: zhashui)
            #expect(applications.count == 1 && applications[0].status == .hired && applications[0].startDate == today)
            #expect(applications[0].pairingID == gaochun.id && applications[0].placeCode == "320118")
            #expect(try await t.workers.get(first.id, by: zhashui).status == .employedInJiangsu)
            for region in ["611026", "61", "320118"] {
                #expect(try await t.actual(region, "workers_placed") == 2, "\(region)")
                #expect(try await t.actual(region, "workers_placed_poverty_lifted") == 1, "\(region)")
                #expect(try await t.actual(region, "workers_placed_in_jiangsu") == 2, "\(region)")
            }
            await #expect(throws: DomainError.invalid("status", "trip_not_planned")) {
                _ = try await t.trips.board(trip.id, worker: outsider.id, posting: job.id, by: admin)
            }
            await #expect(throws: DomainError.invalid("status", "illegal_trip_move", ["from": "arrived", "to": "cancelled"])) {
                _ = try await t.trips.move(trip.id, to: .cancelled, by: zhashui)
            }
            #expect(try await t.trips.riders(of: trip.id, by: zhashui).map(\.workerName).sorted() == [first.name, second.name].sorted())
            let before = try await t.facts.snapshot()
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == before)
        }
    }

    @Test("the demo registers: the letter's 97 brands and 111 leading units, the three named brands, facts equal to a rebuild",
          arguments: [TestDatabase.sqlite])
    func demo(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            _ = try await DemoJobs.generate(postings: 200, platform: "xiezuo", regions: t.regions, cipher: t.app.xiezuo.cipher, on: t.app.db)
            _ = try await DemoWorkers.generate(count: 60, regions: t.regions, cipher: t.app.xiezuo.cipher, search: t.app.xiezuo.jobSearch, on: t.app.db)
            let report = try await DemoLabor.generate(regions: t.regions, on: t.app.db)
            #expect(report.brands == 97 && report.leadingUnits == 111)
            #expect(report.programmes > 0 && report.trainees > 0 && report.markets > 0 && report.gigs > 0 && report.workshops > 0)
            let totals = try await t.brands.totals(region: nil)
            #expect(totals.brands == 97 && totals.leadingUnits == 111)
            for name in ["丹凤厨工", "紫阳修脚师", "山阳辅警"] {
                let brand = try #require(try await t.brands.list(region: nil, search: name).items.first { $0.name == name })
                #expect(!brand.generated)
            }
            let listed = try await t.brands.list(region: nil, page: Paging(perPage: 200)).items
            #expect(listed.filter { !$0.generated }.count == 3 && listed.filter(\.generated).allSatisfy { $0.name.contains("演示") })
            #expect(try await t.actual("61", "labor_brands") == 97)
            #expect(try await t.actual("61", "training_completions")! > 0)
            let before = try await t.facts.snapshot()
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == before)
        }
    }
}
