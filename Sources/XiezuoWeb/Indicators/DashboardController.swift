import Vapor
import XiezuoCore
import XiezuoStore

/// The live dashboard (targets against actuals) and the indicator catalogue, as pages and API.
struct DashboardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("dashboard", use: page)
        routes.get("api", "v1", "dashboard", use: api)
        routes.get("api", "v1", "indicators", use: indicators)
    }

    static let operations: [APIOperation] = [
        APIOperation(.GET, "/api/v1/indicators", tag: "indicators", summary: "The indicator catalogue (names in the request's language)",
                     parameters: APIOperation.Parameter.paging, response: .list("Indicator")),
        APIOperation(.GET, "/api/v1/dashboard", tag: "indicators",
                     summary: "Every indicator's target, actual and status for a year and a region or pairing (staff, own jurisdiction)",
                     parameters: [.query("year", "Year (default: this year)", type: "integer"),
                                  .query("indicator", "What the trend and the breakdown show: any summed indicator's code (default: aid disbursed and committed)"),
                                  .query("region", "Region code (default: the caller's jurisdiction, or 61)"),
                                  .query("pairing", "Pairing id, instead of a region")],
                     response: .object("Dashboard"), secured: true),
    ]

    struct IndicatorDTO: Content {
        var code: String
        var name: String
        var unit: IndicatorUnit
        var area: ActionArea?
        var ratio: Bool
        var live: Bool
    }

    func indicators(request: Request) async throws -> Response {
        let items = IndicatorCatalogue.all.map {
            IndicatorDTO(code: $0.code, name: request.t("indicator.\($0.code)"), unit: $0.unit, area: $0.area,
                         ratio: $0.kind != .base, live: $0.live)
        }
        return try await request.list(SheetSpec(name: "export.sheet.indicators", values: ["unit": "unit"]), all: items, defaultPerPage: Paging.maxPerPage)
    }

    /// Loads the dashboard the query asks for, defaulting to the caller's own jurisdiction.
    private func load(_ request: Request) async throws -> DashboardData {
        let principal = try request.signedIn()
        let asked = try request.queryInt("year")
        if let asked { _ = try Validate.year(asked, field: "year", required: true) }
        let repository = DashboardRepository(database: request.db, regions: request.services.regions, clock: request.clock)
        let facts = FactStore(database: request.db)
        // Without a year, the latest one that has figures (this year at the latest), so a dashboard opens on data.
        if let text = try request.queryText("pairing", max: 36) {
            guard let id = UUID(uuidString: text) else { throw DomainError.invalid("pairing", "wrong_type") }
            let year = try await asked.asyncOr { try await facts.latestYear(region: nil, pairing: id, notAfter: currentYear()) }
            return try await repository.pairing(id, year: year ?? currentYear(), by: principal, indicator: try request.queryText("indicator", max: 60))
        }
        let region = try request.queryRegion() ?? principal.jurisdiction ?? "61"
        let year = try await asked.asyncOr { try await facts.latestYear(region: region, pairing: nil, notAfter: currentYear()) }
        return try await repository.region(region, year: year ?? currentYear(), by: principal, indicator: try request.queryText("indicator", max: 60))
    }

    struct FigureDTO: Content {
        var code: String
        var name: String
        var unit: IndicatorUnit
        var target: Int64?
        var actual: Int64?
        var progress: Double?
        var status: FigureStatus
    }

    struct DashboardDTO: Content {
        var year: Int
        var region: Region?
        var pairing: PairingView?
        var agreement: Agreement?
        var indicators: [FigureDTO]
        var breakdownIndicator: String
        var breakdown: [RegionValue]
        var trendIndicator: String
        var trend: [Int64]
    }

    func api(request: Request) async throws -> Response {
        let data = try await load(request)
        if try request.exportFormat() != nil { return try await DashboardWorkbook.response(data, request: request) }
        let regions = request.services.regions
        var pairing: PairingView?
        if let id = data.pairingID { pairing = PairingView(try await request.pairings.get(id), regions: regions, year: data.year) }
        return try await DashboardDTO(
            year: data.year, region: data.regionCode.flatMap { regions[$0] }, pairing: pairing, agreement: data.agreement,
            indicators: data.figures.map {
                FigureDTO(code: $0.code, name: request.t("indicator.\($0.code)"), unit: $0.unit, target: $0.target,
                          actual: $0.actual, progress: $0.progress, status: $0.status)
            },
            breakdownIndicator: data.breakdownIndicator, breakdown: data.breakdown, trendIndicator: data.trendIndicator, trend: data.trend)
            .encodeResponse(for: request)
    }

    func page(request: Request) async throws -> View {
        let data = try await load(request)
        let context = try await DashboardPage.context(data, request: request)
        return try await request.view.render("Indicators/dashboard", PageContext(request, context))
    }
}
