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
    }

    func form(request: Request) async throws -> View {
        _ = request.csrfToken()
        let next = safeNext(try? request.query.get(String.self, at: "next"))
        return try await request.view.render("login", PageContext(request, FormContext(username: "", next: next, error: nil)))
    }

    func signIn(request: Request) async throws -> Response {
        struct Form: Content { var username: String?; var password: String?; var next: String? }
        let form = try request.content.decode(Form.self)
        let next = safeNext(form.next)
        let username = String((form.username ?? "").prefix(64))
        let outcome = try await request.accounts.signIn(username: username, password: String((form.password ?? "").prefix(200)))
        let message: String
        switch outcome {
        case .success(let account):
            request.session.data["account"] = account.id.uuidString
            request.session.data["csrf"] = nil
            _ = request.csrfToken()
            request.logger.info("sign-in", metadata: ["user": .string(account.username)])
            return request.redirect(to: next)
        case .invalid:
            message = request.t("login.invalid")
        case .locked(let until):
            let minutes = max(1, Int(until.timeIntervalSinceNow / 60 + 0.999))
            message = request.t("login.locked", ["minutes": String(minutes)])
        }
        let view = try await request.view.render("login", PageContext(request, FormContext(username: username, next: next, error: message)))
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
        let response = request.redirect(to: safeNext(try? request.query.get(String.self, at: "next")))
        response.cookies["lang"] = HTTPCookies.Value(string: language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
                                                      isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// Only local paths are followed after sign-in, so the page cannot be used to redirect elsewhere.
    private func safeNext(_ next: String?) -> String {
        guard let next = next?.removingPercentEncoding ?? next, next.hasPrefix("/"), !next.hasPrefix("//"),
              !next.contains("\\") else { return "/" }
        return next
    }
}
