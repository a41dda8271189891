import FluentKit
import SQLKit

/// Employers that post jobs. The contact phone is stored sealed (AES-GCM) with a masked copy for lists.
struct M0011_CreateEmployers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("employers")
            .id()
            .field("credit_code", .string, .required)
            .field("name", .string, .required)
            .field("region_code", .string, .required)
            .field("industry", .string, .required)
            .field("contact_name", .string, .required)
            .field("contact_phone_sealed", .string, .required)
            .field("contact_phone_masked", .string, .required)
            .field("change_seq", .int64, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "credit_code")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "employers_region").on("employers").column("region_code").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("employers").delete()
    }
}
