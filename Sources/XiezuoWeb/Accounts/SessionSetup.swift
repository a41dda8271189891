import Fluent
import Vapor
import XiezuoCore

/// Session cookies: HttpOnly, SameSite=Lax, Secure behind HTTPS, stored in the database so restarts keep them.
enum SessionSetup {
    static let cookieName = "xiezuo_session"
    /// How long a sign-in lasts, enforced on the server as well as by the cookie's Max-Age.
    static let lifetime: TimeInterval = 8 * 3600

    /// Starts a signed-in session under a new id (the pre-sign-in id is dropped, against session fixation),
    /// with the sign-in time and a fresh CSRF token.
    static func startSignedIn(_ request: Request, account: Account) async throws {
        if let old = request.session.id {
            try await request.application.sessions.driver.deleteSession(old, for: request).get()
            request.session.id = nil
        }
        request.session.data["account"] = account.id.uuidString
        request.session.data["since"] = String(Date().timeIntervalSince1970)
        request.session.data["csrf"] = nil
        _ = request.csrfToken()
    }

    /// True while a session's sign-in is younger than ``lifetime`` and the password has not changed since.
    static func isCurrent(_ session: Session, account: Account, now: Date = Date()) -> Bool {
        guard let since = session.data["since"].flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) else { return false }
        if now.timeIntervalSince(since) > lifetime { return false }
        if let changed = account.credentialsChangedAt, changed > since { return false }
        return true
    }

    static func configure(_ app: Application, secure: Bool) {
        app.sessions.use(.fluent)
        app.sessions.configuration = SessionsConfiguration(cookieName: cookieName) { id in
            HTTPCookies.Value(string: id.string, expires: nil, maxAge: Int(lifetime), domain: nil, path: "/",
                              isSecure: secure, isHTTPOnly: true, sameSite: .lax)
        }
    }
}
