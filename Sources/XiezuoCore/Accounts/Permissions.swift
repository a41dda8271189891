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

    /// Managing accounts: admins for all; coordinators for staff accounts strictly below their own region (a
    /// provincial coordinator manages city and county staff, never a peer coordinator of the same region).
    public static func canManageAccount(_ principal: Principal, role: Role, jurisdiction: String?) -> Bool {
        switch principal.role {
        case .admin: return true
        case .coordinator:
            guard role.requiresJurisdiction, let own = principal.jurisdiction, let jurisdiction else { return false }
            return jurisdiction.count > own.count && jurisdiction.hasPrefix(own)
        default: return false
        }
    }

    /// Reading the audit log: staff, limited to their scope by the store.
    public static func canReadAudit(_ principal: Principal) -> Bool { principal.role?.isStaff ?? false }
}

extension Permissions {
    /// Entering and changing a county's projects and flows: admins, and staff whose jurisdiction covers the county.
    public static func canEditProject(_ principal: Principal, countyCode: String) -> Bool {
        principal.scope.covers(countyCode) && (principal.role?.isStaff ?? false)
    }

    /// Setting an agreement: the provincial one by admins and provincial coordinators; a pairing's by admins and
    /// coordinators whose jurisdiction covers either side.
    public static func canEditAgreement(_ principal: Principal, pairing: Pairing?) -> Bool {
        switch principal.role {
        case .admin: return true
        case .coordinator:
            guard let pairing else { return principal.jurisdiction?.count == 2 }
            return principal.scope.covers(pairing.eastCode) || principal.scope.covers(pairing.westCode)
        default: return false
        }
    }

    /// Reading a pairing's figures: admins, and staff whose jurisdiction covers either side.
    public static func canReadPairing(_ principal: Principal, _ pairing: Pairing) -> Bool {
        principal.scope.covers(pairing.eastCode) || principal.scope.covers(pairing.westCode)
    }
}
