import FluentKit
import SQLKit

/// Jiangsu ↔ Shaanxi pairings with their span of years.
struct M0002_CreatePairings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("pairings")
            .id()
            .field("east_code", .string, .required)
            .field("west_code", .string, .required)
            .field("level", .string, .required)
            .field("valid_from", .int)
            .field("valid_to", .int)
            .field("confidence", .string, .required)
            .field("note", .string)
            .field("change_seq", .int64, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "pairings_east").on("pairings").column("east_code").run()
        try await sql.create(index: "pairings_west").on("pairings").column("west_code").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pairings").delete()
    }
}
