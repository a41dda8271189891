/// A division of Jiangsu or Shaanxi: province, city, county or township, named by its statistical code.
public struct Region: Sendable, Codable, Hashable, Identifiable {
    /// The statistical division code; its prefixes are its ancestors.
    public var code: String
    /// The official Chinese name.
    public var name: String
    /// The level in the tree.
    public var level: RegionLevel
    /// The parent's code, nil for a province.
    public var parentCode: String?

    /// Creates a region.
    public init(code: String, name: String, level: RegionLevel, parentCode: String?) {
        self.code = code
        self.name = name
        self.level = level
        self.parentCode = parentCode
    }

    public var id: String { code }

    /// The province this region lies in.
    public var province: Province? { Province(code: code) }

    /// True when `code` names this region or a region below it.
    public func contains(_ code: String) -> Bool { code.hasPrefix(self.code) }
}

/// The two provinces of the cooperation: Jiangsu gives aid (east), Shaanxi receives it (west).
public enum Province: String, Sendable, Codable, CaseIterable {
    case jiangsu = "32"
    case shaanxi = "61"

    /// The province a region code lies in, if it is one of the two.
    public init?(code: String) {
        guard code.count >= 2, let province = Province(rawValue: String(code.prefix(2))) else { return nil }
        self = province
    }
}

/// Checks on the shape of a region code, before it is looked up.
public enum RegionCode {
    /// True for a string of 2, 4, 6 or 9 ASCII digits.
    public static func isWellFormed(_ code: String) -> Bool {
        RegionLevel(codeLength: code.count) != nil && code.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The codes of every ancestor of `code`, province first, excluding `code` itself.
    public static func ancestors(of code: String) -> [String] {
        RegionLevel.allCases.map(\.codeLength).filter { $0 < code.count }.map { String(code.prefix($0)) }
    }
}
