/// A change to an account: disable or re-enable it, or set its password (one's own needs the current one).
public struct AccountPatch: Sendable, Codable, Equatable {
    public var disabled: Bool?
    public var password: String?
    public var currentPassword: String?

    /// Creates a patch.
    public init(disabled: Bool? = nil, password: String? = nil, currentPassword: String? = nil) {
        self.disabled = disabled
        self.password = password
        self.currentPassword = currentPassword
    }
}
