import Foundation

/// Why a booked entry is corrected by reversing it (红字冲销).
///
/// Nothing booked is edited or deleted: a mistaken fund flow or sale is cancelled by a ledger entry of its own with
/// the opposite amount, dated like the original so the figures of that month move back, and linked to it; a mistaken
/// placement by a reversal record beside it. Each original can be reversed once, and a reversal is never reversed.
public struct ReversalDraft: Sendable, Codable, Equatable {
    /// Why the original was wrong, 2–200 characters; shown beside both entries.
    public var reason: String?

    public init(reason: String?) {
        self.reason = reason
    }

    /// The reason, trimmed: required, at least 2 and at most 200 characters.
    public func validated() throws(DomainError) -> String {
        let reason = try Validate.text(reason, field: "reason", max: 200)!
        guard reason.count >= 2 else { throw .invalid("reason", "reason_too_short") }
        return reason
    }
}

/// A placement's reversal: the placement stays as it was booked, and this record takes it out of the figures.
public struct PlacementReversal: Sendable, Codable, Hashable {
    /// The day it was reversed.
    public var on: Day
    public var reason: String

    public init(on: Day, reason: String) {
        self.on = on
        self.reason = reason
    }
}

extension DomainError {
    /// The entry has been reversed already (once is all an entry can be).
    public static let alreadyReversed = DomainError(.conflict, code: "already_reversed")
}
