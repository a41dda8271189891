import FluentKit
import SQLKit

/// A worker's application to a posting, the employer's answer, and the hire (a placement) with its start date,
/// wage and place.
struct M0022_CreateApplications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("applications")
            .id()
            .field("worker_id", .uuid, .required, .references("workers", "id"))
            .field("posting_id", .uuid, .required, .references("job_postings", "id"))
            .field("status", .string, .required)
            .field("applied_on", .string, .required)
            .field("responded_on", .string)
            .field("start_date", .string)
            .field("wage", .int64)
            .field("place_code", .string)
            .field("pairing_id", .uuid, .references("pairings", "id"))
            .field("note", .string)
            .field("change_seq", .int64, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "worker_id", "posting_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "applications_posting").on("applications").column("posting_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("applications").delete()
    }
}
