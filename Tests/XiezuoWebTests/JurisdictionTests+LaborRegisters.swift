import Foundation
import Vapor
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

/// The labour registers' routes in the jurisdiction check: 富平县's records (all named 富平劳务…) against 柞水县's officer.
extension JurisdictionTests {
    /// Public pages and reads of the labour registers, and the worker's own enrolment and sign-up buttons.
    static let laborPublic: Set<String> = [
        "GET /brands", "GET /brands/:id", "GET /training", "GET /gigs", "GET /workshops",
        "GET /api/v1/brands", "GET /api/v1/brands/:id", "GET /api/v1/workshops", "GET /api/v1/workshops/:id",
        "GET /api/v1/training", "GET /api/v1/training/:id", "GET /api/v1/gig-markets", "GET /api/v1/gig-markets/:id",
        "GET /api/v1/gigs", "GET /api/v1/gigs/:id", "GET /api/v1/trips", "GET /api/v1/trips/:id",
        // One's own worker profile only (staff are sent to sign in as a worker).
        "POST /training/:id/enrol", "POST /gigs/:id/signup", "POST /gigs/:id/cancel",
        "GET /manage/labor/:kind/new",
    ]

    /// 富平县's labour records.
    struct LaborRecords {
        var brand: UUID
        var workshop: UUID
        var programme: UUID
        var enrolment: UUID
        var market: UUID
        var gig: UUID
        var signup: UUID
        var trip: UUID
        var worker: UUID
        var posting: UUID

        /// Creates them, by 富平县's officer, around `worker` and a job in 南京 (its employer made by an admin).
        static func create(_ t: TestApp, worker: UUID, by fuping: Principal) async throws -> (LaborRecords, employer: UUID) {
            let today = Day(Date())
            let admin = try await t.principal("admin")
            let employer = try await t.employers.create(sampleEmployer(8, region: "320118", name: "南京测试单位"), by: admin).id
            let posting = try await t.jobs.create(sampleJob("厨师", county: "320118"), employerID: employer, by: admin).id
            let brand = try await t.brands.create(sampleBrand("富平劳务品牌", county: "610528"), by: fuping)
            let workshop = try await t.workshops.save(AssistanceWorkshopDraft(name: "富平劳务车间", countyCode: "610528", village: "庄里镇",
                                                                              owner: "x", product: "x", opened: "2025-01-01", workers: 3), by: fuping)
            let programme = try await t.training.save(sampleTraining("富平劳务培训", county: "610528", start: today.description,
                                                                     end: today.description), by: fuping)
            let enrolment = try await t.training.enrol(worker, in: programme.id, by: fuping)
            let market = try await t.gigs.saveMarket(GigMarketDraft(name: "富平劳务零工市场", countyCode: "610528", address: "x", hours: "x"), by: fuping)
            let gig = try await t.gigs.saveTask(GigTaskDraft(title: "富平劳务零工", date: today.description, place: "x", pay: 100, payUnit: "day",
                                                             headcount: 5), market: market.id, by: fuping)
            let signup = try await t.gigs.signUp(worker, for: gig.id, by: fuping)
            let trip = try await t.trips.save(DirectTripDraft(date: today.description, fromCounty: "610528", destinationCode: "3201",
                                                              employerIds: [employer], seats: 5, note: "富平劳务车次"), by: fuping)
            _ = try await t.trips.board(trip.id, worker: worker, posting: posting, by: fuping)
            return (LaborRecords(brand: brand.id, workshop: workshop.id, programme: programme.id, enrolment: enrolment.id, market: market.id,
                                 gig: gig.id, signup: signup.id, trip: trip.id, worker: worker, posting: posting), employer)
        }
    }

    /// The posting side of 富平县's application (its posting is in 富平县).
    static func applicantCases(posting: UUID, application: UUID) -> [Case] {
        [
            Case(method: .GET, route: "/manage/jobs/:id/applicants", path: "/manage/jobs/\(posting)/applicants", expect: .refused),
            Case(method: .POST, route: "/manage/jobs/:id/applicants/:application/:action",
                 path: "/manage/jobs/\(posting)/applicants/\(application)/reject", body: "", expect: .refused),
            Case(method: .POST, route: "/manage/jobs/:id/invitations", path: "/manage/jobs/\(posting)/invitations",
                 body: "candidate=x", expect: .refused),
        ]
    }

    static func laborCases(_ r: LaborRecords, employer: UUID) -> [Case] {
        let brand = #"{"name":"x","countyCode":"610528","occupationCode":"4-03","level":"county","since":2024}"#
        let workshop = #"{"name":"x","countyCode":"610528","village":"x","owner":"x","product":"x","opened":"2025-01-01"}"#
        let training = #"{"name":"x","mode":"project_based","occupationCode":"4-03","provider":"x","countyCode":"610528","seats":5,"startsOn":"2026-01-01","endsOn":"2026-02-01"}"#
        let market = #"{"name":"x","countyCode":"610528","address":"x","hours":"x"}"#
        let gig = #"{"title":"x","date":"2030-01-01","place":"x","pay":100,"payUnit":"day","headcount":1}"#
        let trip = #"{"date":"2030-01-01","fromCounty":"610528","destinationCode":"3201","employerIds":["\#(employer)"],"seats":5}"#
        let worker = #"{"workerId":"\#(r.worker)"}"#
        func refused(_ method: HTTPMethod, _ route: String, _ path: String, _ body: String? = nil) -> Case {
            Case(method: method, route: route, path: path, body: body, expect: .refused)
        }
        return [
            refused(.POST, "/api/v1/brands", "/api/v1/brands", brand),
            refused(.PUT, "/api/v1/brands/:id", "/api/v1/brands/\(r.brand)", brand),
            refused(.DELETE, "/api/v1/brands/:id", "/api/v1/brands/\(r.brand)"),
            refused(.POST, "/api/v1/workshops", "/api/v1/workshops", workshop),
            refused(.PUT, "/api/v1/workshops/:id", "/api/v1/workshops/\(r.workshop)", workshop),
            refused(.DELETE, "/api/v1/workshops/:id", "/api/v1/workshops/\(r.workshop)"),
            refused(.POST, "/api/v1/training", "/api/v1/training", training),
            refused(.PUT, "/api/v1/training/:id", "/api/v1/training/\(r.programme)", training),
            refused(.GET, "/api/v1/training/:id/trainees", "/api/v1/training/\(r.programme)/trainees"),
            refused(.POST, "/api/v1/training/:id/enrolments", "/api/v1/training/\(r.programme)/enrolments", worker),
            refused(.POST, "/api/v1/enrolments/:id/steps", "/api/v1/enrolments/\(r.enrolment)/steps", #"{"step":"dropped"}"#),
            refused(.POST, "/api/v1/gig-markets", "/api/v1/gig-markets", market),
            refused(.PUT, "/api/v1/gig-markets/:id", "/api/v1/gig-markets/\(r.market)", market),
            refused(.POST, "/api/v1/gig-markets/:id/gigs", "/api/v1/gig-markets/\(r.market)/gigs", gig),
            refused(.PUT, "/api/v1/gigs/:id", "/api/v1/gigs/\(r.gig)", gig),
            refused(.GET, "/api/v1/gigs/:id/signups", "/api/v1/gigs/\(r.gig)/signups"),
            refused(.POST, "/api/v1/gigs/:id/signups", "/api/v1/gigs/\(r.gig)/signups", worker),
            refused(.POST, "/api/v1/gig-signups/:id/status", "/api/v1/gig-signups/\(r.signup)/status", #"{"status":"cancelled"}"#),
            refused(.POST, "/api/v1/trips", "/api/v1/trips", trip),
            refused(.PUT, "/api/v1/trips/:id", "/api/v1/trips/\(r.trip)", trip),
            refused(.GET, "/api/v1/trips/:id/passengers", "/api/v1/trips/\(r.trip)/passengers"),
            refused(.POST, "/api/v1/trips/:id/passengers", "/api/v1/trips/\(r.trip)/passengers",
                    #"{"workerId":"\#(r.worker)","postingId":"\#(r.posting)"}"#),
            refused(.DELETE, "/api/v1/trips/:id/passengers/:worker", "/api/v1/trips/\(r.trip)/passengers/\(r.worker)"),
            refused(.POST, "/api/v1/trips/:id/status", "/api/v1/trips/\(r.trip)/status", #"{"status":"cancelled"}"#),
            Case(method: .GET, route: "/manage/labor", path: "/manage/labor?region=610528", expect: .hidden),
            refused(.GET, "/manage/labor/:kind/:id", "/manage/labor/training/\(r.programme)"),
            refused(.GET, "/manage/labor/:kind/:id/edit", "/manage/labor/workshops/\(r.workshop)/edit"),
            refused(.POST, "/manage/labor/:kind", "/manage/labor/markets", "name=x&countyCode=610528&address=x&hours=x"),
            refused(.POST, "/manage/labor/:kind/:id", "/manage/labor/brands/\(r.brand)",
                    "name=x&countyCode=610528&occupationCode=4-03&level=county&since=2024"),
            refused(.POST, "/manage/labor/:kind/:id/:action", "/manage/labor/trips/\(r.trip)/status", "status=cancelled"),
        ]
    }
}
