import Vapor
import XiezuoCore
import XiezuoStore

/// The project pages: list with filters and CSV export, the form, and a project with its flows.
struct ProjectsPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let projects = routes.grouped("projects")
        projects.get(use: list)
        projects.get("export.csv", use: export)
        projects.get("new", use: newForm)
        projects.post(use: create)
        projects.get(":id", use: show)
        projects.get(":id", "edit", use: editForm)
        projects.post(":id", use: update)
        projects.post(":id", "status", use: move)
        projects.post(":id", "flows", use: record)
        projects.post(":id", "flows", ":flow", "reverse", use: reverse)
    }

    struct Row: Encodable {
        var project: Project
        var county: String
        var area: String
        var status: String
        var budget: String
    }

    struct ListContext: Encodable {
        var rows: [Row]
        var pager: Pager
        var values: [String: String]
        var areas: [ProjectFormOptions.Option]
        var statuses: [ProjectFormOptions.Option]
        var exportLink: String
    }

    func row(_ project: Project, _ request: Request) -> Row {
        Row(project: project, county: request.services.regions[project.countyCode]?.name ?? project.countyCode,
            area: request.t("area.\(project.actionArea.rawValue)"), status: request.t("project_status.\(project.status.rawValue)"),
            budget: Formatting.wan(project.budget))
    }

    func list(request: Request) async throws -> View {
        let principal = try request.signedIn()
        let page = try await request.projects.list(try request.projectFilter(), by: principal, page: try request.pageRequest())
        var values: [String: String] = [:]
        for name in ["year", "region", "actionArea", "status", "q"] { values[name] = try request.queryText(name) ?? "" }
        let context = ListContext(
            rows: page.items.map { row($0, request) }, pager: Pager(page, request: request), values: values,
            areas: ActionArea.allCases.map { .init(value: $0.rawValue, label: request.t("area.\($0.rawValue)")) },
            statuses: ProjectStatus.allCases.map { .init(value: $0.rawValue, label: request.t("project_status.\($0.rawValue)")) },
            exportLink: "/projects/export.csv" + (request.url.query.map { "?" + $0 } ?? ""))
        return try await request.view.render("Funds/projects", PageContext(request, context))
    }

    func export(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let regions = request.services.regions
        var csv = CSV.header(["code", "name", "county_code", "county", "pairing_id", "year", "action_area", "category", "budget_yuan",
                              "status", "planned_start", "planned_end", "actual_start", "actual_end", "households", "persons",
                              "poverty_lifted_households", "poverty_lifted_persons", "description"])
        try await request.projects.forEach(try request.projectFilter(), by: principal) { batch in
            for p in batch {
                csv += CSV.row([p.code, p.name, p.countyCode, regions[p.countyCode]?.name ?? "", p.pairingID?.uuidString ?? "", String(p.year),
                                p.actionArea.rawValue, p.category, Formatting.yuan(p.budget).replacingOccurrences(of: ",", with: ""),
                                p.status.rawValue, p.plannedStart?.description ?? "", p.plannedEnd?.description ?? "",
                                p.actualStart?.description ?? "", p.actualEnd?.description ?? "", String(p.beneficiaries.households),
                                String(p.beneficiaries.persons), String(p.beneficiaries.povertyLiftedHouseholds),
                                String(p.beneficiaries.povertyLiftedPersons), p.description ?? ""])
            }
        }
        return CSV.response(csv, filename: "projects.csv")
    }

    struct FormContext: Encodable {
        var action: String
        var values: [String: String]
        var errors: [String: String]
        var options: ProjectFormOptions
        var editing: Bool
    }

    func newForm(request: Request) async throws -> View {
        _ = try request.require(.admin, .coordinator, .officer)
        var values = ["year": String(currentYear()), "actionArea": ActionArea.featuredIndustry.rawValue]
        if let county = request.principal.jurisdiction, county.count == 6 { values["countyCode"] = county }
        return try await renderForm(request, action: "/projects", values: values, errors: [:], editing: false)
    }

    private func renderForm(_ request: Request, action: String, values: [String: String], errors: [String: String],
                            editing: Bool) async throws -> View {
        let context = FormContext(action: action, values: values, errors: errors, options: try await ProjectFormOptions.make(request),
                                  editing: editing)
        return try await request.view.render("Funds/project-form", PageContext(request, context))
    }

    func create(request: Request) async throws -> Response {
        let principal = try request.require(.admin, .coordinator, .officer)
        let form = try request.content.decode(ProjectForm.self)
        do {
            let project = try await request.projects.create(try form.draft(), by: principal)
            return request.redirect(to: "/projects/\(project.id)")
        } catch let error as DomainError where error.field != nil {
            return try await renderForm(request, action: "/projects", values: form.values, errors: try await allErrors(error, form: form, request: request),
                                        editing: false).encodeResponse(status: .badRequest, for: request)
        }
    }

    /// The refused field's message, and every other field's problem beside it, so one submission shows them all.
    private func allErrors(_ error: DomainError, form: ProjectForm, request: Request) async throws -> [String: String] {
        let (draft, reader) = form.read()
        let pairing = try? await draft.pairingId.asyncMap { try await request.pairings.get($0) }
        return reader.errors(adding: [error] + draft.problems(in: request.services.regions, pairing: pairing ?? nil), request: request)
    }

    func editForm(request: Request) async throws -> View {
        let project = try await request.projects.get(try request.uuidParameter(entity: "project"), by: try request.signedIn())
        return try await renderForm(request, action: "/projects/\(project.id)", values: ProjectForm(project).values, errors: [:], editing: true)
    }

    func update(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let id = try request.uuidParameter(entity: "project")
        let form = try request.content.decode(ProjectForm.self)
        do {
            _ = try await request.projects.update(id, with: try form.draft(), by: principal)
            return request.redirect(to: "/projects/\(id)")
        } catch let error as DomainError where error.field != nil {
            return try await renderForm(request, action: "/projects/\(id)", values: form.values, errors: try await allErrors(error, form: form, request: request),
                                        editing: true).encodeResponse(status: .badRequest, for: request)
        }
    }

    func move(request: Request) async throws -> Response {
        struct Form: Content { var status: String? }
        let id = try request.uuidParameter(entity: "project")
        guard let status = try request.content.decode(Form.self).status.flatMap(ProjectStatus.init(rawValue:)) else {
            throw DomainError.invalid("status", "unknown_status")
        }
        _ = try await request.projects.move(id, to: status, by: try request.signedIn())
        request.flash(request.t("flash.project_moved", ["status": request.t("project_status.\(status.rawValue)")]))
        return request.redirect(to: "/projects/\(id)")
    }

    func show(request: Request) async throws -> View {
        try await ProjectPage.render(request, id: try request.uuidParameter(entity: "project"), flowValues: [:], flowErrors: [:])
    }

    func record(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let id = try request.uuidParameter(entity: "project")
        struct Form: Content { var type: String?; var source: String?; var amountYuan: String?; var date: String?; var voucher: String?; var note: String? }
        let form = try request.content.decode(Form.self)
        do {
            let amount = try Formatting.fen(from: form.amountYuan, unitFen: 100, field: "amount")
            let flow = try await request.flows.record(on: id, FlowDraft(type: form.type, source: form.source, amount: amount, date: form.date,
                                                                        voucher: form.voucher, note: form.note), by: principal)
            request.flash(request.t("flash.flow_recorded", ["type": request.t("flow_type.\(flow.type.rawValue)"),
                                                            "amount": Formatting.yuan(flow.amount)]))
            return request.redirect(to: "/projects/\(id)")
        } catch let error as DomainError where error.field != nil {
            let values = ["type": form.type ?? "", "source": form.source ?? "", "amountYuan": form.amountYuan ?? "", "date": form.date ?? "",
                          "voucher": form.voucher ?? "", "note": form.note ?? ""]
            return try await ProjectPage.render(request, id: id, flowValues: values, flowErrors: [error.field!: request.message(for: error)])
                .encodeResponse(status: .badRequest, for: request)
        }
    }

    /// Reverses a flow (红字冲销) with the reason typed beside it; a refusal keeps the reason and says why beside it.
    func reverse(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let id = try request.uuidParameter(entity: "project")
        let flowID = try request.uuidParameter("flow", entity: "fund_flow")
        let reason = try request.formValues()["reason"]
        do {
            let reversal = try await request.flows.reverse(flowID, on: id, ReversalDraft(reason: reason), by: principal)
            request.flash(request.t("flash.flow_reversed", ["type": request.t("flow_type.\(reversal.type.rawValue)"),
                                                            "amount": Formatting.yuan(-reversal.amount)]))
            return request.redirect(to: "/projects/\(id)#flow-\(reversal.id)")
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            return try await ProjectPage.render(request, id: id, flowValues: [:], flowErrors: [:],
                                                reversal: (flowID, reason ?? "", request.message(for: error)))
                .encodeResponse(status: error.kind == .conflict ? .conflict : .badRequest, for: request)
        }
    }
}
