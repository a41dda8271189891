/// The whole region tree held in memory: reference data is small (about 3,000 rows) and never changes at run
/// time, so lookups, children and breadcrumbs are answered without touching the database.
public struct RegionDirectory: Sendable {
    private let byCode: [String: Region]
    private let childrenByParent: [String: [Region]]
    /// The provinces, sorted by code.
    public let provinces: [Region]
    /// Every region, sorted by code.
    public let all: [Region]

    /// Builds the index from the full list of regions.
    public init(_ regions: [Region]) {
        var byCode: [String: Region] = [:]
        var children: [String: [Region]] = [:]
        for region in regions {
            byCode[region.code] = region
            if let parent = region.parentCode { children[parent, default: []].append(region) }
        }
        self.byCode = byCode
        self.childrenByParent = children.mapValues { $0.sorted { $0.code < $1.code } }
        self.all = regions.sorted { $0.code < $1.code }
        self.provinces = regions.filter { $0.level == .province }.sorted { $0.code < $1.code }
    }

    /// The region with this code.
    public subscript(code: String) -> Region? { byCode[code] }

    /// Direct children of a region, sorted by code; provinces for a nil parent.
    public func children(of code: String?) -> [Region] {
        guard let code else { return provinces }
        return childrenByParent[code] ?? []
    }

    /// The path from the province down to the region itself.
    public func path(to code: String) -> [Region] {
        (RegionCode.ancestors(of: code) + [code]).compactMap { byCode[$0] }
    }

    /// How many regions there are at each level.
    public func count(of level: RegionLevel) -> Int { byCode.values.reduce(0) { $0 + ($1.level == level ? 1 : 0) } }

    /// Every region whose code starts with `prefix` (its subtree), sorted by code.
    public func subtree(of prefix: String) -> [Region] {
        byCode.values.filter { $0.code.hasPrefix(prefix) }.sorted { $0.code < $1.code }
    }

    /// The counties in a region (the county itself for a county), in code order, walking down the tree rather than
    /// scanning it; nothing for a township or an unknown code.
    public func counties(in code: String) -> [Region] {
        guard let region = byCode[code] else { return [] }
        switch region.level {
        case .county: return [region]
        case .city: return children(of: code).filter { $0.level == .county }
        case .province: return children(of: code).flatMap { counties(in: $0.code) }
        case .township: return []
        }
    }

}

extension RegionDirectory {
    /// A region as pages name a place: its city and county (and township), without the province, e.g. "商洛市 柞水县";
    /// the code itself when it is unknown.
    public func placeName(_ code: String) -> String {
        let name = path(to: code).filter { $0.level != .province }.map(\.name).joined(separator: " ")
        return name.isEmpty ? code : name
    }
}
