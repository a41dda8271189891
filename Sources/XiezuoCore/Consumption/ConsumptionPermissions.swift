import Foundation

/// Who may decide on certification and keep the consumption registers.
extension Permissions {
    /// A certification decision at `level` on a product of `countyCode`: staff whose jurisdiction is of exactly that
    /// level and covers the county (a county officer recognises, a city officer reviews, the province re-checks and
    /// publishes); admins at any level.
    public static func canCertify(_ principal: Principal, countyCode: String, level: RegionLevel) -> Bool {
        if principal.role == .admin { return true }
        guard principal.role?.isStaff == true, let jurisdiction = principal.jurisdiction,
              RegionLevel(codeLength: jurisdiction.count) == level else { return false }
        return countyCode.hasPrefix(jurisdiction)
    }

    /// Listing and editing a supplier's products: the supplier's own enterprise accounts, and staff covering its county.
    public static func canEditProduct(_ principal: Principal, supplierID: UUID, countyCode: String) -> Bool {
        isEmployerAccount(principal, supplierID) || (principal.role?.isStaff == true && principal.scope.covers(countyCode))
    }

    /// Recording sales, events and procurement of a region (a Shaanxi county's or a Jiangsu buyer's): staff covering it.
    public static func canRecordSales(_ principal: Principal, regionCode: String) -> Bool {
        principal.role?.isStaff == true && principal.scope.covers(regionCode)
    }
}
