import Vapor
import XiezuoCore

extension Account: Content {}

/// The accounts API: who am I, and account management for admins and coordinators.
struct AccountsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("me", use: me)
        api.get("users", use: list)
        api.post("users", use: create)
        api.get("users", ":id", use: show)
        api.patch("users", ":id", use: update)
    }

    static let operations: [APIOperation] = [
        APIOperation(.GET, "/api/v1/me", tag: "accounts", summary: "The signed-in account", response: .object("Account"), secured: true),
        APIOperation(.GET, "/api/v1/users", tag: "accounts", summary: "Accounts the caller manages (admins: all; coordinators: their jurisdiction)",
                     parameters: [.query("role", "Filter by role"), .query("q", "Search user and display names")] + APIOperation.Parameter.paging,
                     response: .list("Account"), secured: true),
        APIOperation(.POST, "/api/v1/users", tag: "accounts", summary: "Create an account", request: "AccountDraft",
                     response: .object("Account"), status: 201, secured: true),
        APIOperation(.GET, "/api/v1/users/{id}", tag: "accounts", summary: "One account",
                     parameters: [.path("id", "Account id")], response: .object("Account"), secured: true),
        APIOperation(.PATCH, "/api/v1/users/{id}", tag: "accounts", summary: "Disable, enable or set the password of an account (one's own needs currentPassword; not with a token)",
                     parameters: [.path("id", "Account id")], request: "AccountPatch", response: .object("Account"), secured: true),
    ]

    func me(request: Request) async throws -> Account {
        let principal = try request.signedIn()
        return try await request.accounts.get(principal.accountID!, by: principal)
    }

    func list(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        var role: Role?
        if let text = try request.queryText("role") {
            guard let parsed = Role(rawValue: text) else { throw DomainError.invalid("role", "unknown_role") }
            role = parsed
        }
        let (wanted, search) = (role, try request.queryText("q"))
        return try await request.list(SheetSpec(name: "export.sheet.users")) { paging in
            try await request.accounts.list(by: principal, role: wanted, search: search, page: paging)
        }
    }

    func create(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let account = try await request.accounts.create(try request.decodeJSON(AccountDraft.self), by: principal)
        return try await account.encodeResponse(status: .created, for: request)
    }

    func show(request: Request) async throws -> Account {
        try await request.accounts.get(try request.uuidParameter(entity: "account"), by: try request.signedIn())
    }

    func update(request: Request) async throws -> Account {
        let principal = try request.signedIn()
        let id = try request.uuidParameter(entity: "account")
        let patch = try request.decodeJSON(AccountPatch.self)
        // A token is for API clients; it must not be able to take over its owner's password, nor move accounts between
        // roles and regions (a leaked token would otherwise hand out its owner's powers).
        if (patch.password != nil || patch.role != nil || patch.jurisdiction != nil) && request.authMethod == .token {
            throw DomainError(.forbidden, code: "token_not_allowed")
        }
        return try await request.accounts.update(id, with: patch, by: principal)
    }
}
