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
    /// unauthenticated by the route instead.
    private func checkCSRF(_ request: Request) throws {
        let isAPI = request.url.path.hasPrefix("/api/")
        if isAPI && request.authMethod == .none { return }
        let expected = request.hasSessionCookie ? request.session.data["csrf"] : nil
        let presented = request.headers.first(name: "X-CSRF-Token")
            ?? (try? request.content.get(String.self, at: "_csrf"))
        guard let expected, let presented, !expected.isEmpty, expected == presented else {
            throw DomainError(.forbidden, code: "csrf")
        }
    }
}

extension HTTPMethod {
    /// Methods that change state.
    var isUnsafe: Bool { ![.GET, .HEAD, .OPTIONS].contains(self) }
}
