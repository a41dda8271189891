import Vapor
import XiezuoCore

/// Sign-in and sign-out pages, and the language toggle.
struct LoginController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: form)
        routes.post("login", use: signIn)
        routes.post("logout", use: signOut)
        routes.get("lang", ":code", use: setLanguage)
    }

    struct FormContext: Encodable {
        var username: String
        var next: String
        var error: String?
        /// `next` for a query string.
        var nextQuery: String

        init(username: String, next: String, error: String?) {
            self.username = username
            self.next = next
            self.error = error
            nextQuery = LoginController.queryValue(next)
        }
    }

    /// A value percent-encoded for a query string.
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? "/"
    }

    func form(request: Request) async throws -> View {
        _ = request.csrfToken()
        let next = Self.safeNext(try? request.query.get(String.self, at: "next"))
        return try await request.view.render("Accounts/login", PageContext(request, FormContext(username: "", next: next, error: nil)))
    }

    func signIn(request: Request) async throws -> Response {
        struct Form: Content { var username: String?; var password: String?; var next: String? }
        let form = try request.content.decode(Form.self)
        let next = Self.safeNext(form.next)
        let username = String((form.username ?? "").prefix(64))
        // Throttled per client address and per user name before the password is checked, on top of the lock-out.
        let limits = request.services.rateLimits, nameKey = username.lowercased(), address = request.clientAddress
        guard limits.allow(.signInAddress, address), limits.allow(.signInAccount, nameKey) else {
            let minutes = max(limits.minutesToWait(.signInAddress, address), limits.minutesToWait(.signInAccount, nameKey))
            let message = request.t("error.too_many_requests", ["minutes": String(minutes)])
            let view = try await request.view.render("Accounts/login", PageContext(request, FormContext(username: username, next: next, error: message)))
            return try await view.encodeResponse(status: .tooManyRequests, for: request)
        }
        let outcome = try await request.accounts.signIn(username: username, password: String((form.password ?? "").prefix(200)))
        let message: String
        switch outcome {
        case .success(let account):
            limits.reset(.signInAccount, nameKey)
            // With a second factor (required for admins and coordinators) the password only starts a pending sign-in.
            if account.secondFactorSince != nil || account.role.requiresSecondFactor {
                let purpose: SecondFactorController.Purpose = account.secondFactorSince != nil ? .verify : .enrol
                try await SecondFactorController.startPending(request, account: account, next: next, purpose: purpose)
                return request.redirect(to: purpose == .verify ? "/login/second-factor" : "/login/second-factor/setup")
            }
            try await SessionSetup.startSignedIn(request, account: account)
            request.logger.info("sign-in", metadata: ["user": .string(account.username)])
            return request.redirect(to: next)
        case .invalid:
            message = request.t("login.invalid")
        case .locked(let until):
            let minutes = max(1, Int(until.timeIntervalSinceNow / 60 + 0.999))
            message = request.t("login.locked", ["minutes": String(minutes)])
        }
        let view = try await request.view.render("Accounts/login", PageContext(request, FormContext(username: username, next: next, error: message)))
        return try await view.encodeResponse(status: .unauthorized, for: request)
    }

    func signOut(request: Request) async throws -> Response {
        request.session.destroy()
        return request.redirect(to: "/")
    }

    func setLanguage(request: Request) async throws -> Response {
        guard let language = request.parameters.get("code").flatMap(Language.init(rawValue:)) else {
            throw DomainError.notFound("language")
        }
        let response = request.redirect(to: Self.safeNext(try? request.query.get(String.self, at: "next")))
        response.cookies["lang"] = HTTPCookies.Value(string: language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
                                                      isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// Only paths on this site are followed after sign-in or the language toggle, so neither can send anyone
    /// elsewhere: no scheme, no host, no backslash, no whitespace or control character (browsers drop tabs and
    /// newlines, which would turn `/\t/evil` into `//evil`).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next.count <= 512,
              !next.unicodeScalars.contains(where: { $0 == "\\" || $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7f }),
              let components = URLComponents(string: next), components.scheme == nil, components.host == nil,
              let decoded = next.removingPercentEncoding, !decoded.hasPrefix("//"),
              !decoded.unicodeScalars.contains(where: { $0 == "\\" || $0.properties.isWhitespace || $0.value < 0x20 })
        else { return "/" }
        return next
    }
}
