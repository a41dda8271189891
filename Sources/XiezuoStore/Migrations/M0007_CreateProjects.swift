import FluentKit
import SQLKit

/// The project library (项目库).
struct M0007_CreateProjects: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("projects")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("county_code", .string, .required)
            .field("pairing_id", .uuid, .references("pairings", "id"))
            .field("year", .int, .required)
            .field("action_area", .string, .required)
            .field("category", .string, .required)
            .field("budget", .int64, .required)
            .field("status", .string, .required)
            .field("planned_start", .string)
            .field("planned_end", .string)
            .field("actual_start", .string)
            .field("actual_end", .string)
            .field("households", .int, .required)
            .field("persons", .int, .required)
            .field("poverty_households", .int, .required)
            .field("poverty_persons", .int, .required)
            .field("description", .string)
            .field("change_seq", .int64, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "projects_county_year").on("projects").column("county_code").column("year").run()
        try await sql.create(index: "projects_year").on("projects").column("year").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("projects").delete()
    }
}
