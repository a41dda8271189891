import Vapor
import XiezuoCore
import XiezuoStore

/// The public face of the industry registers: the overview of featured industries and co-built parks by county
/// (with a coverage map), a page per featured industry and a page per park.
struct IndustryPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("industries", use: overview)
        routes.get("industries", ":id", use: industry)
        routes.get("parks", ":id", use: park)
        routes.get("parks", ":id", "images", ":image", use: parkImage)
    }

    struct Link: Encodable {
        var href: String
        var label: String
        var note: String?
    }

    struct CountyRow: Encodable {
        var code: String
        var name: String
        var city: String
        var industries: [Link]
        var parks: [Link]
    }

    struct OverviewContext: Encodable {
        var regionName: String
        var map: String
        var rows: [CountyRow]
        var hasRows: Bool
        var counties: Int
        var withSpecialty: Int
        var withPark: Int
        var cities: [ChoiceOption]
        var back: String?
    }

    func overview(request: Request) async throws -> View {
        let regions = request.services.regions
        let region = try request.queryRegion() ?? "61"
        guard region.hasPrefix("61") else { throw DomainError.invalid("region", "not_shaanxi_region") }
        let industries = try await request.industries.all(in: region)
        let parks = try await request.parks.all(in: region)
        let counties = regions.subtree(of: region).filter { $0.level == .county }.sorted { $0.code < $1.code }
        let specialtyCounties = Set(industries.map(\.countyCode))
        let parkCounties = Set(parks.filter { $0.established != nil }.map(\.countyCode))
        var rows: [CountyRow] = []
        for county in counties {
            let own = industries.filter { $0.countyCode == county.code }
            let ownParks = parks.filter { $0.countyCode == county.code }
            guard !own.isEmpty || !ownParks.isEmpty else { continue }
            rows.append(CountyRow(
                code: county.code, name: county.name, city: regions[String(county.code.prefix(4))]?.name ?? "",
                industries: own.map { Link(href: "/industries/\($0.id)", label: $0.name, note: request.t("industry_role.\($0.role.rawValue)")) },
                parks: ownParks.map { Link(href: "/parks/\($0.id)", label: $0.name, note: request.t("park_form.\($0.form.rawValue)")) }))
        }
        let map = CoverageMap.html(cities: regions.children(of: "61").filter { $0.code.hasPrefix(region.prefix(4)) || region == "61" },
                                  counties: { code in regions.children(of: code).filter { $0.level == .county && $0.code.hasPrefix(region) } },
                                  specialty: specialtyCounties, park: parkCounties,
                                  title: request.t("industries.map_title"), request: request)
        let cities = regions.children(of: "61").map {
            ChoiceOption(value: $0.code, label: $0.name, selected: region.hasPrefix($0.code))
        }
        let context = OverviewContext(
            regionName: regions[region]?.name ?? region, map: map, rows: rows, hasRows: !rows.isEmpty, counties: counties.count,
            withSpecialty: counties.filter { specialtyCounties.contains($0.code) }.count,
            withPark: counties.filter { parkCounties.contains($0.code) }.count, cities: cities,
            back: region == "61" ? nil : "/industries" + (region.count > 4 ? "?region=\(region.prefix(4))" : ""))
        return try await request.view.render("Industry/industries", PageContext(request, context))
    }

    struct Fact: Encodable {
        var label: String
        var value: String
    }

    struct IndustryContext: Encodable {
        var industry: FeaturedIndustry
        var place: String
        var role: String
        var facts: [Fact]
        var upgrades: [Fact]
        var chain: [Fact]
        var link: [Fact]
        var projects: [Link]
        var projectCount: Int
        var neighbours: [Link]
        var hasUpgrades = false
        var hasChain = false
        var hasProjects = false
        var hasNeighbours = false
        var canEdit = false
    }

    func industry(request: Request) async throws -> View {
        let industry = try await request.industries.get(try request.uuidParameter(entity: "industry"))
        var facts = [Fact(label: request.t("industry.category"), value: industry.category),
                     Fact(label: request.t("field.since"), value: String(industry.since))]
        if let area = industry.areaMu { facts.append(Fact(label: request.t("field.areaMu"), value: Formatting.count(Int64(area)))) }
        if let heads = industry.heads { facts.append(Fact(label: request.t("field.heads"), value: Formatting.count(Int64(heads)))) }
        if let output = industry.outputValue {
            facts.append(Fact(label: request.t("field.outputValue"), value: request.t("format.wan_yuan", ["value": Formatting.wan(output)])))
        }
        let chain = [
            Fact(label: request.t("field.leadingEnterprises"), value: industry.valueChain.leadingEnterprises.joined(separator: "、")),
            Fact(label: request.t("field.cooperatives"), value: industry.valueChain.cooperatives.joined(separator: "、")),
            Fact(label: request.t("field.productionBases"), value: industry.valueChain.productionBases.joined(separator: "、")),
            Fact(label: request.t("field.chainHouseholds"), value: Formatting.count(Int64(industry.valueChain.households))),
        ].filter { !$0.value.isEmpty && $0.value != "0" }
        let link = [
            Fact(label: request.t("field.linkedHouseholds"), value: Formatting.count(Int64(industry.farmerLink.households))),
            Fact(label: request.t("field.incomeIncrease"), value: request.t("format.yuan", ["value": Formatting.yuan(industry.farmerLink.incomeIncrease)])),
            Fact(label: request.t("field.mechanisms"),
                 value: industry.farmerLink.mechanisms.map { request.t("mechanism.\($0.rawValue)") }.joined(separator: "、")),
        ].filter { !$0.value.isEmpty }
        let others = try await request.industries.all(in: industry.countyCode).filter { $0.id != industry.id }
            .map { Link(href: "/industries/\($0.id)", label: $0.name, note: nil) }
        let parks = try await request.parks.all(in: industry.countyCode).map { Link(href: "/parks/\($0.id)", label: $0.name, note: request.t("park_form.\($0.form.rawValue)")) }
        var context = IndustryContext(
            industry: industry, place: request.services.regions.placeName(industry.countyCode), role: request.t("industry_role.\(industry.role.rawValue)"),
            facts: facts,
            upgrades: industry.upgrades.map { Fact(label: "\($0.date) · \(request.t("upgrade_kind.\($0.kind.rawValue)"))", value: $0.description) },
            chain: chain, link: link, projects: try await projectLinks(industry.projectIDs, request: request),
            projectCount: industry.projectIDs.count, neighbours: others + parks)
        context.hasUpgrades = !context.upgrades.isEmpty
        context.hasChain = !context.chain.isEmpty
        context.hasProjects = !context.projects.isEmpty
        context.hasNeighbours = !context.neighbours.isEmpty
        context.canEdit = Permissions.canEditIndustry(request.principal, countyCode: industry.countyCode)
        return try await request.view.render("Industry/industry", PageContext(request, context))
    }

    struct EnterpriseRow: Encodable {
        var name: String
        var origin: String
        var chain: String
        var status: String
        var investment: String
        var jobs: String
        var landedOn: String?
    }

    struct ShareRow: Encodable {
        var years: String
        var output: String
        var tax: String
        var gdp: String
    }

    struct ReportRow: Encodable {
        var year: Int
        var output: String
        var tax: String
        var gdp: String
        var hasShare: Bool
    }

    /// A picture: its thumbnail for the page, the picture itself behind it.
    struct Picture: Encodable { var thumbnail: String; var full: String }

    struct ParkContext: Encodable {
        var pictures: [Picture] = []
        var canAddPicture = false
        var park: Park
        var place: String
        var form: String
        var partner: String
        var established: String
        var builtShare: String?
        var enterprises: [EnterpriseRow]
        var hasEnterprises: Bool
        var investment: String
        var jobs: String
        var projects: [Link]
        var projectCount: Int
        var industries: [Link]
        var showsEnclave: Bool
        var sending: String
        var hosting: String
        var shares: [ShareRow]
        var report: [ReportRow]
        var hasProjects = false
        var hasIndustries = false
        var hasShares = false
        var hasReport = false
        var canEdit = false
        var sides: [ChoiceOption] = []
        var error: String?
        var lastYear = 0
    }

    func park(request: Request) async throws -> View {
        try await renderPark(request, error: nil)
    }

    /// The park page, with an error from one of its forms when a submission was refused.
    func renderPark(_ request: Request, error: String?) async throws -> View {
        let regions = request.services.regions
        let park = try await request.parks.get(try request.uuidParameter(entity: "park"))
        let enterprises = try await request.enterprises.list(EnterpriseFilter(parkID: park.id), by: request.principal,
                                                             page: Paging(perPage: Paging.maxPerPage)).items
        let rows = enterprises.map { enterprise in
            EnterpriseRow(name: enterprise.name, origin: regions[enterprise.originCode]?.name ?? enterprise.originCode, chain: enterprise.chain,
                          status: request.t("enterprise_status.\(enterprise.status.rawValue)"),
                          investment: request.t("format.wan_yuan", ["value": Formatting.wan(enterprise.actualInvestment)]),
                          jobs: request.t("park.jobs_line", ["jobs": String(enterprise.jobs), "rural": String(enterprise.jobsRural),
                                                              "poor": String(enterprise.jobsPovertyLifted)]),
                          landedOn: enterprise.landedOn?.description)
        }
        let landed = enterprises.filter(\.status.hasLanded)
        var context = ParkContext(
            park: park, place: regions.placeName(park.countyCode), form: request.t("park_form.\(park.form.rawValue)"),
            partner: [regions.placeName(park.partnerCode), park.partnerPark ?? ""]
                .filter { !$0.isEmpty }.joined(separator: " · "),
            established: park.established?.description ?? request.t("park.not_established"),
            builtShare: park.plannedAreaMu > 0 ? Formatting.percent(Int64(park.builtAreaMu) * 10_000 / Int64(park.plannedAreaMu)) : nil,
            enterprises: rows, hasEnterprises: !rows.isEmpty,
            investment: request.t("format.wan_yuan", ["value": Formatting.wan(landed.reduce(0) { $0 + $1.actualInvestment })]),
            jobs: Formatting.count(Int64(landed.reduce(0) { $0 + $1.jobs })),
            projects: try await projectLinks(park.projectIDs, request: request), projectCount: park.projectIDs.count,
            industries: try await request.industries.all(in: park.countyCode).map { Link(href: "/industries/\($0.id)", label: $0.name, note: nil) },
            showsEnclave: false, sending: "", hosting: "", shares: [], report: [])
        if park.form == .enclave, let detail = try? await request.enclaves.detail(of: park.id, by: request.principal) {
            context.showsEnclave = true
            let sending = detail.shares.last?.sendingCode
            context.sending = sending.flatMap { regions[$0]?.name } ?? "—"
            context.hosting = detail.shares.last.flatMap { regions[$0.hostingCode]?.name } ?? "—"
            func pair(_ split: ShareSplit) -> String { "\(ShareText.percent(split.sending)) / \(ShareText.percent(split.hosting))" }
            context.shares = detail.shares.map {
                ShareRow(years: "\($0.fromYear)–\($0.toYear.map(String.init) ?? request.t("enclave.open_end"))",
                         output: pair($0.outputValue), tax: pair($0.taxRevenue), gdp: pair($0.gdp))
            }
            func parts(_ a: Int64?, _ b: Int64?) -> String {
                guard let a, let b else { return "—" }
                return "\(Formatting.wan(a)) / \(Formatting.wan(b))"
            }
            context.report = detail.report.map {
                ReportRow(year: $0.year, output: parts($0.sendingOutput, $0.hostingOutput), tax: parts($0.sendingTax, $0.hostingTax),
                          gdp: parts($0.sendingGDP, $0.hostingGDP), hasShare: $0.share != nil)
            }
        }
        context.error = error
        context.lastYear = request.today.year - 1
        let pictures = try await request.parks.images(of: park.id)
        context.pictures = pictures.map {
            let full = "/parks/\(park.id)/images/\($0.id)"
            return Picture(thumbnail: full + ($0.thumbnailSize == nil ? "" : "?size=thumb"), full: full)
        }
        if Permissions.canEditIndustry(request.principal, countyCode: park.countyCode) {
            context.canAddPicture = pictures.count < ParkRepository.maxImages
            context.canEdit = true
            context.sides = [park.partnerCode, park.countyCode].map {
                ChoiceOption(value: $0, label: regions[$0]?.name ?? $0, selected: false)
            }
        }
        context.hasProjects = !context.projects.isEmpty
        context.hasIndustries = !context.industries.isEmpty
        context.hasShares = !context.shares.isEmpty
        context.hasReport = !context.report.isEmpty
        return try await request.view.render("Industry/park", PageContext(request, context))
    }

    /// A park's picture (public, like the park); `?size=thumb` its thumbnail when it has one.
    func parkImage(request: Request) async throws -> Response {
        let (type, data) = try await request.parks.image(try request.uuidParameter("image", entity: "image"), of: try request.uuidParameter(entity: "park"),
                                                         thumbnail: request.query[String.self, at: "size"] == "thumb")
        return Response.picture(type, data)
    }

    /// Linked projects as links for staff who may open them; the public sees only how many there are.
    func projectLinks(_ ids: [UUID], request: Request) async throws -> [Link] {
        guard request.principal.role?.isStaff == true else { return [] }
        var links: [Link] = []
        for id in ids {
            if let project = try? await request.projects.get(id, by: request.principal) {
                links.append(Link(href: "/projects/\(project.id)", label: "\(project.code) \(project.name)", note: nil))
            }
        }
        return links
    }
}
