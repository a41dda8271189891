import Vapor
import XiezuoCore

/// Pairings: the public list, the coordinators' add and end forms, and the API.
struct PairingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("pairings", use: list)
        routes.get("pairings", "new", use: newForm)
        routes.post("pairings", use: create)
        routes.post("pairings", ":id", "end", use: end)
        let api = routes.grouped("api", "v1", "pairings")
        api.get(use: apiList)
        api.get(":id", use: apiShow)
        api.post(use: apiCreate)
        api.patch(":id", use: apiUpdate)
    }

    static let operations: [APIOperation] = [
        APIOperation(.GET, "/api/v1/pairings", tag: "pairings", summary: "Pairings in force in a year, touching a region",
                     parameters: [.query("year", "Year the pairing is in force", type: "integer"),
                                  .query("region", "Region code: its subtree and its ancestors")] + APIOperation.Parameter.paging,
                     response: .list("Pairing")),
        APIOperation(.GET, "/api/v1/pairings/{id}", tag: "pairings", summary: "One pairing",
                     parameters: [.path("id", "Pairing id")], response: .object("Pairing")),
        APIOperation(.POST, "/api/v1/pairings", tag: "pairings", summary: "Add a pairing (coordinators of either side, admins)",
                     request: "PairingDraft", response: .object("Pairing"), status: 201, secured: true),
        APIOperation(.PATCH, "/api/v1/pairings/{id}", tag: "pairings", summary: "End a pairing (set validTo) or edit its note",
                     parameters: [.path("id", "Pairing id")], request: "PairingPatch", response: .object("Pairing"), secured: true),
    ]

    // MARK: API

    func apiList(request: Request) async throws -> Response {
        let (year, region) = (try request.queryInt("year"), try request.queryRegion())
        let regions = request.services.regions
        let shownYear = year ?? currentYear()
        return try await request.list(SheetSpec(name: "export.sheet.pairings")) { paging in
            try await request.pairings.list(year: year, region: region, page: paging).map { PairingView($0, regions: regions, year: shownYear) }
        }
    }

    func apiShow(request: Request) async throws -> PairingView {
        let pairing = try await request.pairings.get(try request.uuidParameter(entity: "pairing"))
        return PairingView(pairing, regions: request.services.regions, year: currentYear())
    }

    func apiCreate(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let pairing = try await request.pairings.create(try request.decodeJSON(PairingDraft.self), by: principal)
        return try await PairingView(pairing, regions: request.services.regions, year: currentYear())
            .encodeResponse(status: .created, for: request)
    }

    func apiUpdate(request: Request) async throws -> PairingView {
        let principal = try request.signedIn()
        let id = try request.uuidParameter(entity: "pairing")
        let pairing = try await request.pairings.update(id, with: try request.decodeJSON(PairingPatch.self), by: principal)
        return PairingView(pairing, regions: request.services.regions, year: currentYear())
    }

    // MARK: Pages

    struct ListContext: Encodable {
        var pairings: [PairingView]
        var pager: Pager
        var year: Int?
        var region: String?
        var regionName: String?
        var canEdit: Bool
        var thisYear: Int
    }

    func list(request: Request) async throws -> View {
        let year = try request.queryInt("year")
        let region = try request.queryRegion()
        let page = try await request.pairings.list(year: year, region: region, page: try request.pageRequest())
        let regions = request.services.regions
        let thisYear = currentYear()
        let role = request.principal.role
        let context = ListContext(
            pairings: page.items.map { PairingView($0, regions: regions, year: year ?? thisYear) },
            pager: Pager(page, request: request), year: year, region: region,
            regionName: region.flatMap { regions[$0]?.name },
            canEdit: role == .admin || role == .coordinator, thisYear: thisYear)
        return try await request.view.render("Regions/pairings", PageContext(request, context))
    }

    struct FormContext: Encodable {
        var values: [String: String]
        var errors: [String: String]
        var jiangsuCities: [Region]
        var shaanxiCities: [Region]
    }

    struct Form: Content {
        var eastCode: String?
        var westCode: String?
        var validFrom: String?
        var validTo: String?
        var note: String?
    }

    func newForm(request: Request) async throws -> View {
        _ = try request.require(.admin, .coordinator)
        return try await renderForm(request, values: ["validFrom": String(currentYear())], errors: [:])
    }

    func create(request: Request) async throws -> Response {
        let principal = try request.require(.admin, .coordinator)
        let form = try request.content.decode(Form.self)
        let values = ["eastCode": form.eastCode ?? "", "westCode": form.westCode ?? "", "validFrom": form.validFrom ?? "",
                      "validTo": form.validTo ?? "", "note": form.note ?? ""]
        do {
            let draft = PairingDraft(eastCode: form.eastCode, westCode: form.westCode,
                                     validFrom: try FormValue.int(form.validFrom, field: "validFrom"),
                                     validTo: try FormValue.int(form.validTo, field: "validTo"), note: form.note)
            let pairing = try await request.pairings.create(draft, by: principal)
            return request.redirect(to: "/regions/\(pairing.westCode)")
        } catch let error as DomainError where error.field != nil {
            let view = try await renderForm(request, values: values, errors: [error.field!: request.message(for: error)])
            return try await view.encodeResponse(status: .badRequest, for: request)
        }
    }

    private func renderForm(_ request: Request, values: [String: String], errors: [String: String]) async throws -> View {
        let regions = request.services.regions
        let context = FormContext(values: values, errors: errors, jiangsuCities: regions.children(of: "32"),
                                  shaanxiCities: regions.children(of: "61"))
        return try await request.view.render("Regions/pairing-form", PageContext(request, context))
    }

    func end(request: Request) async throws -> Response {
        let principal = try request.require(.admin, .coordinator)
        let id = try request.uuidParameter(entity: "pairing")
        struct EndForm: Content { var validTo: String? }
        let form = try request.content.decode(EndForm.self)
        let year = try FormValue.int(form.validTo, field: "validTo") ?? currentYear()
        let pairing = try await request.pairings.update(id, with: PairingPatch(validTo: year), by: principal)
        return request.redirect(to: "/regions/\(pairing.westCode)")
    }
}
