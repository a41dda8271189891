import Vapor
import XiezuoCore
import XiezuoStore

extension APIToken: Content {}

/// A token as the account and admin pages list it: its owner (admin page), its state in words, and whether it can
/// still be revoked.
struct TokenRow: Encodable {
    /// The lifetimes the forms offer, in days.
    static let lifetimes = [7, 30, 90, 180, 365]

    var token: APIToken
    var owner: String?
    var status: String
    var live: Bool

    init(_ token: APIToken, owner: String? = nil, request: Request, now: Date = Date()) {
        self.token = token
        self.owner = owner
        live = token.revokedAt == nil && !token.isExpired(at: now)
        status = request.t(token.revokedAt != nil ? "tokens.revoked" : (live ? "tokens.active" : "tokens.expired"))
    }
}

/// API tokens: the account page where anyone manages their own, the admin page, and the API.
struct TokensController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("account", use: accountPage)
        routes.post("account", "tokens", use: createOwn)
        routes.post("account", "tokens", ":id", "revoke", use: revokeFromPage)
        routes.post("account", "password", use: changePassword)
        let api = routes.grouped("api", "v1", "tokens")
        api.get(use: apiList)
        api.post(use: apiCreate)
        api.delete(":id", use: apiRevoke)
    }

    static let operations: [APIOperation] = [
        APIOperation(.GET, "/api/v1/tokens", tag: "accounts", summary: "The caller's tokens (admins: all, or one account's)",
                     parameters: [.query("accountId", "Admins only: one account's tokens")] + APIOperation.Parameter.paging, response: .list("APIToken"), secured: true),
        APIOperation(.POST, "/api/v1/tokens", tag: "accounts", summary: "Issue a token (signed-in session only); the secret is in the response only",
                     request: "TokenRequest", response: .object("IssuedToken"), status: 201, secured: true),
        APIOperation(.DELETE, "/api/v1/tokens/{id}", tag: "accounts", summary: "Revoke a token",
                     parameters: [.path("id", "Token id")], response: .object("APIToken"), secured: true),
    ]

    struct Issued: Content {
        var token: APIToken
        var secret: String
    }

    func apiList(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let accountID = try request.queryText("accountId").map { text in
            guard let id = UUID(uuidString: text) else { throw DomainError.invalid("accountId", "wrong_type") }
            return id
        }
        let tokens = try await request.tokens.list(by: principal, accountID: accountID)
        return try await request.list(SheetSpec(name: "export.sheet.tokens"), all: tokens)
    }

    func apiCreate(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        // Tokens are issued from a signed-in session or the command line, never by another token, so revoking a
        // leaked token is enough to shut it out.
        if request.authMethod == .token { throw DomainError(.forbidden, code: "token_not_allowed") }
        struct Body: Decodable { var name: String?; var accountId: UUID?; var expiresInDays: Int? }
        let body = try request.decodeJSON(Body.self)
        let issued = try await request.tokens.create(for: body.accountId ?? principal.accountID!, name: body.name,
                                                     days: body.expiresInDays, by: principal)
        return try await Issued(token: issued.token, secret: issued.secret).encodeResponse(status: .created, for: request)
    }

    func apiRevoke(request: Request) async throws -> APIToken {
        try await request.tokens.revoke(try request.uuidParameter(entity: "api_token"), by: try request.signedIn())
    }

    // MARK: Pages

    struct AccountContext: Encodable {
        var account: Account
        var roleName: String
        var jurisdictionName: String?
        var tokens: [TokenRow]
        var lifetimes = TokenRow.lifetimes
        var hasTokens: Bool
        var newSecret: String?
        var errors: [String: String]
        var notice: String?
    }

    func accountPage(request: Request) async throws -> View {
        try await renderAccount(request, newSecret: nil, errors: [:])
    }

    private func renderAccount(_ request: Request, newSecret: String?, errors: [String: String], notice: String? = nil) async throws -> View {
        let principal = try request.signedIn()
        let account = try await request.accounts.get(principal.accountID!, by: principal)
        let tokens = try await request.tokens.list(by: principal, accountID: principal.accountID)
            .filter { $0.accountID == principal.accountID }
        let context = AccountContext(account: account, roleName: request.t("role.\(account.role.rawValue)"),
                                     jurisdictionName: account.jurisdiction.flatMap { request.services.regions[$0]?.name },
                                     tokens: tokens.map { TokenRow($0, request: request) }, hasTokens: !tokens.isEmpty, newSecret: newSecret, errors: errors, notice: notice)
        return try await request.view.render("Accounts/account", PageContext(request, context))
    }

    func createOwn(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        struct Form: Content { var name: String?; var expiresInDays: String? }
        do {
            let form = try request.content.decode(Form.self)
            let issued = try await request.tokens.create(for: principal.accountID!, name: form.name,
                                                         days: try Validate.integer(form.expiresInDays, field: "expiresInDays"), by: principal)
            return try await renderAccount(request, newSecret: issued.secret, errors: [:]).encodeResponse(status: .created, for: request)
        } catch let error as DomainError where error.field != nil {
            let view = try await renderAccount(request, newSecret: nil, errors: [error.field!: request.message(for: error)])
            return try await view.encodeResponse(status: .badRequest, for: request)
        }
    }

    func revokeFromPage(request: Request) async throws -> Response {
        _ = try await request.tokens.revoke(try request.uuidParameter(entity: "api_token"), by: try request.signedIn())
        return request.redirect(to: request.principal.isAdmin && (try? request.query.get(String.self, at: "from")) == "admin" ? "/admin/tokens" : "/account")
    }

    func changePassword(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        struct Form: Content { var current: String?; var password: String? }
        let form = try request.content.decode(Form.self)
        do {
            let account = try await request.accounts.update(principal.accountID!,
                with: AccountPatch(password: form.password ?? "", currentPassword: form.current ?? ""), by: principal)
            // Other sessions of this account end with the change; this one goes on under a new id.
            try await SessionSetup.startSignedIn(request, account: account)
        } catch let error as DomainError where error.field != nil {
            let field = error.field == "currentPassword" ? "current" : error.field!
            let view = try await renderAccount(request, newSecret: nil, errors: [field: request.message(for: error)])
            return try await view.encodeResponse(status: .badRequest, for: request)
        }
        return try await renderAccount(request, newSecret: nil, errors: [:], notice: request.t("account.password_changed")).encodeResponse(for: request)
    }
}
