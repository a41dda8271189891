/// What an account is for; it decides what the account may see and do.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// Runs the platform: accounts, tokens, the audit log, everything.
    case admin
    /// Provincial or city coordinator (协作办): pairings, agreements, approvals within a jurisdiction.
    case coordinator
    /// City or county officer: records and submits their jurisdiction's data.
    case officer
    /// An employer, park enterprise or supplier.
    case enterprise
    /// A rural worker looking for jobs and training.
    case worker
    /// A partner platform exchanging job postings through the change feed.
    case partner

    /// Staff roles act for a region and must carry a jurisdiction.
    public var requiresJurisdiction: Bool { self == .coordinator || self == .officer }

    /// Roles that must sign in with a second factor (GB/T 22239 level 3: the administrators and those who approve
    /// the province's and cities' figures); for everyone else it is optional.
    public var requiresSecondFactor: Bool { self == .admin || self == .coordinator }

    /// Roles that may open the staff pages.
    public var isStaff: Bool { self == .admin || self == .coordinator || self == .officer }
}
