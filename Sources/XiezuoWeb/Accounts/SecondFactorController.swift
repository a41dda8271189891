import QRCode
import Vapor
import XiezuoCore
import XiezuoStore

/// The second factor on the web. After the password, an account with a second factor enters the code from its
/// authenticator app (or a recovery code); an admin or coordinator without one enrols before the sign-in completes.
/// Anyone else may enrol from their account page. Until the second step succeeds the session holds only a pending
/// sign-in (ten minutes), never the account.
struct SecondFactorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let login = routes.grouped("login", "second-factor")
        login.get(use: verifyForm)
        login.post(use: verify)
        login.get("setup", use: pendingSetupForm)
        login.post("setup", use: pendingSetup)
        let account = routes.grouped("account", "second-factor")
        account.get(use: accountSetupForm)
        account.post(use: accountSetup)
        account.post("remove", use: remove)
    }

    /// How long a pending sign-in waits for its second step.
    static let pendingLifetime: TimeInterval = 600

    enum Purpose: String { case verify, enrol }

    /// Starts the second step for an account whose password was right: a new session id, no account in it yet.
    static func startPending(_ request: Request, account: Account, next: String, purpose: Purpose) async throws {
        if let old = request.session.id {
            try await request.application.sessions.driver.deleteSession(old, for: request).get()
            request.session.id = nil
        }
        request.session.data["account"] = nil
        request.session.data["since"] = nil
        request.session.data["pending_account"] = account.id.uuidString
        request.session.data["pending_purpose"] = purpose.rawValue
        request.session.data["pending_at"] = String(Date().timeIntervalSince1970)
        request.session.data["pending_next"] = next
        request.session.data["setup_secret"] = nil
        request.session.data["csrf"] = nil
        _ = request.csrfToken()
    }

    /// Clears the pending sign-in (done, or abandoned).
    static func clearPending(_ request: Request) {
        for key in ["pending_account", "pending_purpose", "pending_at", "pending_next", "setup_secret"] { request.session.data[key] = nil }
    }

    /// The pending sign-in's account, when it is for `purpose` and younger than ``pendingLifetime``; otherwise back
    /// to the sign-in page.
    func pending(_ request: Request, _ purpose: Purpose) async throws -> (Account, next: String)? {
        guard request.hasSessionCookie, request.session.data["pending_purpose"] == purpose.rawValue,
              let id = request.session.data["pending_account"].flatMap(UUID.init(uuidString:)),
              let at = request.session.data["pending_at"].flatMap(Double.init),
              Date().timeIntervalSince1970 - at < Self.pendingLifetime,
              let account = try await request.accounts.active(id) else { return nil }
        return (account, LoginController.safeNext(request.session.data["pending_next"]))
    }

    struct Context: Encodable {
        var title: String
        var mode: String
        var action: String
        var error: String?
        var qr: String?
        var secret: String?
        var recoveryCodes: [String]
        var next: String?
        var enrolled: Bool
        var required: Bool
        var codesLeft: Int?
    }

    func render(_ request: Request, _ context: Context, status: HTTPStatus = .ok) async throws -> Response {
        try await request.view.render("Accounts/second-factor", PageContext(request, context)).encodeResponse(status: status, for: request)
    }

    // MARK: Sign-in, second step

    func verifyForm(request: Request) async throws -> Response {
        guard try await pending(request, .verify) != nil else { return request.redirect(to: "/login") }
        return try await render(request, Context(title: request.t("second_factor.verify_title"), mode: "verify", action: "/login/second-factor",
                                                 recoveryCodes: [], enrolled: true, required: false))
    }

    func verify(request: Request) async throws -> Response {
        guard let (account, next) = try await pending(request, .verify) else { return request.redirect(to: "/login") }
        struct Form: Content { var code: String? }
        let code = String((try request.content.decode(Form.self).code ?? "").prefix(40))
        let limits = request.services.rateLimits
        var error: String?
        if !limits.allow(.secondFactor, account.id.uuidString) {
            error = request.t("error.too_many_requests", ["minutes": String(limits.minutesToWait(.secondFactor, account.id.uuidString))])
        } else if try await request.secondFactors.verify(account.id, code: code) {
            limits.reset(.secondFactor, account.id.uuidString)
            Self.clearPending(request)
            try await SessionSetup.startSignedIn(request, account: account)
            request.principal = account.principal
            request.authMethod = .session
            request.logger.info("sign-in", metadata: ["user": .string(account.username), "factor": "second"])
            return request.redirect(to: next)
        } else {
            error = request.t("error.second_factor_wrong")
        }
        return try await render(request, Context(title: request.t("second_factor.verify_title"), mode: "verify", action: "/login/second-factor",
                                                 error: error, recoveryCodes: [], enrolled: true, required: false), status: .unauthorized)
    }

    // MARK: Enrolment

    /// The secret being enrolled, kept in the session until a code confirms it.
    func setupSecret(_ request: Request) -> [UInt8] {
        if let text = request.session.data["setup_secret"], let secret = Base32.decode(text), secret.count == 20 { return secret }
        let secret = SecondFactorRepository.newSecret()
        request.session.data["setup_secret"] = Base32.encode(secret)
        return secret
    }

    func setupContext(_ request: Request, account: Account, action: String, error: String? = nil) -> Context {
        let secret = setupSecret(request)
        let uri = TOTP.provisioningURI(secret: secret, account: account.username)
        let svg = QRCode(uri)?.svg(moduleSize: 5) ?? ""
        let grouped = stride(from: 0, to: Base32.encode(secret).count, by: 4).map { start -> String in
            let text = Array(Base32.encode(secret))
            return String(text[start..<min(start + 4, text.count)])
        }.joined(separator: " ")
        return Context(title: request.t("second_factor.setup_title"), mode: "setup", action: action, error: error,
                       qr: "data:image/svg+xml;base64," + Data(svg.utf8).base64EncodedString(), secret: grouped, recoveryCodes: [],
                       enrolled: false, required: account.role.requiresSecondFactor)
    }

    func pendingSetupForm(request: Request) async throws -> Response {
        guard let (account, _) = try await pending(request, .enrol) else { return request.redirect(to: "/login") }
        return try await render(request, setupContext(request, account: account, action: "/login/second-factor/setup"))
    }

    func pendingSetup(request: Request) async throws -> Response {
        guard let (account, next) = try await pending(request, .enrol) else { return request.redirect(to: "/login") }
        return try await confirm(request, account: account, next: next, action: "/login/second-factor/setup", signIn: true)
    }

    func accountSetupForm(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let account = try await request.accounts.get(principal.accountID!, by: principal)
        if account.secondFactorSince != nil {
            return try await render(request, Context(title: request.t("second_factor.title"), mode: "status", action: "/account/second-factor/remove",
                                                     recoveryCodes: [], enrolled: true, required: account.role.requiresSecondFactor,
                                                     codesLeft: try await request.secondFactors.recoveryCodesLeft(account.id)))
        }
        return try await render(request, setupContext(request, account: account, action: "/account/second-factor"))
    }

    func accountSetup(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let account = try await request.accounts.get(principal.accountID!, by: principal)
        return try await confirm(request, account: account, next: "/account", action: "/account/second-factor", signIn: false)
    }

    /// Confirms an enrolment with the first code; shows the recovery codes once.
    func confirm(_ request: Request, account: Account, next: String, action: String, signIn: Bool) async throws -> Response {
        struct Form: Content { var code: String? }
        let code = String((try request.content.decode(Form.self).code ?? "").prefix(40))
        let limits = request.services.rateLimits
        guard limits.allow(.secondFactor, account.id.uuidString) else {
            let message = request.t("error.too_many_requests", ["minutes": String(limits.minutesToWait(.secondFactor, account.id.uuidString))])
            return try await render(request, setupContext(request, account: account, action: action, error: message), status: .tooManyRequests)
        }
        let principal = signIn ? account.principal : try request.signedIn()
        let codes: [String]
        do {
            codes = try await request.secondFactors.enrol(account.id, secret: setupSecret(request), code: code, by: principal)
        } catch let error as DomainError where error.kind == .validation {
            return try await render(request, setupContext(request, account: account, action: action, error: request.message(for: error)),
                                    status: .badRequest)
        }
        Self.clearPending(request)
        if signIn {
            try await SessionSetup.startSignedIn(request, account: account)
            // The page that shows the codes is the first of the signed-in session.
            request.principal = account.principal
            request.authMethod = .session
        }
        return try await render(request, Context(title: request.t("second_factor.codes_title"), mode: "codes", action: "", recoveryCodes: codes,
                                                 next: next, enrolled: true, required: account.role.requiresSecondFactor))
    }

    /// Turns the second factor off (roles that do not require one), with the password and a current code.
    func remove(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        struct Form: Content { var password: String?; var code: String? }
        let form = try request.content.decode(Form.self)
        let account = try await request.accounts.get(principal.accountID!, by: principal)
        var error: String?
        if account.role.requiresSecondFactor {
            error = request.t("error.second_factor_required")
        } else if case .success = try await request.accounts.signIn(username: account.username, password: String((form.password ?? "").prefix(200))) {
            if try await request.secondFactors.verify(account.id, code: String((form.code ?? "").prefix(40))) {
                try await request.secondFactors.remove(account.id, by: principal)
                // Removing ends the sessions signed in before; this one goes on under a new id.
                try await SessionSetup.startSignedIn(request, account: try await request.accounts.get(account.id, by: principal))
                return request.redirect(to: "/account/second-factor")
            }
            error = request.t("error.second_factor_wrong")
        } else {
            error = request.t("error.wrong_password")
        }
        return try await render(request, Context(title: request.t("second_factor.title"), mode: "status", action: "/account/second-factor/remove",
                                                 error: error, recoveryCodes: [], enrolled: true, required: account.role.requiresSecondFactor,
                                                 codesLeft: try await request.secondFactors.recoveryCodesLeft(account.id)), status: .badRequest)
    }
}

extension Request {
    var secondFactors: SecondFactorRepository { SecondFactorRepository(database: db, cipher: services.cipher, clock: services.clock) }
}
