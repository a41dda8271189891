import Vapor
import XiezuoCore
import XiezuoStore

/// Featured industries and co-built parks: public reads; writes by the staff of the county; enclave sharing for
/// the staff of either side.
struct IndustryAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let industries = routes.grouped("api", "v1", "industries")
        industries.get(use: listIndustries)
        industries.post(use: createIndustry)
        industries.get(":id", use: showIndustry)
        industries.put(":id", use: updateIndustry)
        industries.delete(":id", use: deleteIndustry)
        let parks = routes.grouped("api", "v1", "parks")
        parks.get(use: listParks)
        parks.post(use: createPark)
        parks.get(":id", use: showPark)
        parks.put(":id", use: updatePark)
        parks.delete(":id", use: deletePark)
        parks.get(":id", "enclave", use: enclave)
        parks.post(":id", "enclave", "shares", use: addShare)
        parks.delete(":id", "enclave", "shares", ":share", use: deleteShare)
        parks.put(":id", "figures", ":year", use: setFigures)
        routes.get("api", "v1", "enclave-report", use: report)
    }

    static let operations: [APIOperation] = {
        let id = APIOperation.Parameter.path("id", "Record id")
        let filter: [APIOperation.Parameter] = [.query("region", "Region code (subtree)"), .query("q", "Part of the name")]
        return [
            APIOperation(.GET, "/api/v1/industries", tag: "industry", summary: "Featured industries (一县一特色), public",
                         parameters: filter + [.query("category", "Category")] + APIOperation.Parameter.paging, response: .list("FeaturedIndustry")),
            APIOperation(.POST, "/api/v1/industries", tag: "industry", summary: "Record a county's featured industry",
                         request: "FeaturedIndustryDraft", response: .object("FeaturedIndustry"), status: 201, secured: true),
            APIOperation(.GET, "/api/v1/industries/{id}", tag: "industry", summary: "One featured industry, public", parameters: [id],
                         response: .object("FeaturedIndustry")),
            APIOperation(.PUT, "/api/v1/industries/{id}", tag: "industry", summary: "Replace a featured industry's fields", parameters: [id],
                         request: "FeaturedIndustryDraft", response: .object("FeaturedIndustry"), secured: true),
            APIOperation(.DELETE, "/api/v1/industries/{id}", tag: "industry", summary: "Remove a featured industry entered by mistake",
                         parameters: [id], response: .none, status: 204, secured: true),
            APIOperation(.GET, "/api/v1/parks", tag: "industry", summary: "Co-built parks (一县一园区), public",
                         parameters: filter + [.query("form", "park_in_park, park_in_zone, enclave or other")] + APIOperation.Parameter.paging,
                         response: .list("Park")),
            APIOperation(.POST, "/api/v1/parks", tag: "industry", summary: "Record a co-built park", request: "ParkDraft",
                         response: .object("Park"), status: 201, secured: true),
            APIOperation(.GET, "/api/v1/parks/{id}", tag: "industry", summary: "One park with the enterprises in it the caller may see",
                         parameters: [id], response: .object("ParkDetail")),
            APIOperation(.PUT, "/api/v1/parks/{id}", tag: "industry", summary: "Replace a park's fields", parameters: [id],
                         request: "ParkDraft", response: .object("Park"), secured: true),
            APIOperation(.DELETE, "/api/v1/parks/{id}", tag: "industry", summary: "Remove a park with no enterprises and no enclave shares",
                         parameters: [id], response: .none, status: 204, secured: true),
            APIOperation(.GET, "/api/v1/parks/{id}/enclave", tag: "industry",
                         summary: "An enclave park's agreed statistics shares and each year's split (staff of either side)",
                         parameters: [id], response: .object("Enclave"), secured: true),
            APIOperation(.POST, "/api/v1/parks/{id}/enclave/shares", tag: "industry",
                         summary: "Agree output, tax and GDP shares for a span of years (each split sums to 10,000 basis points)",
                         parameters: [id], request: "EnclaveShareDraft", response: .object("EnclaveShare"), status: 201, secured: true),
            APIOperation(.DELETE, "/api/v1/parks/{id}/enclave/shares/{share}", tag: "industry", summary: "Remove an agreed share",
                         parameters: [id, .path("share", "Share id")], response: .none, status: 204, secured: true),
            APIOperation(.PUT, "/api/v1/parks/{id}/figures/{year}", tag: "industry",
                         summary: "Record a park's output value, tax revenue and GDP for a year (fen)",
                         parameters: [id, .path("year", "Year")], request: "ParkFiguresInput", response: .object("ParkFigures"), secured: true),
            APIOperation(.GET, "/api/v1/enclave-report", tag: "industry",
                         summary: "Each enclave park's split of a year's statistics between the sending and the hosting side",
                         parameters: [.query("year", "Year (default: last year)", type: "integer")], response: .object("EnclaveReport"),
                         secured: true),
        ]
    }()

    func listIndustries(request: Request) async throws -> Response {
        let filter = try request.industryFilter()
        return try await request.list(SheetSpec(name: "export.sheet.industries")) { paging in try await request.industries.list(filter, page: paging) }
    }

    func createIndustry(request: Request) async throws -> Response {
        let industry = try await request.industries.create(try request.decodeJSON(FeaturedIndustryDraft.self), by: try request.signedIn())
        return try await industry.encodeResponse(status: .created, for: request)
    }

    func showIndustry(request: Request) async throws -> FeaturedIndustry {
        try await request.industries.get(try request.uuidParameter(entity: "industry"))
    }

    func updateIndustry(request: Request) async throws -> FeaturedIndustry {
        try await request.industries.update(try request.uuidParameter(entity: "industry"),
                                            with: try request.decodeJSON(FeaturedIndustryDraft.self), by: try request.signedIn())
    }

    func deleteIndustry(request: Request) async throws -> HTTPStatus {
        try await request.industries.delete(try request.uuidParameter(entity: "industry"), by: try request.signedIn())
        return .noContent
    }

    func listParks(request: Request) async throws -> Response {
        let filter = try request.industryFilter(category: "form")
        return try await request.list(SheetSpec(name: "export.sheet.parks")) { paging in try await request.parks.list(filter, page: paging) }
    }

    func createPark(request: Request) async throws -> Response {
        let park = try await request.parks.create(try request.decodeJSON(ParkDraft.self), by: try request.signedIn())
        return try await park.encodeResponse(status: .created, for: request)
    }

    func showPark(request: Request) async throws -> ParkDetailDTO {
        let park = try await request.parks.get(try request.uuidParameter(entity: "park"))
        let enterprises = try await request.enterprises.list(EnterpriseFilter(parkID: park.id), by: request.principal,
                                                             page: Paging(perPage: Paging.maxPerPage))
        return ParkDetailDTO(park: park, enterprises: enterprises.items)
    }

    func updatePark(request: Request) async throws -> Park {
        try await request.parks.update(try request.uuidParameter(entity: "park"), with: try request.decodeJSON(ParkDraft.self),
                                       by: try request.signedIn())
    }

    func deletePark(request: Request) async throws -> HTTPStatus {
        try await request.parks.delete(try request.uuidParameter(entity: "park"), by: try request.signedIn())
        return .noContent
    }

    func enclave(request: Request) async throws -> Response {
        let detail = try await request.enclaves.detail(of: try request.uuidParameter(entity: "park"), by: try request.signedIn())
        if try request.exportFormat() != nil { return try await request.workbook(SheetSpec(name: "export.sheet.enclave_shares"), detail.shares) }
        return try await EnclaveDTO(shares: detail.shares, report: detail.report).encodeResponse(for: request)
    }

    func addShare(request: Request) async throws -> Response {
        let share = try await request.enclaves.addShare(to: try request.uuidParameter(entity: "park"),
                                                        try request.decodeJSON(EnclaveShareDraft.self), by: try request.signedIn())
        return try await share.encodeResponse(status: .created, for: request)
    }

    func deleteShare(request: Request) async throws -> HTTPStatus {
        try await request.enclaves.deleteShare(try request.uuidParameter("share", entity: "enclave_share"),
                                               of: try request.uuidParameter(entity: "park"), by: try request.signedIn())
        return .noContent
    }

    func setFigures(request: Request) async throws -> ParkFigures {
        struct Body: Decodable { var outputValue: Int64?; var taxRevenue: Int64?; var gdp: Int64? }
        let principal = try request.signedIn()
        let park = try request.uuidParameter(entity: "park")
        guard let year = request.parameters.get("year").flatMap(Int.init) else { throw DomainError.invalid("year", "year_out_of_range") }
        let body = try request.decodeJSON(Body.self)
        let output = try Validate.fen(body.outputValue, field: "outputValue", required: true)!
        let tax = try Validate.fen(body.taxRevenue, field: "taxRevenue", required: true)!
        let gdp = try Validate.fen(body.gdp, field: "gdp", required: true)!
        return try await request.enclaves.setFigures(ParkFigures(parkID: park, year: year, outputValue: output, taxRevenue: tax, gdp: gdp),
                                                     by: principal)
    }

    struct ReportDTO: Content {
        var year: Int
        var lines: [EnclaveReportLine]
    }

    func report(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let year = try Validate.year(try request.queryInt("year"), field: "year", required: false) ?? request.today.year - 1
        let lines = try await request.enclaves.report(year: year, by: principal)
        if try request.exportFormat() != nil { return try await request.workbook(SheetSpec(name: "export.sheet.enclave_report"), lines) }
        return try await ReportDTO(year: year, lines: lines).encodeResponse(for: request)
    }
}
