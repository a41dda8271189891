import Vapor
import XiezuoCore

/// How the current request proved who it is.
enum AuthMethod: Sendable { case none, session, token }

extension Request {
    private struct PrincipalKey: StorageKey { typealias Value = Principal }
    private struct AuthMethodKey: StorageKey { typealias Value = AuthMethod }

    /// The acting principal; anonymous until ``PrincipalMiddleware`` finds a session or token.
    var principal: Principal {
        get { storage[PrincipalKey.self] ?? .anonymous }
        set { storage[PrincipalKey.self] = newValue }
    }

    /// How the principal was established.
    var authMethod: AuthMethod {
        get { storage[AuthMethodKey.self] ?? .none }
        set { storage[AuthMethodKey.self] = newValue }
    }

    /// The principal, or an `unauthorized` error for the anonymous public.
    func signedIn() throws -> Principal {
        guard principal.accountID != nil else { throw DomainError.unauthorized }
        return principal
    }

    /// The principal if it has one of `roles`; `forbidden` otherwise.
    func require(_ roles: Role...) throws -> Principal {
        let principal = try signedIn()
        guard let role = principal.role, roles.contains(role) else { throw DomainError.forbidden }
        return principal
    }

    /// The session's CSRF token, created on first use.
    func csrfToken() -> String {
        if let token = session.data["csrf"] { return token }
        let token = [UInt8].random(count: 24).base64.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "+", with: "-")
        session.data["csrf"] = token
        return token
    }

    /// True when the request has a session cookie, so reading the session will not create one.
    var hasSessionCookie: Bool { cookies[SessionSetup.cookieName] != nil }
}
