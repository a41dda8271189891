import Foundation

/// A person's or a client's account, without its secrets.
public struct Account: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    /// The login name: lower-case letters, digits, `.`, `_` and `-`.
    public var username: String
    /// The name shown on pages and in the audit log.
    public var displayName: String
    public var role: Role
    /// The region a staff account acts for.
    public var jurisdiction: String?
    /// The employer an enterprise account acts for.
    public var employerID: UUID?
    /// A disabled account cannot sign in and its tokens stop working.
    public var disabled: Bool
    /// Sign-in is refused until this moment after repeated failures.
    public var lockedUntil: Date?
    /// When the password was last set; sessions signed in before it are no longer valid.
    public var credentialsChangedAt: Date?
    /// When the account enrolled its second factor (TOTP); nil when it has none.
    public var secondFactorSince: Date?
    public var createdAt: Date?

    /// Creates an account value.
    public init(id: UUID, username: String, displayName: String, role: Role, jurisdiction: String?,
                disabled: Bool, lockedUntil: Date?, credentialsChangedAt: Date? = nil, createdAt: Date?, employerID: UUID? = nil,
                secondFactorSince: Date? = nil) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.jurisdiction = jurisdiction
        self.disabled = disabled
        self.lockedUntil = lockedUntil
        self.credentialsChangedAt = credentialsChangedAt
        self.createdAt = createdAt
        self.employerID = employerID
        self.secondFactorSince = secondFactorSince
    }

    /// The principal that acts when this account is signed in.
    public var principal: Principal {
        Principal(accountID: id, name: displayName, role: role, jurisdiction: jurisdiction, employerID: employerID)
    }
}
