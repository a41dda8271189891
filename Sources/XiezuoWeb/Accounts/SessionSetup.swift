import Fluent
import Vapor

/// Session cookies: HttpOnly, SameSite=Lax, Secure behind HTTPS, stored in the database so restarts keep them.
enum SessionSetup {
    static let cookieName = "xiezuo_session"

    static func configure(_ app: Application, secure: Bool) {
        app.sessions.use(.fluent)
        app.sessions.configuration = SessionsConfiguration(cookieName: cookieName) { id in
            HTTPCookies.Value(string: id.string, expires: nil, maxAge: 8 * 3600, domain: nil, path: "/",
                              isSecure: secure, isHTTPOnly: true, sameSite: .lax)
        }
    }
}
