import FluentKit
import XiezuoCore

/// A row of `regions`.
final class RegionModel: Model, @unchecked Sendable {
    static let schema = "regions"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @Field(key: "level") var level: String
    @OptionalField(key: "parent_code") var parentCode: String?

    init() {}

    var region: Region? {
        guard let code = id, let level = RegionLevel(rawValue: level) else { return nil }
        return Region(code: code, name: name, level: level, parentCode: parentCode)
    }
}
