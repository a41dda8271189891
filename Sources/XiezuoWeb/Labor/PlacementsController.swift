import Vapor
import XiezuoCore
import XiezuoStore

/// The placements behind the placement figures (`/placements`, `GET /api/v1/placements`): for the staff of the workers'
/// region and for the Jiangsu regions paired with it, without the workers' personal details.
struct PlacementsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("placements", use: page)
        routes.get("api", "v1", "placements", use: api)
    }

    static let operations: [APIOperation] = [
        APIOperation(.GET, "/api/v1/placements", tag: "labor",
                     summary: "Placements of a Shaanxi region's workers starting in a year (no personal details): its staff, and the staff of the Jiangsu regions paired with it",
                     parameters: [.query("year", "Year (default: this year)", type: "integer"), .query("region", "Shaanxi region code (required)")]
                        + APIOperation.Parameter.paging,
                     response: .list("Placement"), secured: true),
    ]

    func load(_ request: Request, page paging: Paging? = nil) async throws -> (Int, String, Paged<PlacementRecord>) {
        let principal = try request.signedIn()
        let year = try request.queryYear() ?? request.today.year
        guard let region = try request.queryRegion() ?? principal.jurisdiction.flatMap({ $0.hasPrefix("61") ? $0 : nil }) else {
            throw DomainError.invalid("region", "required")
        }
        let page = try await PlacementsReader(database: request.db, regions: request.services.regions)
            .list(year: year, region: region, by: principal, page: try paging ?? request.pageRequest())
        return (year, region, page)
    }

    func api(request: Request) async throws -> Response {
        try await request.list(SheetSpec(name: "export.sheet.placements")) { paging in try await load(request, page: paging).2 }
    }

    func page(request: Request) async throws -> Response {
        let (year, region, page) = try await load(request)
        let place = request.services.regions.placeName
        let rows = page.items.map {
            RegisterPage.Row(cells: [RegisterPage.Cell($0.startDate.description), RegisterPage.Cell(place($0.homeCounty)),
                                     RegisterPage.Cell($0.title, note: $0.employer), RegisterPage.Cell(place($0.placeCode)),
                                     RegisterPage.Cell($0.reversed ? request.t("placements.reversed") : request.t("placements.counted"))])
        }
        let name = request.services.regions[region]?.name ?? region
        return try await RegisterPage(
            title: request.t("placements.title", ["region": name, "year": String(year)]), intro: request.t("placements.intro"),
            links: (2021...request.today.year).reversed().map { RegisterPage.Link(href: "/placements?region=\(region)&year=\($0)", label: String($0)) },
            facts: [RegisterPage.Fact(label: request.t("placements.total"), value: Formatting.count(Int64(page.total)))],
            sections: [RegisterPage.Section(title: nil, headers: [request.t("placements.start"), request.t("placements.home"), request.t("placements.job"),
                                                                  request.t("placements.place"), request.t("field.status")],
                                            rows: rows, empty: request.t("placements.empty"))],
            pager: Pager(page, request: request)).render(request)
    }
}

extension PlacementRecord: Content {}
