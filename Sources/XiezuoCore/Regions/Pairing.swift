import Foundation

/// A Jiangsu ↔ Shaanxi pairing relation (结对关系) at city or county level, valid for a span of years.
public struct Pairing: Sendable, Codable, Hashable, Identifiable {
    /// Stable identifier.
    public var id: UUID
    /// The Jiangsu (aid-giving) region.
    public var eastCode: String
    /// The Shaanxi (aid-receiving) region.
    public var westCode: String
    /// City or county.
    public var level: RegionLevel
    /// First year the pairing applies; nil where public records do not say (reference rows only).
    public var validFrom: Int?
    /// Last year the pairing applies; nil while it is in force.
    public var validTo: Int?
    /// How sure we are: `reported` for reference rows, `recorded` for rows staff entered.
    public var confidence: String
    /// Free-text remark.
    public var note: String?

    /// Creates a pairing.
    public init(id: UUID, eastCode: String, westCode: String, level: RegionLevel, validFrom: Int?, validTo: Int?,
                confidence: String, note: String?) {
        self.id = id
        self.eastCode = eastCode
        self.westCode = westCode
        self.level = level
        self.validFrom = validFrom
        self.validTo = validTo
        self.confidence = confidence
        self.note = note
    }

    /// True when the pairing applies in `year`; an unrecorded start counts as "always before".
    public func isActive(in year: Int) -> Bool {
        (validFrom.map { $0 <= year } ?? true) && (validTo.map { year <= $0 } ?? true)
    }

    /// True when either side of the pairing lies in `code`'s subtree or `code` lies in either side's subtree.
    public func touches(_ code: String) -> Bool {
        eastCode.hasPrefix(code) || westCode.hasPrefix(code) || code.hasPrefix(eastCode) || code.hasPrefix(westCode)
    }
}
