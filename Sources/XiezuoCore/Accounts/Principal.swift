import Foundation

/// Who is acting: a signed-in account, an API token's owner, the command line, or nobody.
///
/// Every repository call that reads or writes jurisdiction-bound data takes a principal, so the store layer,
/// not the routes, decides what is visible.
public struct Principal: Sendable, Equatable {
    /// The account, nil for the anonymous public and for the command line.
    public var accountID: UUID?
    /// The display name recorded in the audit log.
    public var name: String
    /// The role; nil for the anonymous public.
    public var role: Role?
    /// The region the account acts for, if any.
    public var jurisdiction: String?
    /// The employer an enterprise account acts for.
    public var employerID: UUID?

    /// Creates a principal.
    public init(accountID: UUID?, name: String, role: Role?, jurisdiction: String?, employerID: UUID? = nil) {
        self.accountID = accountID
        self.name = name
        self.role = role
        self.jurisdiction = jurisdiction
        self.employerID = employerID
    }

    /// The public, not signed in.
    public static let anonymous = Principal(accountID: nil, name: "anonymous", role: nil, jurisdiction: nil)

    /// An operator at the server's command line, who has full rights.
    public static let system = Principal(accountID: nil, name: "system", role: .admin, jurisdiction: nil)

    /// The regions this principal may see and change records of.
    public var scope: AccessScope {
        switch role {
        case .admin: return .everything
        case .coordinator, .officer: return jurisdiction.map { .region($0) } ?? .nothing
        default: return .nothing
        }
    }

    /// True for an admin.
    public var isAdmin: Bool { role == .admin }
}

/// The part of the region tree a principal's staff rights cover.
public enum AccessScope: Sendable, Equatable {
    /// All regions (admins).
    case everything
    /// One region's subtree, by code prefix.
    case region(String)
    /// No region (public, workers, enterprises, partners).
    case nothing

    /// True when a record belonging to `code` falls within the scope.
    public func covers(_ code: String?) -> Bool {
        switch self {
        case .everything: return true
        case .region(let prefix): return code.map { $0.hasPrefix(prefix) } ?? false
        case .nothing: return false
        }
    }

}
