import Vapor
import XiezuoCore
import XiezuoStore

/// Enterprises moving west and investment-promotion events. Signed and landed enterprises and all events are
/// public; leads and negotiations only for the staff of the county.
struct EnterprisesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let enterprises = routes.grouped("api", "v1", "enterprises")
        enterprises.get(use: list)
        enterprises.post(use: create)
        enterprises.get(":id", use: show)
        enterprises.put(":id", use: update)
        enterprises.post(":id", "status", use: move)
        let events = routes.grouped("api", "v1", "promotion-events")
        events.get(use: listEvents)
        events.post(use: createEvent)
        events.get(":id", use: showEvent)
        events.put(":id", use: updateEvent)
    }

    static let operations: [APIOperation] = {
        let id = APIOperation.Parameter.path("id", "Record id")
        return [
            APIOperation(.GET, "/api/v1/enterprises", tag: "industry",
                         summary: "Enterprises moving west: signed and landed ones for everyone, the whole pipeline for the county's staff",
                         parameters: [.query("region", "Region code (subtree of the county or the home city)"), .query("park", "Park id"),
                                      .query("status", "lead, negotiating, signed, under_construction, operating or lost"),
                                      .query("chain", "Industry chain"), .query("q", "Part of the name or credit code")]
                            + APIOperation.Parameter.paging, response: .list("Enterprise")),
            APIOperation(.POST, "/api/v1/enterprises", tag: "industry", summary: "Record an enterprise as a lead",
                         request: "EnterpriseDraft", response: .object("Enterprise"), status: 201, secured: true),
            APIOperation(.GET, "/api/v1/enterprises/{id}", tag: "industry", summary: "One enterprise", parameters: [id],
                         response: .object("Enterprise")),
            APIOperation(.PUT, "/api/v1/enterprises/{id}", tag: "industry", summary: "Replace an enterprise's fields (not its status)",
                         parameters: [id], request: "EnterpriseDraft", response: .object("Enterprise"), secured: true),
            APIOperation(.POST, "/api/v1/enterprises/{id}/status", tag: "industry",
                         summary: "Move one step along the pipeline; under_construction is the landing the indicators count",
                         parameters: [id], request: "EnterpriseMove", response: .object("Enterprise"), secured: true),
            APIOperation(.GET, "/api/v1/promotion-events", tag: "industry", summary: "Investment-promotion events (产业链招商), newest first",
                         parameters: [.query("region", "Organiser or host city (subtree)"), .query("year", "Year", type: "integer")]
                            + APIOperation.Parameter.paging, response: .list("PromotionEvent")),
            APIOperation(.POST, "/api/v1/promotion-events", tag: "industry", summary: "Record an event", request: "PromotionEventDraft",
                         response: .object("PromotionEvent"), status: 201, secured: true),
            APIOperation(.GET, "/api/v1/promotion-events/{id}", tag: "industry", summary: "One event", parameters: [id],
                         response: .object("PromotionEvent")),
            APIOperation(.PUT, "/api/v1/promotion-events/{id}", tag: "industry", summary: "Replace an event's fields", parameters: [id],
                         request: "PromotionEventDraft", response: .object("PromotionEvent"), secured: true),
        ]
    }()

    func list(request: Request) async throws -> Response {
        let filter = try request.enterpriseFilter()
        return try await request.list(SheetSpec(name: "export.sheet.enterprises", values: ["status": "enterprise_status"])) { paging in
            try await request.enterprises.list(filter, by: request.principal, page: paging)
        }
    }

    func create(request: Request) async throws -> Response {
        let enterprise = try await request.enterprises.create(try request.decodeJSON(EnterpriseDraft.self), by: try request.signedIn())
        return try await enterprise.encodeResponse(status: .created, for: request)
    }

    func show(request: Request) async throws -> Enterprise {
        try await request.enterprises.get(try request.uuidParameter(entity: "enterprise"), by: request.principal)
    }

    func update(request: Request) async throws -> Enterprise {
        try await request.enterprises.update(try request.uuidParameter(entity: "enterprise"),
                                             with: try request.decodeJSON(EnterpriseDraft.self), by: try request.signedIn())
    }

    func move(request: Request) async throws -> Enterprise {
        struct Body: Decodable { var status: String?; var date: String? }
        let principal = try request.signedIn()
        let id = try request.uuidParameter(entity: "enterprise")
        let body = try request.decodeJSON(Body.self)
        let text = try Validate.required(body.status, field: "status", max: 30)
        guard let status = EnterpriseStatus(rawValue: text) else { throw DomainError.invalid("status", "unknown_choice", ["value": text]) }
        return try await request.enterprises.move(id, to: status, on: try Validate.day(body.date, field: "date"), by: principal)
    }

    func listEvents(request: Request) async throws -> Response {
        let (region, year) = (try request.queryRegion(), try Validate.year(try request.queryInt("year"), field: "year", required: false))
        return try await request.list(SheetSpec(name: "export.sheet.promotion_events")) { paging in
            try await request.promotionEvents.list(region: region, year: year, page: paging)
        }
    }

    func createEvent(request: Request) async throws -> Response {
        let event = try await request.promotionEvents.save(try request.decodeJSON(PromotionEventDraft.self), by: try request.signedIn())
        return try await event.encodeResponse(status: .created, for: request)
    }

    func showEvent(request: Request) async throws -> PromotionEvent {
        try await request.promotionEvents.get(try request.uuidParameter(entity: "event"))
    }

    func updateEvent(request: Request) async throws -> PromotionEvent {
        try await request.promotionEvents.save(try request.decodeJSON(PromotionEventDraft.self), id: try request.uuidParameter(entity: "event"),
                                               by: try request.signedIn())
    }
}
