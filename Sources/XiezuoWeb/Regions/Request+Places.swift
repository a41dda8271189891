import Vapor
import XiezuoCore

/// A region as a picker offers it: the code, the name, the level and the label people read (南京市 鼓楼区).
struct RegionChoice: Content {
    var code: String
    var name: String
    var level: RegionLevel
    var label: String

    init(_ region: Region, regions: RegionDirectory) {
        code = region.code
        name = region.name
        level = region.level
        label = regions.label(region.code)
    }
}

extension Request {
    /// `level` from the query string: comma-separated region levels; every level when absent.
    func queryLevels(_ name: String = "level") throws -> Set<RegionLevel> {
        guard let text = try queryText(name, max: 60) else { return Set(RegionLevel.allCases) }
        return Set(try text.split(separator: ",").map {
            guard let level = RegionLevel(rawValue: $0.trimmingCharacters(in: .whitespaces)) else {
                throw DomainError.invalid(name, "unknown_choice", ["value": String($0)])
            }
            return level
        })
    }

    /// The region a person typed in `field`: a code, a name or a picker label. Nil for empty text; an unknown or
    /// ambiguous name is a validation error on the field that names what was typed (and the choices).
    func place(_ text: String?, field: String, levels: Set<RegionLevel> = Set(RegionLevel.allCases), within: String? = nil) throws -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        let regions = services.regions
        switch regions.resolve(text, levels: levels, within: within) {
        case .found(let region): return region.code
        case .ambiguous(let choices):
            throw DomainError.invalid(field, "place_ambiguous", ["name": text, "choices": choices.map { regions.label($0.code) }.joined(separator: "、")])
        case .unknown:
            throw DomainError.invalid(field, "place_unknown", ["name": text])
        }
    }

    /// A query parameter naming a region (code, name or label); see ``place(_:field:levels:within:)``.
    func queryPlace(_ name: String = "region", levels: Set<RegionLevel> = Set(RegionLevel.allCases)) throws -> String? {
        try place(try queryText(name, max: 60), field: name, levels: levels)
    }
}
