/// A change to an account: disable or re-enable it, or set its password (one's own needs the current one).
public struct AccountPatch: Sendable, Codable, Equatable {
    public var disabled: Bool?
    public var password: String?
    public var currentPassword: String?
    /// A new display name (the account's managers).
    public var displayName: String?
    /// A staff account's new role (admin, coordinator, officer) and jurisdiction (a region code; none for an admin):
    /// its managers only, never one's own, and only to a role and region they manage themselves.
    public var role: String?
    public var jurisdiction: String?

    /// Creates a patch.
    public init(disabled: Bool? = nil, password: String? = nil, currentPassword: String? = nil, displayName: String? = nil,
                role: String? = nil, jurisdiction: String? = nil) {
        self.disabled = disabled
        self.displayName = displayName
        self.role = role
        self.jurisdiction = jurisdiction
        self.password = password
        self.currentPassword = currentPassword
    }
}
