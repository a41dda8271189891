import FluentKit
import SQLKit

/// Featured industries (一县一特色). The columns lists and filters need, and the whole record as JSON in `body`
/// (upgrades, value chain, farmer links and linked projects are read only with the record).
struct M0015_CreateFeaturedIndustries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await RecordTableV1.create(database.schema("featured_industries")
            .id()
            .field("name", .string, .required)
            .field("county_code", .string, .required)
            .field("pairing_id", .uuid, .references("pairings", "id"))
            .field("category", .string, .required)
            .field("role", .string, .required)
            .field("since", .int, .required))
        try await RecordTableV1.index("featured_industries", ["county": "county_code"], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("featured_industries").delete()
    }
}
