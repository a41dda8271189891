import Foundation

/// A bearer token for API clients and partner platforms. Only its hash is stored; the secret is shown once.
public struct APIToken: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var accountID: UUID
    /// What the token is for, e.g. "陕西公共招聘网 sync".
    public var name: String
    /// The first characters of the secret, so people can tell tokens apart.
    public var prefix: String
    public var createdAt: Date?
    public var lastUsedAt: Date?
    /// Set when revoked; a revoked token is refused.
    public var revokedAt: Date?

    /// Creates a token value.
    public init(id: UUID, accountID: UUID, name: String, prefix: String, createdAt: Date?, lastUsedAt: Date?, revokedAt: Date?) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.prefix = prefix
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}
