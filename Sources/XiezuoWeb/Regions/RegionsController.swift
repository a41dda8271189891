import Vapor
import XiezuoCore

/// The region browser (province → city → county) and the regions API.
struct RegionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("regions", use: browse)
        routes.get("regions", ":code", use: show)
        let api = routes.grouped("api", "v1", "regions")
        api.get(use: apiList)
        api.get("search", use: apiSearch)
        api.get(":code", use: apiShow)
    }

    static let operations: [APIOperation] = [
        APIOperation(.GET, "/api/v1/regions", tag: "regions", summary: "Children of a region (provinces when `parent` is absent)",
                     parameters: [.query("parent", "Parent region code")] + APIOperation.Parameter.pageOnly, response: .list("Region")),
        APIOperation(.GET, "/api/v1/regions/search", tag: "regions",
                     summary: "Regions by name for pickers (南京 → 南京市), best first: exact names, then names starting with the text",
                     parameters: [.query("q", "Part of a name, a picker label (南京市 鼓楼区) or the start of a code"),
                                  .query("level", "Comma-separated levels to include: province, city, county, township"),
                                  .query("within", "A region code whose subtree to search")] + APIOperation.Parameter.picker,
                     response: .list("RegionChoice")),
        APIOperation(.GET, "/api/v1/regions/{code}", tag: "regions", summary: "One region with its path from the province",
                     parameters: [.path("code", "Statistical division code")], response: .object("RegionDetail")),
    ]

    func apiList(request: Request) async throws -> PageDTO<Region> {
        let regions = request.services.regions
        let parent = try request.queryRegion("parent")
        return PageDTO(Paged(slicing: regions.children(of: parent), request: try request.pageRequest(defaultPerPage: Paging.maxPerPage)))
    }

    func apiSearch(request: Request) async throws -> PageDTO<RegionChoice> {
        let regions = request.services.regions
        let levels = try request.queryLevels()
        let paging = try request.pickerPage()
        let found = regions.search(try request.queryText("q", max: 40) ?? "", levels: levels, within: try request.queryRegion("within"), limit: .max)
        return PageDTO(Paged(slicing: found, request: paging).map { RegionChoice($0, regions: regions) })
    }

    func apiShow(request: Request) async throws -> RegionDetail {
        let region = try lookup(request)
        let regions = request.services.regions
        return RegionDetail(code: region.code, name: region.name, level: region.level, parentCode: region.parentCode,
                            path: regions.path(to: region.code), childCount: regions.children(of: region.code).count)
    }

    private func lookup(_ request: Request) throws -> Region {
        let code = request.parameters.get("code") ?? ""
        guard let region = request.services.regions[code] else { throw DomainError.notFound("region") }
        return region
    }

    struct BrowseContext: Encodable {
        struct Province: Encodable { var region: Region; var cities: [Region] }
        var provinces: [Province]
    }

    func browse(request: Request) async throws -> View {
        let regions = request.services.regions
        let context = BrowseContext(provinces: regions.provinces.map { .init(region: $0, cities: regions.children(of: $0.code)) })
        return try await request.view.render("Regions/regions", PageContext(request, context))
    }

    struct ShowContext: Encodable {
        var region: Region
        var levelName: String
        var path: [Region]
        var children: [Region]
        var childLevelName: String?
        var pairings: [PairingView]
        var inherited: [PairingView]
        var showsTownships: Bool
        var showsPartners: Bool
        var hasPairings: Bool
        var hasInherited: Bool
        var noPartners: Bool
        var hasChildren: Bool
        var childCount: Int
    }

    func show(request: Request) async throws -> View {
        let region = try lookup(request)
        let regions = request.services.regions
        let year = currentYear()
        let all = try await request.pairings.list(region: region.code, page: Paging(perPage: Paging.maxPerPage)).items
        let views = all.map { PairingView($0, regions: regions, year: year) }
        // Pairings of this region or below, and separately those of an ancestor (a county inherits its city's).
        let own = views.filter { $0.eastCode.hasPrefix(region.code) || $0.westCode.hasPrefix(region.code) }
        let inherited = views.filter { !($0.eastCode.hasPrefix(region.code) || $0.westCode.hasPrefix(region.code)) }
        let children = regions.children(of: region.code)
        let context = ShowContext(
            region: region, levelName: request.t("level.\(region.level.rawValue)"),
            path: Array(regions.path(to: region.code).dropLast()), children: children,
            childLevelName: children.first.map { request.t("level.\($0.level.rawValue)") },
            pairings: own, inherited: inherited, showsTownships: region.level == .county,
            showsPartners: region.level == .city || region.level == .county, hasPairings: !own.isEmpty,
            hasInherited: !inherited.isEmpty, noPartners: own.isEmpty && inherited.isEmpty,
            hasChildren: !children.isEmpty, childCount: children.count)
        return try await request.view.render("Regions/region", PageContext(request, context))
    }
}
