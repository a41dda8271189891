import Vapor
import XiezuoCore
import XiezuoStore

/// The public home page with live figures.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    struct Figure: Encodable { var label: String; var value: Int }
    struct Quick: Encodable { var label: String; var query: String }
    struct Context: Encodable {
        var figures: [Figure]
        var counties: [Region]
        var openJobs: Int
        var products: Int
        var jobQueries: [Quick]
        var productQueries: [Quick]
    }

    /// Searches people make most, one tap each (the words are the search; the query file checks what they find).
    static let jobQueries = ["厨师", "普工", "保安", "家政", "电工", "司机"]
    static let productQueries = ["茶", "猕猴桃", "木耳", "小米", "柿饼"]

    static func quick(_ words: [String]) -> [Quick] {
        words.map { Quick(label: $0, query: $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) }
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
        let openJobs = try await request.jobBoard.find(JobQuery(), page: Paging(perPage: 1)).total
        let products = try await request.products.list(ProductFilter(), page: Paging(perPage: 1)).total
        return try await request.view.render("Home/home", PageContext(request, Context(
            figures: figures, counties: named, openJobs: openJobs, products: products,
            jobQueries: Self.quick(Self.jobQueries), productQueries: Self.quick(Self.productQueries))))
    }
}
