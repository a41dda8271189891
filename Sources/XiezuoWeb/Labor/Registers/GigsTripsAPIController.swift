import Vapor
import XiezuoCore
import XiezuoStore

/// Gig markets and their gigs, and direct-transport trips: public reads; markets, gigs and trips kept by the staff of
/// the county; sign-ups by the worker or their staff; completion and arrival confirmed by the county's staff.
struct GigsTripsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        let markets = api.grouped("gig-markets")
        markets.get(use: listMarkets)
        markets.post(use: createMarket)
        markets.get(":id", use: showMarket)
        markets.put(":id", use: updateMarket)
        markets.post(":id", "gigs", use: createGig)
        let gigs = api.grouped("gigs")
        gigs.get(use: listGigs)
        gigs.get(":id", use: showGig)
        gigs.put(":id", use: updateGig)
        gigs.get(":id", "signups", use: signups)
        gigs.post(":id", "signups", use: signUp)
        api.post("gig-signups", ":id", "status", use: answer)
        let trips = api.grouped("trips")
        trips.get(use: listTrips)
        trips.post(use: createTrip)
        trips.get(":id", use: showTrip)
        trips.put(":id", use: updateTrip)
        trips.get(":id", "passengers", use: passengers)
        trips.post(":id", "passengers", use: board)
        trips.delete(":id", "passengers", ":worker", use: alight)
        trips.post(":id", "status", use: moveTrip)
    }

    static let operations: [APIOperation] = {
        let id = APIOperation.Parameter.path("id", "Record id")
        let region = APIOperation.Parameter.query("region", "Region code (subtree)")
        return [
            APIOperation(.GET, "/api/v1/gig-markets", tag: "labor", summary: "Gig markets (零工市场), public",
                         parameters: [region, .query("q", "Part of the name")] + APIOperation.Parameter.paging, response: .list("GigMarket")),
            APIOperation(.POST, "/api/v1/gig-markets", tag: "labor", summary: "Record a county's gig market", request: "GigMarketDraft",
                         response: .object("GigMarket"), status: 201, secured: true),
            APIOperation(.GET, "/api/v1/gig-markets/{id}", tag: "labor", summary: "One gig market, public", parameters: [id],
                         response: .object("GigMarket")),
            APIOperation(.PUT, "/api/v1/gig-markets/{id}", tag: "labor", summary: "Replace a market's fields", parameters: [id],
                         request: "GigMarketDraft", response: .object("GigMarket"), secured: true),
            APIOperation(.POST, "/api/v1/gig-markets/{id}/gigs", tag: "labor", summary: "Post a gig at a market", parameters: [id],
                         request: "GigTaskDraft", response: .object("GigTask"), status: 201, secured: true),
            APIOperation(.GET, "/api/v1/gigs", tag: "labor", summary: "Gigs, soonest first, public",
                         parameters: [region, .query("market", "Market id"), .query("from", "yyyy-MM-dd: on or after (default today)")]
                            + APIOperation.Parameter.paging, response: .list("Gig")),
            APIOperation(.GET, "/api/v1/gigs/{id}", tag: "labor", summary: "One gig with the places taken, public", parameters: [id],
                         response: .object("Gig")),
            APIOperation(.PUT, "/api/v1/gigs/{id}", tag: "labor", summary: "Replace a gig's fields", parameters: [id],
                         request: "GigTaskDraft", response: .object("GigTask"), secured: true),
            APIOperation(.GET, "/api/v1/gigs/{id}/signups", tag: "labor", summary: "A gig's sign-ups (staff of the market's county)",
                         parameters: [id] + APIOperation.Parameter.paging, response: .object("GigSignupList"), secured: true),
            APIOperation(.POST, "/api/v1/gigs/{id}/signups", tag: "labor", summary: "Sign a worker up (the worker, or staff covering them)",
                         parameters: [id], request: "WorkerRef", response: .object("GigSignup"), status: 201, secured: true),
            APIOperation(.POST, "/api/v1/gig-signups/{id}/status", tag: "labor",
                         summary: "Confirm the work done (staff, with the pay) or cancel a sign-up", parameters: [id],
                         request: "GigSignupStatusChange", response: .object("GigSignup"), secured: true),
            APIOperation(.GET, "/api/v1/trips", tag: "labor", summary: "Direct-transport trips (就业直通车), public",
                         parameters: [region, .query("status", "planned, arrived or cancelled")] + APIOperation.Parameter.paging,
                         response: .list("Trip")),
            APIOperation(.POST, "/api/v1/trips", tag: "labor", summary: "Plan a trip", request: "DirectTripDraft",
                         response: .object("DirectTrip"), status: 201, secured: true),
            APIOperation(.GET, "/api/v1/trips/{id}", tag: "labor", summary: "One trip and how many are aboard, public", parameters: [id],
                         response: .object("Trip")),
            APIOperation(.PUT, "/api/v1/trips/{id}", tag: "labor", summary: "Replace a planned trip's fields", parameters: [id],
                         request: "DirectTripDraft", response: .object("DirectTrip"), secured: true),
            APIOperation(.GET, "/api/v1/trips/{id}/passengers", tag: "labor", summary: "A trip's passengers and their jobs (staff)",
                         parameters: [id] + APIOperation.Parameter.paging, response: .object("TripPassengerList"), secured: true),
            APIOperation(.POST, "/api/v1/trips/{id}/passengers", tag: "labor", summary: "Put a worker aboard, with a job at one of the trip's employers",
                         parameters: [id], request: "TripPassenger", response: .object("DirectTrip"), status: 201, secured: true),
            APIOperation(.DELETE, "/api/v1/trips/{id}/passengers/{worker}", tag: "labor", summary: "Take a worker off a planned trip",
                         parameters: [id, .path("worker", "Worker id")], response: .object("DirectTrip"), secured: true),
            APIOperation(.POST, "/api/v1/trips/{id}/status", tag: "labor",
                         summary: "Confirm the arrival (records every passenger's placement) or cancel", parameters: [id],
                         request: "TripStatusChange", response: .object("DirectTrip"), secured: true),
        ]
    }()

    // MARK: Markets and gigs

    func listMarkets(request: Request) async throws -> Response {
        let (region, search) = (try request.queryRegion(), try request.queryText("q", max: 50))
        return try await request.list(SheetSpec(name: "export.sheet.gig_markets")) { paging in
            try await request.gigs.markets(region: region, search: search, page: paging)
        }
    }

    func createMarket(request: Request) async throws -> Response {
        let market = try await request.gigs.saveMarket(try request.decodeJSON(GigMarketDraft.self), by: try request.signedIn())
        return try await market.encodeResponse(status: .created, for: request)
    }

    func showMarket(request: Request) async throws -> GigMarket {
        try await request.gigs.market(try request.uuidParameter(entity: "gig_market"))
    }

    func updateMarket(request: Request) async throws -> GigMarket {
        try await request.gigs.saveMarket(try request.decodeJSON(GigMarketDraft.self), id: try request.uuidParameter(entity: "gig_market"),
                                          by: try request.signedIn())
    }

    func createGig(request: Request) async throws -> Response {
        let gig = try await request.gigs.saveTask(try request.decodeJSON(GigTaskDraft.self), market: try request.uuidParameter(entity: "gig_market"),
                                                  by: try request.signedIn())
        return try await gig.encodeResponse(status: .created, for: request)
    }

    func listGigs(request: Request) async throws -> Response {
        let market = try request.queryText("market", max: 40).map { text -> UUID in
            guard let id = UUID(uuidString: text) else { throw DomainError.invalid("market", "wrong_type") }
            return id
        }
        let (region, from) = (try request.queryRegion(), try request.queryDay("from") ?? request.today)
        return try await request.list(SheetSpec(name: "export.sheet.gigs")) { paging in
            let page = try await request.gigs.tasks(region: region, market: market, from: from, page: paging)
            let taken = try await request.gigs.takenCounts(page.items.map(\.id))
            return page.map { GigDTO(gig: $0, taken: taken[$0.id] ?? 0) }
        }
    }

    func showGig(request: Request) async throws -> GigDTO {
        let gig = try await request.gigs.task(try request.uuidParameter(entity: "gig"))
        return GigDTO(gig: gig, taken: try await request.gigs.takenCounts([gig.id])[gig.id] ?? 0)
    }

    func updateGig(request: Request) async throws -> GigTask {
        let gig = try await request.gigs.task(try request.uuidParameter(entity: "gig"))
        return try await request.gigs.saveTask(try request.decodeJSON(GigTaskDraft.self), market: gig.marketID, id: gig.id,
                                               by: try request.signedIn())
    }

    func signups(request: Request) async throws -> Response {
        let items = try await request.gigs.signups(of: try request.uuidParameter(entity: "gig"), by: try request.signedIn())
            .map { GigWorkerDTO(signup: $0.signup, workerName: $0.workerName) }
        return try await request.list(SheetSpec(name: "export.sheet.gig_signups", values: ["status": "signup_status"]), all: items, defaultPerPage: Paging.maxPerPage)
    }

    func signUp(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let gig = try request.uuidParameter(entity: "gig")
        guard let worker = try request.decodeJSON(LaborRegistersAPIController.WorkerRef.self).workerId else {
            throw DomainError.invalid("workerId", "required")
        }
        return try await request.gigs.signUp(worker, for: gig, by: principal).encodeResponse(status: .created, for: request)
    }

    /// The body of a sign-up's answer.
    struct AnswerBody: Decodable {
        var status: String?
        var paid: Int64?
    }

    func answer(request: Request) async throws -> GigSignup {
        let principal = try request.signedIn()
        let id = try request.uuidParameter(entity: "gig_signup")
        let body = try request.decodeJSON(AnswerBody.self)
        let status = try request.bodyChoice(body.status, field: "status", as: GigSignupStatus.self)
        return try await request.gigs.answer(id, status, paid: body.paid, by: principal)
    }

    // MARK: Trips

    func listTrips(request: Request) async throws -> Response {
        let (region, status) = (try request.queryRegion(), try request.queryChoice("status", as: TripStatus.self))
        return try await request.list(SheetSpec(name: "export.sheet.trips", values: ["status": "trip_status"])) { paging in
            try await request.trips.list(region: region, status: status, page: paging).map(TripDTO.init)
        }
    }

    func createTrip(request: Request) async throws -> Response {
        let trip = try await request.trips.save(try request.decodeJSON(DirectTripDraft.self), by: try request.signedIn())
        return try await trip.encodeResponse(status: .created, for: request)
    }

    func showTrip(request: Request) async throws -> TripDTO {
        TripDTO(try await request.trips.get(try request.uuidParameter(entity: "trip")))
    }

    func updateTrip(request: Request) async throws -> DirectTrip {
        try await request.trips.save(try request.decodeJSON(DirectTripDraft.self), id: try request.uuidParameter(entity: "trip"),
                                     by: try request.signedIn())
    }

    func passengers(request: Request) async throws -> Response {
        let items = try await request.trips.riders(of: try request.uuidParameter(entity: "trip"), by: try request.signedIn()).map {
            TripRiderDTO(workerId: $0.passenger.workerID, postingId: $0.passenger.postingID, workerName: $0.workerName,
                         jobTitle: $0.jobTitle, employerName: $0.employerName)
        }
        return try await request.list(SheetSpec(name: "export.sheet.passengers"), all: items, defaultPerPage: Paging.maxPerPage)
    }

    /// The body naming a passenger and their job.
    struct BoardBody: Decodable {
        var workerId: UUID?
        var postingId: UUID?
    }

    func board(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let trip = try request.uuidParameter(entity: "trip")
        let body = try request.decodeJSON(BoardBody.self)
        guard let worker = body.workerId else { throw DomainError.invalid("workerId", "required") }
        guard let posting = body.postingId else { throw DomainError.invalid("postingId", "required") }
        return try await request.trips.board(trip, worker: worker, posting: posting, by: principal).encodeResponse(status: .created, for: request)
    }

    func alight(request: Request) async throws -> DirectTrip {
        try await request.trips.alight(try request.uuidParameter(entity: "trip"), worker: try request.uuidParameter("worker", entity: "worker"),
                                       by: try request.signedIn())
    }

    /// The body of a trip's move.
    struct MoveBody: Decodable {
        var status: String?
        var date: String?
    }

    func moveTrip(request: Request) async throws -> DirectTrip {
        let principal = try request.signedIn()
        let id = try request.uuidParameter(entity: "trip")
        let body = try request.decodeJSON(MoveBody.self)
        let status = try request.bodyChoice(body.status, field: "status", as: TripStatus.self)
        return try await request.trips.move(id, to: status, on: try Validate.day(body.date, field: "date"), by: principal)
    }
}

/// A trip as the public sees it: how many are aboard, not who.
struct TripDTO: Content {
    var trip: DirectTrip
    var aboard: Int

    init(_ trip: DirectTrip) {
        var copy = trip
        copy.passengers = []
        self.trip = copy
        self.aboard = trip.passengers.count
    }
}
