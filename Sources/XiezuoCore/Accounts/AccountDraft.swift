/// What an admin or coordinator submits to create an account.
public struct AccountDraft: Sendable, Codable, Equatable {
    public var username: String?
    public var displayName: String?
    public var role: String?
    public var jurisdiction: String?
    public var password: String?

    /// Creates a draft.
    public init(username: String?, displayName: String?, role: String?, jurisdiction: String?, password: String?) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.jurisdiction = jurisdiction
        self.password = password
    }

    /// The shortest password accepted.
    public static let minimumPasswordLength = 10

    /// Checks every field; `regions` resolves the jurisdiction.
    public func validated(in regions: RegionDirectory) throws(DomainError) -> ValidAccount {
        let username = try Validate.required(username, field: "username", max: 32).lowercased()
        guard username.count >= 3,
              username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            throw .invalid("username", "username_format")
        }
        let displayName = try Validate.required(displayName, field: "displayName", max: 64)
        guard let roleText = try Validate.text(role, field: "role", max: 20), let role = Role(rawValue: roleText) else {
            throw .invalid("role", "unknown_role")
        }
        var jurisdictionCode: String?
        if let code = try Validate.text(jurisdiction, field: "jurisdiction", max: 9, required: role.requiresJurisdiction) {
            guard RegionCode.isWellFormed(code), let region = regions[code], region.level != .township else {
                throw .invalid("jurisdiction", "unknown_region", ["code": code])
            }
            jurisdictionCode = region.code
        }
        let password = try Self.checkedPassword(password, username: username)
        return ValidAccount(username: username, displayName: displayName, role: role,
                            jurisdiction: jurisdictionCode, password: password)
    }

    /// Checks a new password against the length rules and ``PasswordPolicy`` (not the user name, not common).
    public static func checkedPassword(_ password: String?, username: String?, field: String = "password") throws(DomainError) -> String {
        guard let password, !password.isEmpty else { throw .invalid(field, "required") }
        guard password.count >= minimumPasswordLength else {
            throw .invalid(field, "password_too_short", ["min": String(minimumPasswordLength)])
        }
        guard password.count <= 128 else { throw .invalid(field, "too_long", ["max": "128"]) }
        try PasswordPolicy.check(password, username: username, field: field)
        return password
    }
}

/// An account draft that passed validation.
public struct ValidAccount: Sendable, Equatable {
    public var username: String
    public var displayName: String
    public var role: Role
    public var jurisdiction: String?
    public var password: String
}
