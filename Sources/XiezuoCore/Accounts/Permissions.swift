/// Who may do what, beyond the region scope: the role rules in one place.
public enum Permissions {
    /// Adding or ending a pairing: admins, and coordinators whose jurisdiction covers either side.
    public static func canEditPairing(_ principal: Principal, eastCode: String, westCode: String) -> Bool {
        switch principal.role {
        case .admin: return true
        case .coordinator: return principal.scope.covers(eastCode) || principal.scope.covers(westCode)
        default: return false
        }
    }

    /// Managing accounts: admins for all; coordinators for staff accounts inside their jurisdiction.
    public static func canManageAccount(_ principal: Principal, role: Role, jurisdiction: String?) -> Bool {
        switch principal.role {
        case .admin: return true
        case .coordinator: return role.requiresJurisdiction && principal.scope.covers(jurisdiction)
        default: return false
        }
    }

    /// Reading the audit log: staff, limited to their scope by the store.
    public static func canReadAudit(_ principal: Principal) -> Bool { principal.role?.isStaff ?? false }
}
