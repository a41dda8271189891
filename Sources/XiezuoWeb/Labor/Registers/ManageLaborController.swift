import Vapor
import XiezuoCore
import XiezuoStore

/// The staff side of the labour registers: the jurisdiction's brands, training, gig markets and gigs, trips and
/// workshops with forms to record and edit them, and a page per programme, gig and trip to record what happens to
/// the people in it (trainee steps, work done, boarding and arrival).
struct ManageLaborController: RouteCollection, RecordFormPage {
    let fieldAliases = ["employerId": "employerCode", "employerIds": "employerCodes"]

    func boot(routes: any RoutesBuilder) throws {
        let manage = routes.grouped("manage", "labor")
        manage.get(use: overview)
        manage.get(":kind", "new", use: newForm)
        manage.post(":kind", use: create)
        manage.get(":kind", ":id", use: detail)
        manage.get(":kind", ":id", "edit", use: editForm)
        manage.post(":kind", ":id", use: update)
        // Actions on a programme, a trip, a gig, an enrolment or a sign-up.
        manage.post(":kind", ":id", ":action", use: act)
    }

    func keeper(_ request: Request) throws -> Principal {
        try request.require(.admin, .coordinator, .officer)
    }

    func overview(request: Request) async throws -> Response {
        let principal = try keeper(request)
        let region = try request.queryRegion() ?? principal.jurisdiction ?? "61"
        let place = request.services.regions.placeName
        let first = Paging(perPage: 50)
        let editable = { (county: String) in Permissions.canEditLaborRecord(principal, countyCode: county) }
        func edit(_ kind: LaborRecordKind, _ id: UUID) -> RegisterPage.Action {
            RegisterPage.Action(action: "/manage/labor/\(kind.rawValue)/\(id)/edit", label: request.t("action.edit"))
        }
        let brands = try await request.brands.list(region: region, page: first).items.filter { editable($0.countyCode) }.map {
            RegisterPage.Row(cells: [RegisterPage.Cell($0.name, href: "/brands/\($0.id)"), RegisterPage.Cell(place($0.countyCode)),
                                     RegisterPage.Cell(request.t("brand_level.\($0.level.rawValue)"))])
        }
        let training = try await request.training.list(region: region, page: first).items.filter { editable($0.countyCode) }.map {
            RegisterPage.Row(cells: [RegisterPage.Cell($0.name, href: "/manage/labor/training/\($0.id)"), RegisterPage.Cell(place($0.countyCode)),
                                     RegisterPage.Cell("\($0.startDate) – \($0.endDate)"),
                                     RegisterPage.Cell(request.t("training_mode.\($0.mode.rawValue)"))])
        }
        let markets = try await request.gigs.markets(region: region, page: first).items.filter { editable($0.countyCode) }
        let marketRows = markets.map {
            RegisterPage.Row(cells: [RegisterPage.Cell($0.name), RegisterPage.Cell(place($0.countyCode)), RegisterPage.Cell($0.hours)],
                             actions: [edit(.markets, $0.id)])
        }
        let gigs = try await request.gigs.tasks(region: region, from: request.today, page: first).items.filter { editable($0.countyCode) }.map {
            RegisterPage.Row(cells: [RegisterPage.Cell($0.date.description), RegisterPage.Cell($0.title, href: "/manage/labor/gigs/\($0.id)"),
                                     RegisterPage.Cell($0.place)])
        }
        let trips = try await request.trips.list(region: region, page: first).items.filter { editable($0.fromCounty) }.map {
            RegisterPage.Row(cells: [RegisterPage.Cell($0.date.description, href: "/manage/labor/trips/\($0.id)"),
                                     RegisterPage.Cell(place($0.fromCounty) + " → " + place($0.destinationCode)),
                                     RegisterPage.Cell("\($0.passengers.count)/\($0.seats)"), RegisterPage.Cell(request.t("trip_status.\($0.status.rawValue)"))])
        }
        let workshops = try await request.workshops.list(region: region, page: first).items.filter { editable($0.countyCode) }.map {
            RegisterPage.Row(cells: [RegisterPage.Cell($0.name), RegisterPage.Cell(place($0.countyCode) + " " + $0.village),
                                     RegisterPage.Cell(String($0.workers))], actions: [edit(.workshops, $0.id)])
        }
        let name = request.t("field.name"), county = request.t("field.countyCode")
        return try await RegisterPage(
            title: request.t("manage_labor.title") + " · " + (request.services.regions[region]?.name ?? region), intro: request.t("manage_labor.intro"),
            links: LaborRecordKind.allCases.filter { $0 != .gigs || !markets.isEmpty }.map {
                RegisterPage.Link(href: "/manage/labor/\($0.rawValue)/new", label: request.t("manage_labor.new_\($0.rawValue)"))
            },
            sections: [
                RegisterPage.Section(title: request.t("training.title"), headers: [name, county, request.t("training.dates"), request.t("field.mode")],
                                     rows: training, empty: request.t("training.empty")),
                RegisterPage.Section(title: request.t("manage_labor.trips"), headers: [request.t("field.date"), request.t("manage_labor.route"),
                                                                                      request.t("manage_labor.aboard"), request.t("field.status")],
                                     rows: trips, empty: request.t("manage_labor.no_trips")),
                RegisterPage.Section(title: request.t("gigs.upcoming"), headers: [request.t("field.date"), request.t("field.title"), request.t("field.place")],
                                     rows: gigs, empty: request.t("gigs.empty")),
                RegisterPage.Section(title: request.t("gigs.markets"), headers: [name, county, request.t("field.hours")], rows: marketRows,
                                     empty: request.t("gigs.no_markets")),
                RegisterPage.Section(title: request.t("brands.title"), headers: [name, county, request.t("field.level")], rows: brands,
                                     empty: request.t("brands.empty")),
                RegisterPage.Section(title: request.t("workshops.title"), headers: [name, request.t("field.village"), request.t("field.workers")],
                                     rows: workshops, empty: request.t("workshops.empty")),
            ]).render(request)
    }

    /// Options read from the database for the form of `kind`.
    func choices(_ kind: LaborRecordKind, values: [String: String], request: Request, by principal: Principal) async throws -> [String: [ChoiceOption]] {
        let region = principal.jurisdiction ?? "61"
        switch kind {
        case .gigs:
            let markets = try await request.gigs.markets(region: region, page: Paging(perPage: 200)).items
                .filter { Permissions.canEditLaborRecord(principal, countyCode: $0.countyCode) }
            return ["marketId": markets.map { ChoiceOption(value: $0.id.uuidString, label: $0.name, selected: values["marketId"] == $0.id.uuidString) }]
        case .training:
            let brands = try await request.brands.list(region: region, page: Paging(perPage: 200)).items
            return ["brandId": [ChoiceOption(value: "", label: request.t("manage_labor.no_brand"), selected: (values["brandId"] ?? "").isEmpty)]
                + brands.map { ChoiceOption(value: $0.id.uuidString, label: $0.name, selected: values["brandId"] == $0.id.uuidString) }]
        default:
            return [:]
        }
    }

    func renderForm(_ request: Request, kind: LaborRecordKind, id: UUID?, values: [String: String], errors: [String: String],
                    general: String?) async throws -> View {
        let principal = try keeper(request)
        let context = ManageIndustryController.FormContext(
            title: request.t("manage_labor.\(id == nil ? "new" : "edit")_\(kind.rawValue)"),
            action: "/manage/labor/\(kind.rawValue)" + (id.map { "/\($0)" } ?? ""),
            fields: kind.fields(values, errors: errors, request: request,
                                choices: try await choices(kind, values: values, request: request, by: principal)),
            error: general, back: "/manage/labor", backLabel: request.t("manage_labor.title"))
        return try await request.view.render("Support/record-form", PageContext(request, context))
    }

    func newForm(request: Request) async throws -> View {
        let principal = try keeper(request)
        let kind = try kind(request)
        var values: [String: String] = [:]
        if let jurisdiction = principal.jurisdiction, jurisdiction.count == 6, jurisdiction.hasPrefix("61") {
            values[kind == .trips ? "fromCounty" : "countyCode"] = jurisdiction
        }
        let today = request.today
        switch kind {
        case .brands: values["since"] = String(today.year); values["level"] = BrandLevel.county.rawValue
        case .gigs: values["date"] = today.description; values["headcount"] = "1"; values["marketId"] = try request.queryText("market", max: 40)
        case .markets: for service in [GigService.matching, .policyAdvice, .restArea] { values["services_\(service.rawValue)"] = "on" }
        default: break
        }
        return try await renderForm(request, kind: kind, id: nil, values: values, errors: [:], general: nil)
    }

    func detail(request: Request) async throws -> Response {
        let kind = try kind(request)
        let id = try request.uuidParameter(entity: kind.entity)
        return try await ManageLaborDetail(request: request, principal: try keeper(request)).render(kind, id: id, error: nil)
    }

    func act(request: Request) async throws -> Response {
        let principal = try keeper(request)
        let action = request.parameters.get("action") ?? ""
        guard let kindText = request.parameters.get("kind") else { throw DomainError.notFound("page") }
        let id = try request.uuidParameter(entity: kindText)
        let values = try request.formValues()
        let detail = ManageLaborDetail(request: request, principal: principal)
        do {
            let (kind, owner) = try await detail.perform(kindText, action: action, id: id, values: values)
            return request.redirect(to: "/manage/labor/\(kind.rawValue)/\(owner)")
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            let (kind, owner) = try await detail.owner(of: kindText, id: id)
            return try await detail.render(kind, id: owner, error: request.message(for: error), status: .badRequest)
        }
    }
}
