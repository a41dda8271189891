import Vapor
import XiezuoCore
import XiezuoStore

/// Establishes the request's principal from a bearer token or the session, and enforces CSRF on form posts.
struct PrincipalMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // The metrics scraper's bearer is the metrics token, not an API token: `/metrics` checks it itself.
        if request.url.path == "/metrics", request.method == .GET { return try await next.respond(to: request) }
        if let bearer = request.headers.bearerAuthorization {
            guard let account = try await request.tokens.authenticate(bearer.token) else {
                throw DomainError(.unauthorized, code: "invalid_token")
            }
            request.principal = account.principal
            request.authMethod = .token
        } else if request.hasSessionCookie, let id = request.session.data["account"].flatMap(UUID.init(uuidString:)) {
            if let account = try await request.accounts.active(id), SessionSetup.isCurrent(request.session, account: account, now: request.now) {
                request.principal = account.principal
                request.authMethod = .session
            } else {
                // Disabled, expired, or signed in before the password changed: back to anonymous.
                request.session.data["account"] = nil
                request.session.data["since"] = nil
            }
        }
        if request.method.isUnsafe && request.authMethod != .token {
            try checkCSRF(request)
        }
        return try await next.respond(to: request)
    }

    /// A state-changing request that is not token-authenticated must carry the session's CSRF token, as the form
    /// field `_csrf` or the `X-CSRF-Token` header. Anonymous API calls skip the check: they are refused as
    /// unauthenticated by the route instead. A visitor without a session (no session cookie: nothing to act with)
    /// may post without a token when the browser says the form is this site's (`Origin` naming this host, or
    /// `Sec-Fetch-Site: same-origin`): the first item put in a cart from a kept product page. A post from another
    /// site, or one that says nothing of its origin, still needs the token.
    private func checkCSRF(_ request: Request) throws {
        let isAPI = request.url.path.hasPrefix("/api/")
        if isAPI && request.authMethod == .none { return }
        if !request.hasSessionCookie, request.authMethod == .none, Self.sameOrigin(request) { return }
        let expected = request.hasSessionCookie ? request.session.data["csrf"] : nil
        let presented = request.headers.first(name: "X-CSRF-Token")
            ?? (try? request.content.get(String.self, at: "_csrf"))
        guard let expected, let presented, !expected.isEmpty, expected == presented else {
            throw DomainError(.forbidden, code: "csrf")
        }
    }
}

extension PrincipalMiddleware {
    /// Whether the browser says the request comes from a page of this site: `Sec-Fetch-Site: same-origin`, or an
    /// `Origin` whose host (and port) is the request's `Host`.
    static func sameOrigin(_ request: Request) -> Bool {
        if request.headers.first(name: "Sec-Fetch-Site") == "same-origin" { return true }
        guard let origin = request.headers.first(name: .origin), origin != "null", let url = URL(string: origin),
              let host = url.host, let requestHost = request.headers.first(name: .host)?.lowercased() else { return false }
        let named = url.port.map { "\(host):\($0)" } ?? host
        return named.lowercased() == requestHost
    }
}

extension HTTPMethod {
    /// Methods that change state.
    var isUnsafe: Bool { ![.GET, .HEAD, .OPTIONS].contains(self) }
}
