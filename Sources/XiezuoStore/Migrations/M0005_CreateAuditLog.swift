import FluentKit
import SQLKit

/// The audit log: one row per write, never updated.
struct M0005_CreateAuditLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_log")
            .id()
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("region_code", .string)
            .field("partner_region_code", .string)
            .field("before", .string)
            .field("after", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "audit_log_at").on("audit_log").column("at").run()
        try await sql.create(index: "audit_log_region").on("audit_log").column("region_code").run()
        try await sql.create(index: "audit_log_partner_region").on("audit_log").column("partner_region_code").run()
        try await sql.create(index: "audit_log_entity").on("audit_log").column("entity").column("entity_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_log").delete()
    }
}
