import Vapor
import XiezuoCore
import XiezuoStore

/// The yearly cycle's pages: each level's queue (`/periods`) and a county's year (`/periods/{year}/{county}`) with
/// the snapshot beside the live figures, the steps taken and the forms of the steps the visitor may take.
struct PeriodsPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("periods", use: list)
        routes.get("periods", ":year", ":county", use: show)
        routes.post("periods", ":year", ":county", ":action", use: act)
    }

    struct Row: Encodable {
        var county: String
        var city: String
        var state: String
        var stateName: String
        var last: String?
        var lastAt: Date?
        var href: String
        var yours: Bool
    }

    struct Count: Encodable { var state: String; var name: String; var count: Int; var href: String; var current: Bool }

    struct ListContext: Encodable {
        var year: Int
        var years: [Int]
        var region: String
        var regionName: String?
        var rows: [Row]
        var counts: [Count]
        var queue: Bool
        var queueCount: Int
        var pager: Pager
        var hasRows: Bool
    }

    func list(request: Request) async throws -> View {
        let principal = try request.signedIn()
        let filter = try request.periodFilter()
        let queue = try request.queryText("queue", max: 5) == "1"
        let all = try await request.periods.list(year: filter.year, region: filter.region, by: principal)
        let regions = request.services.regions
        var rows = all.filter { filter.state == nil || $0.period.state == filter.state }
        // The queue: the years waiting for the visitor (to submit, approve or return, or reopen); comments do not count.
        let waiting = { (summary: PeriodRepository.Summary) in summary.actions.contains { $0 != .comment } }
        if queue { rows = rows.filter(waiting) }
        let paging = try request.pageRequest(defaultPerPage: 50)
        let paged = Paged(slicing: rows, request: paging)
        func link(state: PeriodState?) -> String {
            var query = ["year=\(filter.year)"]
            if let region = filter.region { query.append("region=\(region)") }
            if let state { query.append("state=\(state.rawValue)") }
            return "/periods?" + query.joined(separator: "&")
        }
        let counts = PeriodState.allCases.map { state in
            Count(state: state.rawValue, name: request.t("period_state.\(state.rawValue)"), count: all.filter { $0.period.state == state }.count,
                  href: link(state: filter.state == state ? nil : state), current: filter.state == state)
        }
        let context = ListContext(
            year: filter.year, years: Array((2021...request.today.year).reversed()), region: filter.region ?? "",
            regionName: filter.region.flatMap { regions[$0]?.name },
            rows: paged.items.map { summary in
                let code = summary.period.countyCode
                return Row(county: regions[code]?.name ?? code, city: regions[String(code.prefix(4))]?.name ?? "",
                           state: summary.period.state.rawValue, stateName: request.t("period_state.\(summary.period.state.rawValue)"),
                           last: summary.last.map { "\(request.t("period_action.\($0.action.rawValue)")) · \($0.actor)" }, lastAt: summary.last?.at,
                           href: "/periods/\(filter.year)/\(code)", yours: waiting(summary))
            },
            counts: counts, queue: queue, queueCount: all.filter(waiting).count, pager: Pager(paged, request: request), hasRows: !paged.items.isEmpty)
        return try await request.view.render("Cycle/periods", PageContext(request, context))
    }

    func show(request: Request) async throws -> View {
        let (year, county) = try request.periodKey()
        return try await PeriodPage.render(request, year: year, county: county, texts: [:], errors: [:])
    }

    /// Takes a step from the county's page; a refused reason or comment is shown beside its box with what was typed.
    func act(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let (year, county) = try request.periodKey()
        guard let action = request.parameters.get("action").flatMap(PeriodAction.init(rawValue:)) else { throw DomainError.notFound("period") }
        let text = try request.content.decode([String: String].self)["text"]
        do {
            try await request.periods.act(action, year: year, county: county, text: text, by: principal)
            let name = request.services.regions[county]?.name ?? county
            request.flash(request.t("flash.period_\(action.rawValue)", ["county": name, "year": String(year)]))
            return request.redirect(to: "/periods/\(year)/\(county)")
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            return try await PeriodPage.render(request, year: year, county: county, texts: [action.rawValue: text ?? ""],
                                               errors: [action.rawValue: request.message(for: error)])
                .encodeResponse(status: error.kind == .conflict ? .conflict : .badRequest, for: request)
        }
    }
}
