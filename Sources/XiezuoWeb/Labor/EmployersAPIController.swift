import Vapor
import XiezuoCore
import XiezuoStore

/// Employers: registered and edited by staff; contact phones masked except on the audited contact read.
struct EmployersAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let employers = routes.grouped("api", "v1", "employers")
        employers.get(use: list)
        employers.post(use: create)
        employers.get(":id", use: show)
        employers.put(":id", use: update)
        employers.get(":id", "contact", use: contact)
        employers.post(":id", "accounts", use: link)
    }

    static let operations: [APIOperation] = [
        APIOperation(.GET, "/api/v1/employers", tag: "labor", summary: "Employers in the caller's jurisdiction (phones masked)",
                     parameters: [.query("region", "Region code (subtree)"), .query("q", "Part of the name or credit code")]
                        + APIOperation.Parameter.paging,
                     response: .list("Employer"), secured: true),
        APIOperation(.POST, "/api/v1/employers", tag: "labor",
                     summary: "Register an employer (unified social credit code with its check character)",
                     request: "EmployerDraft", response: .object("Employer"), status: 201, secured: true),
        APIOperation(.GET, "/api/v1/employers/{id}", tag: "labor", summary: "One employer (phone masked)",
                     parameters: [.path("id", "Employer id")], response: .object("Employer"), secured: true),
        APIOperation(.PUT, "/api/v1/employers/{id}", tag: "labor", summary: "Replace an employer's fields (credit code fixed)",
                     parameters: [.path("id", "Employer id")], request: "EmployerDraft", response: .object("Employer"), secured: true),
        APIOperation(.GET, "/api/v1/employers/{id}/contact", tag: "labor",
                     summary: "The employer with the contact phone in full; the read is audited",
                     parameters: [.path("id", "Employer id")], response: .object("Employer"), secured: true),
        APIOperation(.POST, "/api/v1/employers/{id}/accounts", tag: "labor",
                     summary: "Let an enterprise account act for this employer", parameters: [.path("id", "Employer id")],
                     request: "AccountLink", response: .object("Employer"), secured: true),
    ]

    func list(request: Request) async throws -> Response {
        let (region, search, principal) = (try request.queryRegion(), try request.queryText("q", max: 100), try request.signedIn())
        return try await request.list(SheetSpec(name: "export.sheet.employers")) { paging in
            try await request.employers.list(region: region, search: search, by: principal, page: paging)
        }
    }

    func create(request: Request) async throws -> Response {
        let employer = try await request.employers.create(try request.decodeJSON(EmployerDraft.self), by: try request.signedIn())
        return try await employer.encodeResponse(status: .created, for: request)
    }

    func show(request: Request) async throws -> Employer {
        try await request.employers.get(try request.uuidParameter(entity: "employer"), by: try request.signedIn())
    }

    func update(request: Request) async throws -> Employer {
        try await request.employers.update(try request.uuidParameter(entity: "employer"),
                                           with: try request.decodeJSON(EmployerDraft.self), by: try request.signedIn())
    }

    func contact(request: Request) async throws -> Employer {
        try await request.employers.reveal(try request.uuidParameter(entity: "employer"), by: try request.signedIn())
    }

    func link(request: Request) async throws -> Employer {
        struct Body: Decodable { var username: String? }
        let principal = try request.signedIn()
        // Permission first: an answer about the user name would tell anyone which accounts exist.
        guard principal.role == .admin || principal.role == .coordinator else { throw DomainError.forbidden }
        let id = try request.uuidParameter(entity: "employer")
        let username = try Validate.required(try request.decodeJSON(Body.self).username, field: "username", max: 64)
        guard let account = try await request.accounts.find(username: username) else {
            throw DomainError.invalid("username", "unknown_account")
        }
        try await request.employers.link(account: account.id, to: id, by: principal)
        return try await request.employers.get(id, by: principal)
    }
}
