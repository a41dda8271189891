import FluentKit
import SQLKit

/// Jiangsu enterprises moving west and their pipeline status: list columns, and the whole record as JSON in `body`.
struct M0017_CreateEnterprises: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await RecordTableV1.create(database.schema("enterprises")
            .id()
            .field("name", .string, .required)
            .field("credit_code", .string)
            .field("county_code", .string, .required)
            .field("origin_code", .string, .required)
            .field("park_id", .uuid, .references("parks", "id"))
            .field("pairing_id", .uuid, .references("pairings", "id"))
            .field("status", .string, .required)
            .field("chain", .string, .required))
        try await RecordTableV1.index("enterprises", ["county": "county_code", "park": "park_id"], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("enterprises").delete()
    }
}
