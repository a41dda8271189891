/// Who may change the industry registers.
extension Permissions {
    /// Recording and changing a county's featured industries, parks and enterprises: admins, and staff whose
    /// jurisdiction covers the county.
    public static func canEditIndustry(_ principal: Principal, countyCode: String) -> Bool {
        principal.scope.covers(countyCode) && (principal.role?.isStaff ?? false)
    }

    /// True when the principal sees every pipeline status of an enterprise in `countyCode` (leads and negotiations
    /// are confidential; the public sees signed and landed enterprises only).
    public static func seesWholePipeline(_ principal: Principal, countyCode: String) -> Bool {
        canEditIndustry(principal, countyCode: countyCode)
    }
}

/// Filters for the industry registers' lists.
public struct IndustryFilter: Sendable, Equatable {
    /// A region code: records in its subtree.
    public var region: String?
    /// Part of the name.
    public var search: String?
    public var category: String?

    public init(region: String? = nil, search: String? = nil, category: String? = nil) {
        self.region = region
        self.search = search
        self.category = category
    }
}
