/// A change to an account: disable or re-enable it, or set its password (one's own needs the current one).
public struct AccountPatch: Sendable, Codable, Equatable {
    public var disabled: Bool?
    public var password: String?
    public var currentPassword: String?
    /// A new display name (the account's managers).
    public var displayName: String?

    /// Creates a patch.
    public init(disabled: Bool? = nil, password: String? = nil, currentPassword: String? = nil, displayName: String? = nil) {
        self.disabled = disabled
        self.displayName = displayName
        self.password = password
        self.currentPassword = currentPassword
    }
}
