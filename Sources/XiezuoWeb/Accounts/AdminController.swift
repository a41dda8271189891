import Vapor
import XiezuoCore
import XiezuoStore

/// Account management pages for admins (all accounts) and coordinators (staff of their jurisdiction).
struct AdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin")
        admin.get("users", use: users)
        admin.get("users", "new", use: newUser)
        admin.post("users", use: createUser)
        admin.post("users", ":id", "disable", use: disable)
        admin.post("users", ":id", "enable", use: enable)
        admin.get("users", ":id", "edit", use: editUser)
        admin.post("users", ":id", use: updateUser)
        admin.post("users", ":id", "password", use: resetPassword)
        admin.get("tokens", use: tokens)
        admin.post("tokens", use: createToken)
    }

    struct UserRow: Encodable {
        var account: Account
        var roleName: String
        var jurisdictionName: String?
        var locked: Bool
        var isSelf: Bool
    }

    struct UsersContext: Encodable {
        var rows: [UserRow]
        var pager: Pager
        var q: String?
        var role: String?
        var roles: [RoleOption]
    }

    struct RoleOption: Encodable { var value: String; var label: String }

    private func roleOptions(_ request: Request) -> [RoleOption] {
        Role.allCases.map { RoleOption(value: $0.rawValue, label: request.t("role.\($0.rawValue)")) }
    }

    func users(request: Request) async throws -> View {
        let principal = try request.require(.admin, .coordinator)
        var role: Role?
        if let text = try request.queryText("role") {
            guard let parsed = Role(rawValue: text) else { throw DomainError.invalid("role", "unknown_role") }
            role = parsed
        }
        let q = try request.queryText("q")
        let page = try await request.accounts.list(by: principal, role: role, search: q, page: try request.pageRequest())
        let regions = request.services.regions
        let now = request.now
        let rows = page.items.map {
            UserRow(account: $0, roleName: request.t("role.\($0.role.rawValue)"),
                    jurisdictionName: $0.jurisdiction.flatMap { regions[$0]?.name },
                    locked: LoginPolicy.standard.isLocked(until: $0.lockedUntil, now: now), isSelf: $0.id == principal.accountID)
        }
        let context = UsersContext(rows: rows, pager: Pager(page, request: request), q: q, role: role?.rawValue,
                                   roles: roleOptions(request))
        return try await request.view.render("Accounts/admin-users", PageContext(request, context))
    }

    struct UserFormContext: Encodable {
        var values: [String: String]
        var errors: [String: String]
        var roles: [RoleOption]
    }

    func newUser(request: Request) async throws -> View {
        _ = try request.require(.admin, .coordinator)
        return try await request.view.render("Accounts/admin-user-form",
            PageContext(request, UserFormContext(values: ["role": "officer"], errors: [:], roles: roleOptions(request))))
    }

    func createUser(request: Request) async throws -> Response {
        let principal = try request.require(.admin, .coordinator)
        struct Form: Content {
            var username: String?; var displayName: String?; var role: String?; var jurisdiction: String?; var password: String?
        }
        let form = try request.content.decode(Form.self)
        let draft = AccountDraft(username: form.username, displayName: form.displayName, role: form.role,
                                 jurisdiction: form.jurisdiction, password: form.password)
        do {
            let account = try await request.accounts.create(draft, by: principal)
            request.flash(request.t("flash.user_created", ["name": account.username]))
            return request.redirect(to: "/admin/users")
        } catch let error as DomainError where error.field != nil {
            let values = ["username": form.username ?? "", "displayName": form.displayName ?? "", "role": form.role ?? "",
                          "jurisdiction": form.jurisdiction ?? ""]
            let context = UserFormContext(values: values, errors: [error.field!: request.message(for: error)], roles: roleOptions(request))
            return try await request.view.render("Accounts/admin-user-form", PageContext(request, context))
                .encodeResponse(status: .badRequest, for: request)
        }
    }

    func disable(request: Request) async throws -> Response {
        try await setDisabled(request, true)
    }

    func enable(request: Request) async throws -> Response {
        try await setDisabled(request, false)
    }

    private func setDisabled(_ request: Request, _ disabled: Bool) async throws -> Response {
        let principal = try request.require(.admin, .coordinator)
        let id = try request.uuidParameter(entity: "account")
        if disabled && id == principal.accountID { throw DomainError.invalid("disabled", "cannot_disable_self") }
        let account = try await request.accounts.setDisabled(id, disabled, by: principal)
        request.flash(request.t(disabled ? "flash.user_disabled" : "flash.user_enabled", ["name": account.username]))
        return request.redirect(to: "/admin/users")
    }

    struct TokensContext: Encodable {
        var rows: [TokenRow]
        var lifetimes = TokenRow.lifetimes
        var hasRows: Bool
        var newSecret: String?
        var errors: [String: String]
        var values: [String: String]
    }

    func tokens(request: Request) async throws -> View {
        try await renderTokens(request, newSecret: nil, errors: [:], values: [:])
    }

    private func renderTokens(_ request: Request, newSecret: String?, errors: [String: String], values: [String: String]) async throws -> View {
        let principal = try request.require(.admin)
        let tokens = try await request.tokens.list(by: principal)
        let names = try await request.accounts.usernames(Set(tokens.map(\.accountID)), by: principal)
        let rows = tokens.map { TokenRow($0, owner: names[$0.accountID] ?? $0.accountID.uuidString, request: request) }
        return try await request.view.render("Accounts/admin-tokens",
            PageContext(request, TokensContext(rows: rows, hasRows: !rows.isEmpty, newSecret: newSecret, errors: errors, values: values)))
    }

    func createToken(request: Request) async throws -> Response {
        let principal = try request.require(.admin)
        struct Form: Content { var username: String?; var name: String?; var expiresInDays: String? }
        let form = try request.content.decode(Form.self)
        let values = ["username": form.username ?? "", "name": form.name ?? ""]
        do {
            let days = try Validate.integer(form.expiresInDays, field: "expiresInDays")
            guard let owner = try await request.accounts.find(username: form.username ?? "") else {
                throw DomainError.invalid("username", "unknown_account")
            }
            let issued = try await request.tokens.create(for: owner.id, name: form.name, days: days, by: principal)
            return try await renderTokens(request, newSecret: issued.secret, errors: [:], values: [:])
                .encodeResponse(status: .created, for: request)
        } catch let error as DomainError where error.field != nil {
            return try await renderTokens(request, newSecret: nil, errors: [error.field!: request.message(for: error)], values: values)
                .encodeResponse(status: .badRequest, for: request)
        }
    }
}
