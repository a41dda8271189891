import Vapor
import XiezuoCore

/// The public home page with live figures.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    struct Figure: Encodable { var label: String; var value: Int }
    struct Context: Encodable {
        var figures: [Figure]
        var counties: [Region]
    }

    func home(request: Request) async throws -> View {
        let regions = request.services.regions
        let year = currentYear()
        let active = try await request.pairings.list(year: year, page: Paging(perPage: 1)).total
        let figures = [
            Figure(label: request.t("home.figure.cities"), value: regions.count(of: .city)),
            Figure(label: request.t("home.figure.counties"), value: regions.count(of: .county)),
            Figure(label: request.t("home.figure.townships"), value: regions.count(of: .township)),
            Figure(label: request.t("home.figure.pairings", ["year": String(year)]), value: active),
        ]
        // The counties named in the cooperation letter's featured industries, as quick links.
        let named = ["611026", "610528", "610827", "610922", "611022", "610729"].compactMap { regions[$0] }
        return try await request.view.render("home", PageContext(request, Context(figures: figures, counties: named)))
    }
}
