import FluentKit
import SQLKit

/// Co-built industrial parks (一县一园区): list columns, and the whole record as JSON in `body`.
struct M0016_CreateParks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await RecordTableV1.create(database.schema("parks")
            .id()
            .field("name", .string, .required)
            .field("county_code", .string, .required)
            .field("partner_code", .string, .required)
            .field("pairing_id", .uuid, .references("pairings", "id"))
            .field("form", .string, .required)
            .field("established", .string))
        try await RecordTableV1.index("parks", ["county": "county_code"], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("parks").delete()
    }
}
