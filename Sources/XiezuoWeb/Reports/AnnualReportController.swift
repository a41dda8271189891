import Vapor
import XiezuoCore
import XiezuoStore

/// The annual report (`/reports/annual`, `GET /api/v1/reports/annual`): what the cooperation achieved in a year for a
/// region or a pairing, in the order of the reply letter, each figure linked to the records behind it; printable on A4.
struct AnnualReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("reports", "annual", use: page)
        routes.get("api", "v1", "reports", "annual", use: api)
    }

    static let operations: [APIOperation] = [
        APIOperation(.GET, "/api/v1/reports/annual", tag: "cycle",
                     summary: "The annual report of a region or pairing: every indicator as the dashboard has it, the funds by action and category, the featured industries, parks and enterprises landed by name, consumption, labour, personnel and villages, and each county's state and grade",
                     parameters: [.query("year", "Year (default: last year)", type: "integer"), .query("region", "Region code (default: the caller's jurisdiction, or 61)"),
                                  .query("pairing", "Pairing id, instead of a region")],
                     response: .object("AnnualReport"), secured: true),
    ]

    /// Reads the report the query asks for.
    func load(_ request: Request) async throws -> AnnualReport {
        let principal = try request.signedIn()
        let year = try request.queryYear() ?? (request.today.year - 1)
        var pairing: UUID?
        if let text = try request.queryText("pairing", max: 36) {
            guard let id = UUID(uuidString: text) else { throw DomainError.invalid("pairing", "wrong_type") }
            pairing = id
        }
        let region = pairing == nil ? (try request.queryRegion() ?? principal.jurisdiction ?? "61") : nil
        return try await AnnualReportReader(database: request.db, regions: request.services.regions, platform: request.services.settings.platformID,
                                            clock: request.clock).report(year: year, region: region, pairing: pairing, by: principal)
    }

    func api(request: Request) async throws -> Response {
        if try request.exportFormat() != nil { return try await AnnualReportWorkbook.response(try await load(request), request: request) }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try encoder.encode(try await load(request))))
    }

    func page(request: Request) async throws -> View {
        let report = try await load(request)
        return try await request.view.render("Reports/annual", PageContext(request, try await AnnualReportPage.context(report, request: request)))
    }
}
