import Foundation

extension Permissions {
    /// Registering and editing an employer: admins, and staff whose jurisdiction covers the employer's region.
    public static func canManageEmployer(_ principal: Principal, regionCode: String) -> Bool {
        (principal.role?.isStaff ?? false) && principal.scope.covers(regionCode)
    }

    /// Seeing an employer's contact phone in full: those who may manage it, and the employer's own accounts.
    public static func canRevealEmployerContact(_ principal: Principal, employerID: UUID, regionCode: String) -> Bool {
        canManageEmployer(principal, regionCode: regionCode) || isEmployerAccount(principal, employerID)
    }

    /// Posting and changing a job of `employerID` placed in `countyCode`: the employer's own enterprise accounts,
    /// and staff whose jurisdiction covers the place of work.
    public static func canEditPosting(_ principal: Principal, employerID: UUID?, countyCode: String) -> Bool {
        if let employerID, isEmployerAccount(principal, employerID) { return true }
        return (principal.role?.isStaff ?? false) && principal.scope.covers(countyCode)
    }

    /// Seeing a posting's contact person: signed-in workers, and whoever may edit the posting. Anonymous visitors,
    /// other employers and partner platforms do not (a name to call is not for scrapers).
    public static func canSeeContact(_ principal: Principal, of posting: JobPosting) -> Bool {
        guard principal.accountID != nil else { return false }
        return principal.role == .worker || canEditPosting(principal, employerID: posting.employerID, countyCode: posting.countyCode)
    }

    /// Reading the partner change feed: partner accounts and admins.
    public static func canReadExchangeFeed(_ principal: Principal) -> Bool {
        principal.role == .partner || principal.role == .admin
    }

    static func isEmployerAccount(_ principal: Principal, _ employerID: UUID) -> Bool {
        principal.role == .enterprise && principal.employerID == employerID
    }
}

extension Permissions {
    /// Recording and changing a county's labour registers (training, brands, gig markets, trips, workshops): admins,
    /// and staff whose jurisdiction covers the county.
    public static func canEditLaborRecord(_ principal: Principal, countyCode: String) -> Bool {
        principal.scope.covers(countyCode) && (principal.role?.isStaff ?? false)
    }
}
