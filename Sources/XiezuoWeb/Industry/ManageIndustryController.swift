import Vapor
import XiezuoCore
import XiezuoStore

/// The staff side of the industry registers: the pipeline of enterprises with a step button each, the county's
/// industries, parks and events, forms to record and edit them, and the enclave forms of a park.
struct ManageIndustryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let manage = routes.grouped("manage", "industry")
        manage.get(use: overview)
        manage.get(":kind", "new", use: newForm)
        manage.post(":kind", use: create)
        manage.get(":kind", ":id", "edit", use: editForm)
        manage.post(":kind", ":id", use: update)
        // Not under `:kind`: the router prefers a constant segment and does not backtrack to the parameter.
        manage.post("pipeline", ":id", use: move)
        manage.post("enclave", ":id", "shares", use: addShare)
        manage.post("enclave", ":id", "figures", use: setFigures)
        // A park's picture (2 MB, in a multipart body a little larger).
        manage.collecting(.POST, "pictures", ":id", maxSize: "3mb", use: addPicture)
    }

    /// Adds a picture to a park, with the thumbnail the browser made; back to the park's page, or its error there.
    func addPicture(request: Request) async throws -> Response {
        let principal = try staff(request)
        let id = try request.uuidParameter(entity: "park")
        // Someone else's park is not found, whatever the body holds.
        guard Permissions.canEditIndustry(principal, countyCode: try await request.parks.get(id).countyCode) else { throw DomainError.notFound("park") }
        struct Upload: Content { var image: File?; var thumbnail: File? }
        do {
            let upload = try request.content.decode(Upload.self)
            guard let file = upload.image, file.data.readableBytes > 0 else { throw DomainError.invalid("image", "required") }
            let thumbnail = upload.thumbnail.map { Array($0.data.readableBytesView) }.flatMap { $0.isEmpty ? nil : $0 }
            _ = try await request.parks.addImage(Array(file.data.readableBytesView), thumbnail: thumbnail, to: id, by: principal)
            return request.redirect(to: "/parks/\(id)")
        } catch let error as DomainError where error.kind == .validation {
            return try await IndustryPagesController().renderPark(request, error: request.message(for: error)).encodeResponse(status: .badRequest, for: request)
        }
    }

    struct Row: Encodable {
        var id: UUID
        var name: String
        var place: String
        var detail: String
        var link: String?
        var edit: String
        var status: String?
        var next: [ChoiceOption]
        var hasNext = false
    }

    struct OverviewContext: Encodable {
        var region: String
        var regionName: String
        var enterprises: [Row]
        var pager: Pager
        var industries: [Row]
        var parks: [Row]
        var events: [Row]
        var today: String
        var error: String?
        var hasEnterprises: Bool
        var hasIndustries: Bool
        var hasParks: Bool
        var hasEvents: Bool
    }

    func staff(_ request: Request) throws -> Principal {
        try request.require(.admin, .coordinator, .officer)
    }

    func overview(request: Request) async throws -> View {
        try await renderOverview(request, error: nil)
    }

    func renderOverview(_ request: Request, error: String?) async throws -> View {
        let principal = try staff(request)
        let regions = request.services.regions
        let region = try request.queryRegion() ?? principal.jurisdiction ?? "61"
        let place = regions.placeName
        var filter = EnterpriseFilter(region: region)
        filter.editableOnly = true
        let page = try await request.enterprises.list(filter, by: principal, page: try request.pageRequest())
        let enterprises = page.items.map { enterprise in
            Row(id: enterprise.id, name: enterprise.name, place: place(enterprise.countyCode),
                detail: "\(enterprise.chain) · \(regions[enterprise.originCode]?.name ?? enterprise.originCode)",
                link: enterprise.parkID.map { "/parks/\($0)" }, edit: "/manage/industry/enterprises/\(enterprise.id)/edit",
                status: request.t("enterprise_status.\(enterprise.status.rawValue)"),
                next: enterprise.status.next.map { ChoiceOption(value: $0.rawValue, label: request.t("enterprise_status.\($0.rawValue)"), selected: false) },
                hasNext: !enterprise.status.next.isEmpty)
        }
        let editable = { (code: String) in Permissions.canEditIndustry(principal, countyCode: code) }
        let industries = try await request.industries.all(in: region).filter { editable($0.countyCode) }.map {
            Row(id: $0.id, name: $0.name, place: place($0.countyCode), detail: "\($0.category) · \(request.t("industry_role.\($0.role.rawValue)"))",
                link: "/industries/\($0.id)", edit: "/manage/industry/industries/\($0.id)/edit", status: nil, next: [])
        }
        let parks = try await request.parks.all(in: region).filter { editable($0.countyCode) }.map {
            Row(id: $0.id, name: $0.name, place: place($0.countyCode),
                detail: "\(request.t("park_form.\($0.form.rawValue)")) · \(regions[$0.partnerCode]?.name ?? $0.partnerCode)",
                link: "/parks/\($0.id)", edit: "/manage/industry/parks/\($0.id)/edit", status: nil, next: [])
        }
        let events = try await request.promotionEvents.list(region: region, page: Paging(perPage: 50)).items
            .filter { principal.scope.covers($0.organiserCode) }.map {
                Row(id: $0.id, name: $0.title, place: regions[$0.cityCode]?.name ?? $0.cityCode, detail: $0.date.description, link: nil,
                    edit: "/manage/industry/events/\($0.id)/edit", status: nil, next: [])
            }
        let context = OverviewContext(
            region: region, regionName: regions[region]?.name ?? region, enterprises: enterprises, pager: Pager(page, request: request),
            industries: industries, parks: parks, events: events, today: request.today.description, error: error,
            hasEnterprises: !enterprises.isEmpty, hasIndustries: !industries.isEmpty, hasParks: !parks.isEmpty, hasEvents: !events.isEmpty)
        return try await request.view.render("Industry/manage-industry", PageContext(request, context))
    }

    func kind(_ request: Request) throws -> IndustryRecordKind {
        guard let kind = request.parameters.get("kind").flatMap(IndustryRecordKind.init(rawValue:)) else { throw DomainError.notFound("page") }
        return kind
    }

    struct FormContext: Encodable {
        var title: String
        var action: String
        var fields: [FormField]
        var error: String?
        var back = "/manage/industry"
        var backLabel = ""
        var notice: String?
    }

    func renderForm(_ request: Request, kind: IndustryRecordKind, id: UUID?, values: [String: String], errors: [String: String],
                    general: String? = nil) async throws -> View {
        let principal = try staff(request)
        let parks = kind == .enterprises ? try await request.parks.all(in: principal.jurisdiction ?? "61")
            .filter { Permissions.canEditIndustry(principal, countyCode: $0.countyCode) } : []
        let context = FormContext(
            title: request.t("manage_industry.\(id == nil ? "new" : "edit")_\(kind.rawValue)"),
            action: "/manage/industry/\(kind.rawValue)" + (id.map { "/\($0)" } ?? ""),
            fields: kind.fields(values, errors: errors, request: request, parks: parks), error: general,
            backLabel: request.t("manage_industry.title"))
        return try await request.view.render("Support/record-form", PageContext(request, context))
    }

    func newForm(request: Request) async throws -> View {
        let principal = try staff(request)
        let kind = try kind(request)
        var values: [String: String] = [:]
        // A county officer's own county (or, for events, any Shaanxi jurisdiction) is the likely answer.
        if let jurisdiction = principal.jurisdiction, jurisdiction.hasPrefix("61") {
            if kind == .events {
                values["organiserCode"] = jurisdiction
            } else if jurisdiction.count == 6 {
                values["countyCode"] = jurisdiction
            }
        }
        if kind == .industries { values["since"] = String(request.today.year) }
        return try await renderForm(request, kind: kind, id: nil, values: values, errors: [:])
    }

    func editForm(request: Request) async throws -> View {
        let principal = try staff(request)
        let kind = try kind(request)
        let id = try request.uuidParameter(entity: String(kind.rawValue.dropLast()))
        return try await renderForm(request, kind: kind, id: id, values: try await kind.values(of: id, request: request, by: principal), errors: [:])
    }

    func create(request: Request) async throws -> Response {
        try await save(request, id: nil)
    }

    func update(request: Request) async throws -> Response {
        try await save(request, id: try request.uuidParameter(entity: "record"))
    }

    func save(_ request: Request, id: UUID?) async throws -> Response {
        let principal = try staff(request)
        let kind = try kind(request)
        let values = try request.formValues()
        do {
            return request.redirect(to: try await kind.save(values, id: id, request: request, by: principal))
        } catch let error as DomainError where error.kind == .validation {
            let (errors, general) = request.formErrors(error, fields: kind.fields(values, errors: [:], request: request, parks: []), values: values)
            return try await renderForm(request, kind: kind, id: id, values: values, errors: errors, general: general)
                .encodeResponse(status: .badRequest, for: request)
        }
    }

    func move(request: Request) async throws -> Response {
        struct Form: Content { var status: String?; var date: String? }
        let principal = try staff(request)
        let id = try request.uuidParameter(entity: "enterprise")
        let form = try request.content.decode(Form.self)
        do {
            guard let text = form.status, let status = EnterpriseStatus(rawValue: text) else {
                throw DomainError.invalid("status", "unknown_choice", ["value": form.status ?? ""])
            }
            _ = try await request.enterprises.move(id, to: status, on: try Validate.day(form.date, field: "date"), by: principal)
            return request.redirect(to: "/manage/industry")
        } catch let error as DomainError where error.kind == .validation {
            return try await renderOverview(request, error: request.message(for: error)).encodeResponse(status: .badRequest, for: request)
        }
    }

    func addShare(request: Request) async throws -> Response {
        let principal = try staff(request)
        let park = try request.uuidParameter(entity: "park")
        let values = try request.content.decode([String: String].self)
        /// A percentage with at most two decimals, as basis points; anything else is refused, never rounded.
        func basisPoints(_ name: String) throws -> Int? {
            guard let text = values[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let match = text.wholeMatch(of: /([0-9]{1,3})(?:\.([0-9]{1,2}))?/), let whole = Int(match.1) else {
                throw DomainError.invalid(name, "percent_format")
            }
            let fraction = match.2.map { Int($0.count == 1 ? $0 + "0" : String($0)) ?? 0 } ?? 0
            let value = whole * 100 + fraction
            guard value <= 10_000 else { throw DomainError.invalid(name, "percent_format") }
            return value
        }
        do {
            let draft = EnclaveShareDraft(
                sendingCode: values["sendingCode"], fromYear: try IndustryRecordKind.int(values, "fromYear"),
                toYear: try IndustryRecordKind.int(values, "toYear"),
                outputSending: try basisPoints("outputSending"), outputHosting: try basisPoints("outputHosting"),
                taxSending: try basisPoints("taxSending"), taxHosting: try basisPoints("taxHosting"),
                gdpSending: try basisPoints("gdpSending"), gdpHosting: try basisPoints("gdpHosting"))
            _ = try await request.enclaves.addShare(to: park, draft, by: principal)
            return request.redirect(to: "/parks/\(park)")
        } catch let error as DomainError where error.kind == .validation {
            return try await IndustryPagesController().renderPark(request, error: request.message(for: error)).encodeResponse(status: .badRequest, for: request)
        }
    }

    func setFigures(request: Request) async throws -> Response {
        let principal = try staff(request)
        let park = try request.uuidParameter(entity: "park")
        let values = try request.content.decode([String: String].self)
        do {
            func required(_ name: String) throws -> Int64 {
                guard let fen = try Formatting.fen(from: values[name], unitFen: 1_000_000, field: name) else {
                    throw DomainError.invalid(name, "required")
                }
                return fen
            }
            guard let year = try IndustryRecordKind.int(values, "year") else { throw DomainError.invalid("year", "required") }
            let figures = ParkFigures(
                parkID: park, year: year,
                outputValue: try required("outputValue"), taxRevenue: try required("taxRevenue"), gdp: try required("gdp"))
            _ = try await request.enclaves.setFigures(figures, by: principal)
            return request.redirect(to: "/parks/\(park)")
        } catch let error as DomainError where error.kind == .validation {
            return try await IndustryPagesController().renderPark(request, error: request.message(for: error)).encodeResponse(status: .badRequest, for: request)
        }
    }
}
