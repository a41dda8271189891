import FluentKit
import SQLKit

/// Jiangsu enterprises moving west and their pipeline status: list columns, and the whole record as JSON in `body`.
struct M0017_CreateEnterprises: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("enterprises")
            .id()
            .field("name", .string, .required)
            .field("credit_code", .string)
            .field("county_code", .string, .required)
            .field("origin_code", .string, .required)
            .field("park_id", .uuid, .references("parks", "id"))
            .field("pairing_id", .uuid, .references("pairings", "id"))
            .field("status", .string, .required)
            .field("chain", .string, .required)
            .field("body", .string, .required)
            .field("change_seq", .int64, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "enterprises_county").on("enterprises").column("county_code").run()
        try await sql.create(index: "enterprises_park").on("enterprises").column("park_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("enterprises").delete()
    }
}
