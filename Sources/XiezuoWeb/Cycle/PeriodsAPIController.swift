import Vapor
import XiezuoCore
import XiezuoStore

/// The yearly cycle's API: each Shaanxi county's year, its steps (submit, approve, return, reopen) and the Jiangsu
/// partner's comments.
struct PeriodsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "periods")
        api.get(use: list)
        api.get(":year", ":county", use: show)
        for action in PeriodAction.allCases {
            api.post(":year", ":county", .constant(Self.segment(action))) { request async throws -> Response in
                try await act(action, request: request)
            }
        }
    }

    /// The path segment of an action (`…/comments` for a comment).
    static func segment(_ action: PeriodAction) -> String { action == .comment ? "comments" : action.rawValue }

    static let operations: [APIOperation] = [
        APIOperation(.GET, "/api/v1/periods", tag: "cycle",
                     summary: "The state of each county's year the caller may see (staff of the county's jurisdiction or its Jiangsu partner)",
                     parameters: [.query("year", "Year (default: last year)", type: "integer"), .query("region", "Region code (default: all the caller sees)"),
                                  .query("state", "Only this state (drafting, submitted, city_approved, approved)"),
                                  .query("page", "Page (from 1)", type: "integer"), .query("perPage", "Per page (≤ 200)", type: "integer")],
                     response: .list("Period"), secured: true),
        APIOperation(.GET, "/api/v1/periods/{year}/{county}", tag: "cycle",
                     summary: "A county's year: state, the snapshot submitted beside the live figures, every step and comment",
                     parameters: [.path("year", "Year"), .path("county", "County code")], response: .object("PeriodDetail"), secured: true),
    ] + PeriodAction.allCases.map { action in
        let summaries: [PeriodAction: String] = [
            .submit: "The county submits its year (drafting → submitted); freezes a snapshot of its figures",
            .approve: "The city (submitted → city_approved) or the province (city_approved → approved: the year is locked) approves",
            .return: "The reviewing level returns the year to the county with a reason (→ drafting)",
            .reopen: "A provincial coordinator reopens a locked year with a reason (approved → drafting)",
            .comment: "The county's Jiangsu partner comments, at any step",
        ]
        return APIOperation(.POST, "/api/v1/periods/{year}/{county}/\(segment(action))", tag: "cycle", summary: summaries[action]!,
                            parameters: [.path("year", "Year"), .path("county", "County code")],
                            request: action.needsText ? (action == .comment ? "PeriodComment" : "PeriodReason") : nil,
                            response: .object("Period"), secured: true)
    }

    struct PeriodDTO: Content {
        var year: Int
        var county: Region?
        var state: PeriodState
        var stateName: String
        var locked: Bool
        var snapshotAt: Date?
        var updatedAt: Date?
        /// What the caller may do now.
        var actions: [PeriodAction]

        init(_ period: Period, actions: [PeriodAction], request: Request) {
            year = period.year
            county = request.services.regions[period.countyCode]
            state = period.state
            stateName = request.t("period_state.\(period.state.rawValue)")
            locked = period.locked
            snapshotAt = period.snapshotAt
            updatedAt = period.updatedAt
            self.actions = actions
        }
    }

    struct FigureDTO: Content {
        var code: String
        var name: String
        var unit: IndicatorUnit
        var submitted: Int64?
        var live: Int64?
        var difference: Int64?
    }

    struct EventDTO: Content {
        var action: PeriodAction
        var from: PeriodState
        var to: PeriodState
        var text: String?
        var actor: String
        var actorRegion: String?
        var at: Date
    }

    struct DetailDTO: Content {
        var period: PeriodDTO
        /// Each indicator as submitted beside its live value (the live values alone before the first submission).
        var figures: [FigureDTO]
        var events: [EventDTO]
    }

    func list(request: Request) async throws -> Response {
        let filter = try request.periodFilter()
        let rows = try await request.periods.list(year: filter.year, region: filter.region, by: try request.signedIn())
            .filter { filter.state == nil || $0.period.state == filter.state }
        return try await request.list(SheetSpec(name: "export.sheet.periods"), defaultPerPage: 200) { paging in
            Paged(slicing: rows, request: paging).map { PeriodDTO($0.period, actions: $0.actions, request: request) }
        }
    }

    func show(request: Request) async throws -> DetailDTO {
        let (year, county) = try request.periodKey()
        let detail = try await request.periods.get(year: year, county: county, by: try request.signedIn())
        return Self.detail(detail, request: request)
    }

    static func detail(_ detail: PeriodRepository.Detail, request: Request) -> DetailDTO {
        let figures = zip(detail.live, detail.differences).map { figure, difference in
            FigureDTO(code: figure.code, name: request.t("indicator.\(figure.code)"), unit: figure.unit,
                             submitted: detail.period.snapshot.isEmpty ? nil : difference.submitted, live: figure.actual,
                             difference: difference.difference)
        }
        return DetailDTO(period: PeriodDTO(detail.period, actions: detail.actions, request: request), figures: figures,
                         events: detail.events.map {
                             EventDTO(action: $0.action, from: $0.from, to: $0.to, text: $0.text, actor: $0.actor, actorRegion: $0.actorRegion, at: $0.at)
                         })
    }

    func act(_ action: PeriodAction, request: Request) async throws -> Response {
        struct Body: Decodable { var reason: String?; var text: String? }
        let (year, county) = try request.periodKey()
        let principal = try request.signedIn()
        let body = action.needsText ? try request.decodeJSON(Body.self) : nil
        let result = try await request.periods.act(action, year: year, county: county, text: body?.reason ?? body?.text, by: principal)
        return try await PeriodDTO(result.period, actions: result.actions, request: request).encodeResponse(status: action == .comment ? .created : .ok, for: request)
    }
}

extension Request {
    var periods: PeriodRepository { PeriodRepository(database: db, regions: services.regions, clock: clock) }

    /// The year and county of a `/periods/{year}/{county}` path; 404 for anything that is not one.
    func periodKey() throws -> (Int, String) {
        guard let year = parameters.get("year").flatMap(Int.init), (2000...2100).contains(year),
              let county = parameters.get("county"), RegionCode.isWellFormed(county) else { throw DomainError.notFound("period") }
        return (year, county)
    }

    /// The list's filters: the year (last year by default: the one being closed), a region, a state.
    func periodFilter() throws -> (year: Int, region: String?, state: PeriodState?) {
        let year = try queryInt("year") ?? (today.year - 1)
        _ = try Validate.year(year, field: "year", required: true)
        var state: PeriodState?
        if let text = try queryText("state", max: 20) {
            guard let parsed = PeriodState(rawValue: text) else { throw DomainError.invalid("state", "unknown_choice", ["value": text]) }
            state = parsed
        }
        return (year, try queryRegion(), state)
    }
}
