import Foundation

/// Who may move a county's year, and where each action leads.
///
/// | action | from | by |
/// |---|---|---|
/// | submit | drafting | staff of the county itself |
/// | approve | submitted → city approved | staff of the county's city |
/// | approve | city approved → approved (locked) | staff of the province (61) |
/// | return (reason) | submitted, city approved → drafting | whoever may approve it now |
/// | reopen (reason) | approved → drafting | provincial coordinators (61) |
/// | comment | any | staff of the county's Jiangsu partner (either side of a pairing in force that year) |
///
/// Admins may do each of them. Every other principal is refused (403); an action the state does not allow is a
/// conflict (409 `period_wrong_state`).
public enum PeriodRules {
    /// The state `action` leads to from `state` when `principal` takes it on `county`'s year; `isPartner` says whether
    /// the principal is staff of the county's Jiangsu partner that year.
    public static func next(after state: PeriodState, _ action: PeriodAction, by principal: Principal, county: String,
                            isPartner: Bool) throws(DomainError) -> PeriodState {
        let to: PeriodState
        switch (action, state) {
        case (.submit, .drafting): to = .submitted
        case (.approve, .submitted): to = .cityApproved
        case (.approve, .cityApproved): to = .approved
        case (.return, .submitted), (.return, .cityApproved): to = .drafting
        case (.reopen, .approved): to = .drafting
        case (.comment, _): to = state
        default:
            throw DomainError(.conflict, code: "period_wrong_state", arguments: ["state": state.rawValue, "action": action.rawValue])
        }
        guard may(principal, action, state: state, county: county, isPartner: isPartner) else { throw DomainError.forbidden }
        return to
    }

    /// True when `principal` may take `action` on `county`'s year in `state` (whether the state allows it or not).
    public static func may(_ principal: Principal, _ action: PeriodAction, state: PeriodState, county: String, isPartner: Bool) -> Bool {
        if principal.isAdmin { return true }
        guard principal.role == .coordinator || principal.role == .officer, let jurisdiction = principal.jurisdiction else { return false }
        switch action {
        case .submit: return jurisdiction == county
        case .approve, .return: return jurisdiction == reviewer(of: state, county: county)
        case .reopen: return principal.role == .coordinator && jurisdiction == String(county.prefix(2))
        case .comment: return isPartner
        }
    }

    /// The region whose staff review a year in `state`: the county's city after submission, the province after the
    /// city; nil when nobody reviews (drafting, approved).
    public static func reviewer(of state: PeriodState, county: String) -> String? {
        switch state {
        case .submitted: return String(county.prefix(4))
        case .cityApproved: return String(county.prefix(2))
        case .drafting, .approved: return nil
        }
    }

    /// The actions `principal` may take now on a county's year in `state`.
    public static func available(to principal: Principal, state: PeriodState, county: String, isPartner: Bool) -> [PeriodAction] {
        PeriodAction.allCases.filter { (try? next(after: state, $0, by: principal, county: county, isPartner: isPartner)) != nil }
    }

    /// The reason or comment of an action, trimmed: required for return, reopen and comment (2–500 characters),
    /// ignored otherwise.
    public static func text(_ text: String?, for action: PeriodAction) throws(DomainError) -> String? {
        guard action.needsText else { return nil }
        let field = action == .comment ? "text" : "reason"
        let value = try Validate.text(text, field: field, max: 500)!
        guard value.count >= 2 else { throw .invalid(field, action == .comment ? "comment_too_short" : "reason_too_short") }
        return value
    }
}

extension DomainError {
    /// A write would change the figures of a county's locked year; `field` names the input that dates it, when one does.
    public static func periodLocked(year: Int, county: String, countyName: String, field: String? = nil) -> DomainError {
        DomainError(.conflict, code: "period_locked", field: field, arguments: ["year": String(year), "county": countyName, "code": county])
    }
}
