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
    /// When the token stops working (chosen at creation, ``defaultLifetimeDays`` unless said otherwise).
    public var expiresAt: Date?

    /// A new token's lifetime unless its creator chooses another.
    public static let defaultLifetimeDays = 90
    /// The lifetimes a creator may choose, in days.
    public static let lifetimeDays = 1...365

    /// Checks a chosen lifetime in days; nil is the default.
    public static func checkedLifetime(_ days: Int?, field: String = "expiresInDays") throws(DomainError) -> Int {
        guard let days else { return defaultLifetimeDays }
        guard lifetimeDays.contains(days) else {
            throw .invalid(field, "token_lifetime", ["min": String(lifetimeDays.lowerBound), "max": String(lifetimeDays.upperBound)])
        }
        return days
    }

    /// Whether the token has passed its expiry at `now`.
    public func isExpired(at now: Date = Date()) -> Bool { expiresAt.map { $0 <= now } ?? false }

    /// Creates a token value.
    public init(id: UUID, accountID: UUID, name: String, prefix: String, createdAt: Date?, lastUsedAt: Date?, revokedAt: Date?,
                expiresAt: Date? = nil) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.prefix = prefix
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
        self.expiresAt = expiresAt
    }
}
