import Foundation

/// Who may register, see, reveal and place workers.
extension Permissions {
    /// Registering and editing a worker of `homeCode`: admins and staff covering it; a worker their own profile.
    public static func canEditWorker(_ principal: Principal, homeCode: String, accountID: UUID?) -> Bool {
        if let accountID, principal.accountID == accountID, principal.role == .worker { return true }
        return principal.role?.isStaff == true && principal.scope.covers(homeCode)
    }

    /// Reading the ID-card and phone numbers in full: the staff covering the worker (who need them to register
    /// and place the worker) and the worker themselves; every such read is audited.
    public static func canRevealWorker(_ principal: Principal, homeCode: String, accountID: UUID?) -> Bool {
        canEditWorker(principal, homeCode: homeCode, accountID: accountID)
    }
}

extension Permissions {
    /// The posting's side of matching and applications: its employer's accounts and the staff covering its county.
    public static func servesPosting(_ principal: Principal, posting: JobPosting) -> Bool {
        if principal.role == .enterprise, let employer = principal.employerID, employer == posting.employerID { return true }
        return principal.role?.isStaff == true && principal.scope.covers(posting.countyCode)
    }
}
