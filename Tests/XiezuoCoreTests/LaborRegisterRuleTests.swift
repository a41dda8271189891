import Foundation
import Testing
@testable import XiezuoCore

@Suite("Labour register rules: brands, training, workshops, gigs, trips")
struct LaborRegisterRuleTests {
    let regions = RegionDirectory([
        Region(code: "32", name: "江苏省", level: .province, parentCode: nil),
        Region(code: "3201", name: "南京市", level: .city, parentCode: "32"),
        Region(code: "320118", name: "高淳区", level: .county, parentCode: "3201"),
        Region(code: "3205", name: "苏州市", level: .city, parentCode: "32"),
        Region(code: "61", name: "陕西省", level: .province, parentCode: nil),
        Region(code: "6110", name: "商洛市", level: .city, parentCode: "61"),
        Region(code: "611026", name: "柞水县", level: .county, parentCode: "6110"),
    ])
    let today = Day("2026-11-29")!

    @Test("a brand needs a Shaanxi county, a well-formed occupation, a known level, a past year and distinct units")
    func brands() throws {
        let good = LaborBrandDraft(name: "柞水厨工", countyCode: "611026", occupationCode: "4-03", level: "province", since: 2021,
                                   leadingUnits: [.init(name: "柞水职教中心", kind: "training_institution")])
        let brand = try good.validated(in: regions, id: UUID(), today: today)
        #expect(brand.level == .province && brand.leadingUnits.first?.kind == .trainingInstitution)
        let cases: [(LaborBrandDraft, DomainError)] = [
            ({ var d = good; d.countyCode = "320118"; return d }(), .invalid("countyCode", "not_shaanxi_county")),
            ({ var d = good; d.occupationCode = "9-99"; return d }(), .invalid("occupationCode", "occupation_format")),
            ({ var d = good; d.level = "world"; return d }(), .invalid("level", "unknown_choice", ["value": "world"])),
            ({ var d = good; d.since = 2027; return d }(), .invalid("since", "in_future")),
            ({ var d = good; d.name = "两行\n名称"; return d }(), .invalid("name", "one_line")),
            ({ var d = good; d.leadingUnits = [.init(name: "甲", kind: "enterprise"), .init(name: "甲", kind: "cooperative")]; return d }(),
             .invalid("leadingUnits[1].name", "duplicate")),
            ({ var d = good; d.leadingUnits = [.init(name: "甲", kind: "bank")]; return d }(),
             .invalid("leadingUnits[0].kind", "unknown_choice", ["value": "bank"])),
        ]
        for (draft, error) in cases {
            #expect(throws: error) { _ = try draft.validated(in: regions, id: UUID(), today: today) }
        }
        let facts = FactRules.contributions(of: brand)
        #expect(facts[FactKey(indicator: "labor_brands", countyCode: "611026", pairingID: nil, month: 202101)] == 1)
        #expect(facts[FactKey(indicator: "labor_brand_leading_units", countyCode: "611026", pairingID: nil, month: 202101)] == 1)
    }

    @Test("order-based training names its employer and a commitment within the seats; project-based has neither")
    func programmes() throws {
        let employer = UUID()
        let order = TrainingProgrammeDraft(name: "家政订单班", mode: "order_based", occupationCode: "4-10-01-06", provider: "某家政公司",
                                           countyCode: "611026", employerId: employer, hireCommitment: 10, seats: 20,
                                           startsOn: "2026-12-01", endsOn: "2026-12-20", subsidy: 200_000)
        let programme = try order.validated(in: regions, id: UUID(), employerKnown: true, brandKnown: false)
        #expect(programme.employerID == employer && programme.hireCommitment == 10)
        #expect(throws: DomainError.invalid("employerId", "unknown_employer")) {
            _ = try order.validated(in: regions, id: UUID(), employerKnown: false, brandKnown: false)
        }
        var more = order
        more.hireCommitment = 21
        #expect(throws: DomainError.invalid("hireCommitment", "part_exceeds_whole")) {
            _ = try more.validated(in: regions, id: UUID(), employerKnown: true, brandKnown: false)
        }
        var project = order
        project.mode = "project_based"
        #expect(throws: DomainError.invalid("employerId", "not_for_project_based")) {
            _ = try project.validated(in: regions, id: UUID(), employerKnown: true, brandKnown: false)
        }
        var backwards = order
        backwards.endsOn = "2026-11-30"
        #expect(throws: DomainError.invalid("endsOn", "ends_before_start")) {
            _ = try backwards.validated(in: regions, id: UUID(), employerKnown: true, brandKnown: false)
        }
        var unknownBrand = order
        unknownBrand.brandId = UUID()
        #expect(throws: DomainError.invalid("brandId", "unknown_brand")) {
            _ = try unknownBrand.validated(in: regions, id: UUID(), employerKnown: true, brandKnown: false)
        }
    }

    @Test("a trainee's steps come in order, once each, dated between the start and today; each books its fact")
    func enrolmentSteps() throws {
        let programme = try TrainingProgrammeDraft(
            name: "厨师班", mode: "project_based", occupationCode: "4-03-02-01", provider: "职教中心", countyCode: "611026", seats: 5,
            startsOn: "2026-09-01", endsOn: "2026-10-01").validated(in: regions, id: UUID(), employerKnown: false, brandKnown: false)
        let enrolled = TrainingEnrolment(id: UUID(), programmeID: programme.id, workerID: UUID(), countyCode: "611026", enrolledOn: Day("2026-08-20")!)
        let day = Day("2026-10-01")!
        #expect(throws: DomainError.invalid("step", "not_completed")) {
            _ = try enrolled.recording(.certified, on: day, certificateNumber: "C1", programme: programme, today: today)
        }
        #expect(throws: DomainError.invalid("date", "before_training_start")) {
            _ = try enrolled.recording(.completed, on: Day("2026-08-31")!, certificateNumber: nil, programme: programme, today: today)
        }
        #expect(throws: DomainError.invalid("date", "in_future")) {
            _ = try enrolled.recording(.completed, on: Day("2026-11-30")!, certificateNumber: nil, programme: programme, today: today)
        }
        let completed = try enrolled.recording(.completed, on: day, certificateNumber: nil, programme: programme, today: today)
        #expect(throws: DomainError.invalid("step", "step_already_recorded")) {
            _ = try completed.recording(.completed, on: day, certificateNumber: nil, programme: programme, today: today)
        }
        #expect(throws: DomainError.invalid("certificateNumber", "required")) {
            _ = try completed.recording(.certified, on: day, certificateNumber: " ", programme: programme, today: today)
        }
        #expect(throws: DomainError.invalid("step", "already_completed")) {
            _ = try completed.recording(.dropped, on: day, certificateNumber: nil, programme: programme, today: today)
        }
        let certified = try completed.recording(.certified, on: Day("2026-10-15")!, certificateNumber: "C1", programme: programme, today: today)
        let employed = try certified.recording(.employed, on: Day("2026-11-02")!, certificateNumber: nil, programme: programme, today: today)
        #expect(employed.stage == "employed")
        let facts = FactRules.contributions(of: employed, programme: programme)
        #expect(facts == [
            FactKey(indicator: "training_completions", countyCode: "611026", pairingID: nil, month: 202610): 1,
            FactKey(indicator: "training_certified", countyCode: "611026", pairingID: nil, month: 202610): 1,
            FactKey(indicator: "training_employed", countyCode: "611026", pairingID: nil, month: 202611): 1,
        ])
        let dropped = try enrolled.recording(.dropped, on: day, certificateNumber: nil, programme: programme, today: today)
        #expect(throws: DomainError.invalid("step", "enrolment_dropped")) {
            _ = try dropped.recording(.completed, on: day, certificateNumber: nil, programme: programme, today: today)
        }
        #expect(FactRules.contributions(of: dropped, programme: programme).isEmpty)
    }

    @Test("a workshop's poverty-lifted workers are part of its workers; it counts from the month it opened")
    func workshops() throws {
        var draft = AssistanceWorkshopDraft(name: "香菇分拣车间", countyCode: "611026", village: "营盘镇", owner: "某合作社", product: "香菇",
                                            opened: "2024-03-15", workers: 40, workersPovertyLifted: 41)
        #expect(throws: DomainError.invalid("workersPovertyLifted", "part_exceeds_whole")) {
            _ = try draft.validated(in: regions, id: UUID(), today: today)
        }
        draft.workersPovertyLifted = 30
        let workshop = try draft.validated(in: regions, id: UUID(), today: today)
        #expect(FactRules.contributions(of: workshop) == [
            FactKey(indicator: "workshops", countyCode: "611026", pairingID: nil, month: 202403): 1,
            FactKey(indicator: "workshop_jobs", countyCode: "611026", pairingID: nil, month: 202403): 40,
            FactKey(indicator: "workshop_jobs_poverty_lifted", countyCode: "611026", pairingID: nil, month: 202403): 30,
        ])
        draft.opened = "2026-12-01"
        #expect(throws: DomainError.invalid("opened", "in_future")) { _ = try draft.validated(in: regions, id: UUID(), today: today) }
    }

    @Test("a gig is not posted for a past day, pays something and wants someone; a market's services are known codes")
    func gigs() throws {
        let market = try GigMarketDraft(name: "柞水零工市场", countyCode: "611026", address: "县城", hours: "7:00–18:00",
                                        services: ["matching", "matching", "rest_area"], phone: "0914-4321000").validated(in: regions, id: UUID())
        #expect(market.services == [.matching, .restArea])
        #expect(throws: DomainError.invalid("services", "unknown_choice", ["value": "massage"])) {
            _ = try GigMarketDraft(name: "x", countyCode: "611026", address: "x", hours: "x", services: ["massage"]).validated(in: regions, id: UUID())
        }
        let gig = GigTaskDraft(title: "采茶", date: "2026-11-28", place: "营盘镇", pay: 15_000, payUnit: "day", headcount: 5)
        #expect(throws: DomainError.invalid("date", "in_past")) {
            _ = try gig.validated(id: UUID(), market: market, today: today, existingDate: nil)
        }
        // An edit may keep a gig's (now past) day.
        #expect(try gig.validated(id: UUID(), market: market, today: today, existingDate: Day("2026-11-28")).countyCode == "611026")
        var free = gig
        free.date = "2026-12-01"
        free.pay = 0
        #expect(throws: DomainError.invalid("pay", "must_be_positive")) {
            _ = try free.validated(id: UUID(), market: market, today: today, existingDate: nil)
        }
    }

    @Test("a trip goes to employers of its destination city; boarding and arrival follow the rules")
    func trips() throws {
        let nanjing = UUID(), suzhou = UUID()
        let draft = DirectTripDraft(date: "2026-11-20", fromCounty: "611026", destinationCode: "3201", employerIds: [nanjing], seats: 2)
        let known = [nanjing: "320118", suzhou: "320505"]
        #expect(throws: DomainError.invalid("employerIds", "employer_not_in_destination")) {
            var other = draft
            other.employerIds = [suzhou]
            _ = try other.validated(in: regions, id: UUID(), employerRegions: known)
        }
        #expect(throws: DomainError.invalid("employerIds", "required")) {
            var none = draft
            none.employerIds = []
            _ = try none.validated(in: regions, id: UUID(), employerRegions: known)
        }
        var trip = try draft.validated(in: regions, id: UUID(), employerRegions: known)
        #expect(throws: DomainError.invalid("status", "trip_has_no_passengers")) { _ = try trip.moving(to: .arrived, on: today, today: today) }
        let first = TripPassenger(workerID: UUID(), postingID: UUID())
        trip = try trip.boarding(first, postingEmployer: nanjing)
        #expect(throws: DomainError(.conflict, code: "already_aboard")) { _ = try trip.boarding(first, postingEmployer: nanjing) }
        #expect(throws: DomainError.invalid("postingId", "employer_not_on_trip")) {
            _ = try trip.boarding(TripPassenger(workerID: UUID(), postingID: UUID()), postingEmployer: suzhou)
        }
        trip = try trip.boarding(TripPassenger(workerID: UUID(), postingID: UUID()), postingEmployer: nanjing)
        #expect(throws: DomainError(.conflict, code: "trip_full")) {
            _ = try trip.boarding(TripPassenger(workerID: UUID(), postingID: UUID()), postingEmployer: nanjing)
        }
        #expect(throws: DomainError.invalid("date", "before_departure")) { _ = try trip.moving(to: .arrived, on: Day("2026-11-19")!, today: today) }
        let arrived = try trip.moving(to: .arrived, on: Day("2026-11-21")!, today: today)
        #expect(arrived.status == .arrived && arrived.arrivedOn == Day("2026-11-21"))
        #expect(throws: DomainError.invalid("status", "illegal_trip_move", ["from": "arrived", "to": "cancelled"])) {
            _ = try arrived.moving(to: .cancelled, on: today, today: today)
        }
    }
}
