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
        SecondFactorController.clearPending(request)
        request.session.data["account"] = account.id.uuidString
        request.session.data["since"] = String(request.now.timeIntervalSince1970)
        request.session.data["csrf"] = nil
        _ = request.csrfToken()
    }

    /// True while a session's sign-in is younger than ``lifetime`` and the password has not changed since.
    static func isCurrent(_ session: Session, account: Account, now: Date) -> Bool {
        guard let since = session.data["since"].flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) else { return false }
        if now.timeIntervalSince(since) > lifetime { return false }
        if let changed = account.credentialsChangedAt, changed > since { return false }
        return true
    }

    /// The session-data key of when the session was last stored (whole seconds since 1970), set by ``StampedSessions``.
    static let seenKey = "seen"

    /// Deletes the sessions no browser can present any more: not stored for ``lifetime`` (every response that uses a
    /// session stores it and renews its cookie for ``lifetime``, so the cookie has expired), or, for sessions older
    /// than the stamp, signed in longer ago than that or never. Returns how many were deleted.
    static func purge(on database: any Database, seenBefore cutoff: Date) async throws -> Int {
        var deleted = 0
        var after: UUID?
        while true {
            var query = SessionRecord.query(on: database).sort(\.$id).limit(1_000)
            if let after { query = query.filter(\.$id > after) }
            let page = try await query.all()
            guard let last = page.last?.id else { return deleted }
            let stale = page.filter { record in
                guard let stamp = (record.data[seenKey] ?? record.data["since"]).flatMap(Double.init) else { return true }
                return stamp < cutoff.timeIntervalSince1970
            }.compactMap(\.id)
            if !stale.isEmpty {
                try await SessionRecord.query(on: database).filter(\.$id ~~ stale).delete()
                deleted += stale.count
            }
            after = last
        }
    }

    static func configure(_ app: Application, secure: Bool) {
        app.sessions.use { app in StampedSessions(stored: app.fluent.sessions.driver()) }
        app.sessions.configuration = SessionsConfiguration(cookieName: cookieName) { id in
            HTTPCookies.Value(string: id.string, expires: nil, maxAge: Int(lifetime), domain: nil, path: "/",
                              isSecure: secure, isHTTPOnly: true, sameSite: .lax)
        }
    }
}

/// Vapor's database sessions, with the time each was last stored kept in its data (``SessionSetup/seenKey``), so
/// ``SessionSetup/purge(on:seenBefore:)`` can tell which sessions no cookie can reach any more. Vapor stores a session
/// on every response that used it, so the stamp costs no extra write.
struct StampedSessions: SessionDriver {
    let stored: any SessionDriver

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        stored.createSession(Self.stamped(data, at: request.now), for: request)
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        stored.readSession(sessionID, for: request)
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        stored.updateSession(sessionID, to: Self.stamped(data, at: request.now), for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        stored.deleteSession(sessionID, for: request)
    }

    private static func stamped(_ data: SessionData, at now: Date) -> SessionData {
        var data = data
        data[SessionSetup.seenKey] = String(Int(now.timeIntervalSince1970))
        return data
    }
}

