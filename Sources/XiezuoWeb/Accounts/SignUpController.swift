import Vapor
import XiezuoCore

/// `/register`: a worker signs up on their phone with their mobile number and a password, agrees to the notice, and is
/// signed in and sent on: back to the job they came from, or to completing their profile. The ID number is asked for
/// when they complete the profile, with its own consent to process sensitive personal information.
struct SignUpController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("register", use: form)
        routes.post("register", use: signUp)
    }

    struct Context: Encodable {
        var values: [String: String]
        var errors: [String: String]
        var next: String
        var error: String?
        var version: String
        /// `next` for a query string.
        var nextQuery: String
    }

    func form(request: Request) async throws -> Response {
        if request.principal.accountID != nil { return request.redirect(to: LoginController.safeNext(try? request.query.get(String.self, at: "next"))) }
        _ = request.csrfToken()
        return try await render(request, values: [:], errors: [:], next: LoginController.safeNext(try? request.query.get(String.self, at: "next")))
    }

    func render(_ request: Request, values: [String: String], errors: [String: String], next: String, error: String? = nil,
                status: HTTPStatus = .ok) async throws -> Response {
        try await request.view.render("Accounts/signup", PageContext(request, Context(values: values, errors: errors, next: next, error: error,
                                                                                 version: ConsentNotice.version,
                                                                                 nextQuery: LoginController.queryValue(next))))
            .encodeResponse(status: status, for: request)
    }

    func signUp(request: Request) async throws -> Response {
        struct Form: Content { var phone: String?; var name: String?; var password: String?; var consent: String?; var next: String? }
        let form = try request.content.decode(Form.self)
        let next = LoginController.safeNext(form.next)
        let values = ["phone": form.phone ?? "", "name": form.name ?? ""]
        // Every field's error at once, beside it.
        var errors: [String: String] = [:]
        if form.consent == nil { errors["consent"] = request.t("error.signup_consent_required") }
        if (form.password ?? "").isEmpty { errors["password"] = request.message(for: DomainError.invalid("password", "required")) }
        do {
            if errors.isEmpty {
                // Counted only when the form is complete, so a forgotten tick does not use up an address's sign-ups.
                let limits = request.services.rateLimits
                guard limits.allow(.signUp, request.clientAddress) else {
                    let minutes = String(limits.minutesToWait(.signUp, request.clientAddress))
                    return try await render(request, values: values, errors: errors, next: next,
                                            error: request.t("error.too_many_requests", ["minutes": minutes]), status: .tooManyRequests)
                }
                let typed = (form.name ?? "").trimmingCharacters(in: .whitespaces)
                let name = typed.isEmpty ? request.t("signup.default_name", ["last4": String(PhoneNumber.digits(form.phone).suffix(4))]) : typed
                let account = try await request.accounts.signUpWorker(phone: form.phone, name: name, password: form.password)
                try await SessionSetup.startSignedIn(request, account: account)
                request.logger.info("sign-up", metadata: ["user": .string(PhoneNumber.masked(account.username))])
                // Straight back to the job they came for, which asks for the profile when they apply.
                request.flash(request.t("signup.welcome"))
                return request.redirect(to: next == "/" ? "/workers/new" : next)
            }
            // The other fields are still checked, so every error shows at once.
            _ = try PhoneNumber.mobile(form.phone, field: "phone")
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            errors[error.field == "username" || error.field == nil ? "phone" : error.field!] = request.message(for: error)
        }
        return try await render(request, values: values, errors: errors, next: next, status: .badRequest)
    }
}
