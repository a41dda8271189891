/// The four levels of the statistical division tree; the code length tells the level.
public enum RegionLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case province, city, county, township

    /// The level a code of this length has (2, 4, 6 or 9 digits), or nil for any other length.
    public init?(codeLength: Int) {
        switch codeLength {
        case 2: self = .province
        case 4: self = .city
        case 6: self = .county
        case 9: self = .township
        default: return nil
        }
    }

    /// Number of digits in a code of this level.
    public var codeLength: Int {
        switch self {
        case .province: 2
        case .city: 4
        case .county: 6
        case .township: 9
        }
    }

    /// Depth in the tree, province first.
    public var depth: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: RegionLevel, rhs: RegionLevel) -> Bool { lhs.depth < rhs.depth }
}
