import Vapor
import XiezuoCore
import XiezuoStore

/// Employer pages for staff: list, register, edit, the contact phone on request (audited), linking an account.
struct EmployersPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let employers = routes.grouped("employers")
        employers.get(use: list)
        employers.get("new", use: newForm)
        employers.post(use: create)
        employers.get(":id", use: show)
        employers.get(":id", "edit", use: editForm)
        employers.post(":id", use: update)
        employers.post(":id", "contact", use: reveal)
        employers.post(":id", "accounts", use: link)
    }

    struct ListContext: Encodable {
        var employers: [Employer]
        var hasEmployers: Bool
        var pager: Pager
        var values: [String: String]
        var canCreate: Bool
    }

    func list(request: Request) async throws -> View {
        let principal = try request.signedIn()
        let q = try request.queryText("q", max: 100)
        let page = try await request.employers.list(region: try request.queryRegion(), search: q, by: principal, page: try request.pageRequest())
        let context = ListContext(employers: page.items, hasEmployers: !page.items.isEmpty, pager: Pager(page, request: request),
                                  values: ["q": q ?? "", "region": try request.queryText("region") ?? ""],
                                  canCreate: principal.role?.isStaff == true)
        return try await request.view.render("Labor/employers", PageContext(request, context))
    }

    struct FormContext: Encodable {
        var action: String
        var values: [String: String]
        var errors: [String: String]
        var editing: Bool
    }

    struct Form: Content {
        var creditCode: String?
        var name: String?
        var regionCode: String?
        var industry: String?
        var contactName: String?
        var contactPhone: String?

        var draft: EmployerDraft {
            EmployerDraft(creditCode: creditCode, name: name, regionCode: regionCode, industry: industry, contactName: contactName,
                          contactPhone: contactPhone)
        }
        var values: [String: String] {
            ["creditCode": creditCode ?? "", "name": name ?? "", "regionCode": regionCode ?? "", "industry": industry ?? "",
             "contactName": contactName ?? "", "contactPhone": contactPhone ?? ""]
        }
    }

    func renderForm(_ request: Request, action: String, values: [String: String], errors: [String: String], editing: Bool) async throws -> View {
        try await request.view.render("Labor/employer-form", PageContext(request, FormContext(action: action, values: values, errors: errors, editing: editing)))
    }

    /// The refused field's message and every other field's problem beside it (a stored phone may be left empty when editing).
    func allErrors(_ error: DomainError, form: Form, request: Request, editing: Bool) -> [String: String] {
        FormReader().errors(adding: [error] + form.draft.problems(in: request.services.regions, phoneOptional: editing), request: request)
    }

    func newForm(request: Request) async throws -> View {
        let principal = try request.require(.admin, .coordinator, .officer)
        return try await renderForm(request, action: "/employers", values: ["regionCode": principal.jurisdiction ?? ""], errors: [:], editing: false)
    }

    func create(request: Request) async throws -> Response {
        let principal = try request.require(.admin, .coordinator, .officer)
        let form = try request.content.decode(Form.self)
        do {
            let employer = try await request.employers.create(form.draft, by: principal)
            return request.redirect(to: "/employers/\(employer.id)")
        } catch let error as DomainError where error.field != nil {
            return try await renderForm(request, action: "/employers", values: form.values, errors: allErrors(error, form: form, request: request, editing: false),
                                        editing: false).encodeResponse(status: .badRequest, for: request)
        }
    }

    struct ShowContext: Encodable {
        var employer: Employer
        var region: String
        var canEdit: Bool
        var canLink: Bool
        var linkError: String?
    }

    func show(request: Request) async throws -> View {
        try await render(request, employer: try await request.employers.get(try request.uuidParameter(entity: "employer"), by: try request.signedIn()))
    }

    func render(_ request: Request, employer: Employer, linkError: String? = nil) async throws -> View {
        let region = request.services.regions.path(to: employer.regionCode).map(\.name).joined(separator: " ")
        let canEdit = Permissions.canManageEmployer(request.principal, regionCode: employer.regionCode)
        let canLink = canEdit && (request.principal.role == .admin || request.principal.role == .coordinator)
        return try await request.view.render("Labor/employer", PageContext(request, ShowContext(employer: employer, region: region, canEdit: canEdit,
                                                                                          canLink: canLink, linkError: linkError)))
    }

    func reveal(request: Request) async throws -> View {
        try await render(request, employer: try await request.employers.reveal(try request.uuidParameter(entity: "employer"), by: try request.signedIn()))
    }

    func editForm(request: Request) async throws -> View {
        let principal = try request.require(.admin, .coordinator, .officer)
        let employer = try await request.employers.get(try request.uuidParameter(entity: "employer"), by: principal)
        guard Permissions.canManageEmployer(principal, regionCode: employer.regionCode) else { throw DomainError.notFound("employer") }
        // The phone is not shown here (that is the audited read on the employer's page); left empty, it is kept.
        let values = ["creditCode": employer.creditCode, "name": employer.name, "regionCode": employer.regionCode, "industry": employer.industry,
                      "contactName": employer.contactName, "contactPhone": "", "maskedPhone": employer.contactPhone]
        return try await renderForm(request, action: "/employers/\(employer.id)", values: values, errors: [:], editing: true)
    }

    func update(request: Request) async throws -> Response {
        let principal = try request.require(.admin, .coordinator, .officer)
        let id = try request.uuidParameter(entity: "employer")
        let form = try request.content.decode(Form.self)
        do {
            _ = try await request.employers.update(id, with: form.draft, by: principal)
            return request.redirect(to: "/employers/\(id)")
        } catch let error as DomainError where error.field != nil {
            return try await renderForm(request, action: "/employers/\(id)", values: form.values, errors: allErrors(error, form: form, request: request, editing: true),
                                        editing: true).encodeResponse(status: .badRequest, for: request)
        }
    }

    func link(request: Request) async throws -> Response {
        struct LinkForm: Content { var username: String? }
        // Only those who may link accounts get an answer about a user name.
        let principal = try request.require(.admin, .coordinator)
        let id = try request.uuidParameter(entity: "employer")
        do {
            let username = try Validate.required(try request.content.decode(LinkForm.self).username, field: "username", max: 64)
            guard let account = try await request.accounts.find(username: username) else { throw DomainError.invalid("username", "unknown_account") }
            try await request.employers.link(account: account.id, to: id, by: principal)
            return request.redirect(to: "/employers/\(id)")
        } catch let error as DomainError where error.field != nil {
            return try await render(request, employer: try await request.employers.get(id, by: principal), linkError: request.message(for: error))
                .encodeResponse(status: .badRequest, for: request)
        }
    }
}
