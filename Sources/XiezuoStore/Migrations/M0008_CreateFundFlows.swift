import FluentKit
import SQLKit

/// Fund flows (IATI transactions) on projects. `month` (yyyymm) is stored so both databases group by it alike.
struct M0008_CreateFundFlows: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("fund_flows")
            .id()
            .field("project_id", .uuid, .required, .references("projects", "id"))
            .field("type", .string, .required)
            .field("source", .string, .required)
            .field("amount", .int64, .required)
            .field("day", .string, .required)
            .field("month", .int, .required)
            .field("voucher", .string)
            .field("note", .string)
            .field("change_seq", .int64, .required)
            .field("created_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "fund_flows_project").on("fund_flows").column("project_id").column("type").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("fund_flows").delete()
    }
}
