import FluentKit
import SQLKit
import Foundation
import XiezuoCore

/// Bearer API tokens. The secret is returned once at creation; only its SHA-256 hash is stored.
public struct TokenRepository: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database

    /// Creates a repository over `database`.
    public init(database: any Database, clock: Clock = .system) { self.clock = clock; self.database = database }

    /// A token and its secret, which is never shown again.
    public struct Issued: Sendable {
        public var token: APIToken
        public var secret: String
    }

    /// Issues a token for an account: to the account itself, or by an admin for anyone. It expires after `days`
    /// (``APIToken/defaultLifetimeDays`` when nil; 1–365).
    public func create(for accountID: UUID, name: String?, days: Int? = nil, by principal: Principal, now: Date? = nil) async throws -> Issued {
        let now = now ?? clock.now
        let name = try Validate.required(name, field: "name", max: 100)
        let days = try APIToken.checkedLifetime(days)
        guard principal.isAdmin || principal.accountID == accountID else { throw DomainError.notFound("account") }
        guard let owner = try await AccountModel.find(accountID, on: database), !owner.disabled else {
            throw DomainError.invalid("accountId", "unknown_account")
        }
        let secret = Self.makeSecret()
        return try await database.writeTransaction { tx in
            let model = APITokenModel()
            model.id = UUID()
            model.accountID = accountID
            model.name = name
            model.prefix = String(secret.prefix(10))
            model.tokenHash = Self.hash(secret)
            model.expiresAt = now.addingTimeInterval(TimeInterval(days) * 86_400)
            try await model.create(on: tx)
            let token = model.token
            try await AuditRecorder.record(on: tx, by: principal, action: "create", entity: "api_token",
                                           entityID: token.id.uuidString, regionCode: owner.jurisdiction,
                                           before: Optional<APIToken>.none, after: token)
            return Issued(token: token, secret: secret)
        }
    }

    /// Tokens visible to the principal: all for admins, their own for everyone else. Newest first.
    public func list(by principal: Principal, accountID: UUID? = nil) async throws -> [APIToken] {
        let query = APITokenModel.query(on: database).sort(\.$createdAt, .descending)
        if !principal.isAdmin {
            guard let own = principal.accountID else { return [] }
            query.filter(\.$accountID == own)
        } else if let accountID {
            query.filter(\.$accountID == accountID)
        }
        return try await query.all().map(\.token)
    }

    /// Revokes a token; its owner or an admin may.
    public func revoke(_ id: UUID, by principal: Principal) async throws -> APIToken {
        try await database.writeTransaction { tx in
            guard let model = try await APITokenModel.find(id, on: tx),
                  principal.isAdmin || model.accountID == principal.accountID else {
                throw DomainError.notFound("api_token")
            }
            let before = model.token
            if model.revokedAt == nil { model.revokedAt = clock.now }
            try await model.save(on: tx)
            let owner = try await AccountModel.find(model.accountID, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "revoke", entity: "api_token",
                                           entityID: id.uuidString, regionCode: owner?.jurisdiction,
                                           before: before, after: model.token)
            return model.token
        }
    }

    /// Revokes every live token of an account, inside the caller's transaction: a password change and a disabled
    /// account end them all. Returns how many were revoked.
    @discardableResult
    static func revokeAll(of accountID: UUID, now: Date = Date(), on database: any Database) async throws -> Int {
        let live = try await APITokenModel.query(on: database).filter(\.$accountID == accountID).filter(\.$revokedAt == nil).all()
        for model in live {
            model.revokedAt = now
            try await model.save(on: database)
        }
        return live.count
    }

    /// The enabled account a presented secret belongs to, or nil for an unknown, revoked, expired or disabled one.
    public func authenticate(_ secret: String, now: Date? = nil) async throws -> Account? {
        let now = now ?? clock.now
        guard secret.hasPrefix("xz_"), secret.count < 200 else { return nil }
        // One plain SQL query for the token and its owner: this runs on every API call, and going through Fluent's
        // models (property reflection for the join) cost a measurable part of a dashboard request.
        let sql = database as! any SQLDatabase
        guard let row = try await sql.raw("""
            SELECT t.id AS token_id, t.revoked_at, t.expires_at, t.last_used_at, a.id, a.username, a.display_name, a.role, a.jurisdiction,
                   a.disabled, a.locked_until, a.credentials_changed_at, a.created_at, a.employer_id
            FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = \(bind: Self.hash(secret))
            """).first(),
              try row.decode(column: "revoked_at", as: Date?.self) == nil,
              try row.decode(column: "expires_at", as: Date?.self).map({ $0 > now }) ?? true,
              try !row.decode(column: "disabled", as: Bool.self) else { return nil }
        // Write the last-use time at most once a minute so reads stay reads under load.
        if try row.decode(column: "last_used_at", as: Date?.self).map({ now.timeIntervalSince($0) > 60 }) ?? true {
            try await sql.update("api_tokens").set("last_used_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(try row.decode(column: "token_id", as: UUID.self))).run()
        }
        let id = try row.decode(column: "id", as: UUID.self)
        return Account(id: id, username: try row.decode(column: "username", as: String.self),
                       displayName: try row.decode(column: "display_name", as: String.self),
                       role: try StoredRow("accounts", id: id).choice(try row.decode(column: "role", as: String.self), as: Role.self, column: "role"),
                       jurisdiction: try row.decode(column: "jurisdiction", as: String?.self), disabled: false,
                       lockedUntil: try row.decode(column: "locked_until", as: Date?.self),
                       credentialsChangedAt: try row.decode(column: "credentials_changed_at", as: Date?.self),
                       createdAt: try row.decode(column: "created_at", as: Date?.self),
                       employerID: try row.decode(column: "employer_id", as: UUID?.self))
    }

    /// A new secret: `xz_` and 32 random bytes in URL-safe base64.
    static func makeSecret() -> String { Secret.make(prefix: "xz_") }

    /// The stored form of a secret.
    static func hash(_ secret: String) -> String { Secret.digest(secret) }
}
