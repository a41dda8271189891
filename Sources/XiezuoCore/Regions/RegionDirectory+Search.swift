import Foundation

/// Finding regions by name, for the pickers: people type 南京 or 鼓楼, not 3201 or 320106.
extension RegionDirectory {
    /// What a typed place resolves to.
    public enum Resolution: Sendable, Equatable {
        /// Exactly one region.
        case found(Region)
        /// Several regions fit; the person chooses (best first).
        case ambiguous([Region])
        /// Nothing fits.
        case unknown
    }

    /// Regions whose name contains `query` (or whose code starts with it), best first: exact names, then names that
    /// start with it, then the rest; higher levels before lower ones, then by code. `levels` limits the levels,
    /// `within` the subtree. At most `limit`.
    public func search(_ query: String, levels: Set<RegionLevel> = Set(RegionLevel.allCases), within: String? = nil, limit: Int = 20) -> [Region] {
        let text = Self.cleaned(query)
        guard !text.isEmpty else { return [] }
        let numeric = text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber)
        var ranked: [(rank: Int, region: Region)] = []
        for region in all where levels.contains(region.level) && (within.map { region.code.hasPrefix($0) } ?? true) {
            let rank: Int
            if numeric {
                guard region.code.hasPrefix(text) else { continue }
                rank = region.code == text ? 0 : 1
            } else if region.name == text || label(region.code) == text || fullLabel(region.code) == text {
                rank = 0
            } else if region.name.hasPrefix(text) {
                rank = 1
            } else if region.name.contains(text) || label(region.code).contains(text) {
                rank = 2
            } else {
                continue
            }
            ranked.append((rank, region))
        }
        return ranked.sorted { ($0.rank, $0.region.level, $0.region.code) < ($1.rank, $1.region.level, $1.region.code) }
            .prefix(limit).map(\.region)
    }

    /// The region a person named: a code, a name (南京 → 南京市), or a picker's label (南京市 鼓楼区). One exact name
    /// wins; otherwise one region that starts with the text; otherwise the choices.
    public func resolve(_ query: String, levels: Set<RegionLevel> = Set(RegionLevel.allCases), within: String? = nil) -> Resolution {
        let text = Self.cleaned(query)
        if let region = self[text], levels.contains(region.level), within.map({ region.code.hasPrefix($0) }) ?? true { return .found(region) }
        let found = search(text, levels: levels, within: within, limit: 50)
        guard let first = found.first else { return .unknown }
        let exact = found.filter { $0.name == text || label($0.code) == text || fullLabel($0.code) == text }
        if exact.count == 1 { return .found(exact[0]) }
        if exact.count > 1 { return .ambiguous(exact) }
        // Of the names that start with the text, the one of the highest level when it is alone there: 南京 is 南京市,
        // not 南京仙林大学城 (a township-level area).
        let starting = found.filter { $0.name.hasPrefix(text) }
        if let top = starting.map(\.level).min(), starting.filter({ $0.level == top }).count == 1 {
            return .found(starting.first { $0.level == top }!)
        }
        if found.count == 1 { return .found(first) }
        return .ambiguous(Array(found.prefix(12)))
    }

    /// A region as a picker shows it: its path without the province (南京市 鼓楼区), or the province's own name.
    public func label(_ code: String) -> String {
        let path = path(to: code)
        let names = path.count > 1 ? path.dropFirst().map(\.name) : path.map(\.name)
        return names.joined(separator: " ")
    }

    /// The whole path with the province (江苏省 南京市 鼓楼区).
    public func fullLabel(_ code: String) -> String {
        path(to: code).map(\.name).joined(separator: " ")
    }

    static func cleaned(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
