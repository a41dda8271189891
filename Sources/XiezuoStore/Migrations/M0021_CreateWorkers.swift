import FluentKit
import SQLKit

/// Workers seeking jobs. The ID-card and phone numbers are stored sealed (AES-GCM) with masked copies for lists, and
/// the ID number also as a keyed digest (`id_index`, unique) so a second registration is found without decrypting.
struct M0021_CreateWorkers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("workers")
            .id()
            .field("name", .string, .required)
            .field("home_code", .string, .required)
            .field("home_county", .string, .required)
            .field("id_sealed", .string, .required)
            .field("id_masked", .string, .required)
            .field("id_index", .string, .required)
            .field("phone_sealed", .string, .required)
            .field("phone_masked", .string, .required)
            .field("gender", .string, .required)
            .field("birth_date", .string, .required)
            .field("poverty_status", .string, .required)
            .field("status", .string, .required)
            .field("account_id", .uuid, .references("accounts", "id"))
            .field("body", .string, .required)
            .field("change_seq", .int64, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "id_index")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "workers_home_county").on("workers").column("home_county").run()
        try await sql.create(index: "workers_account").on("workers").column("account_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("workers").delete()
    }
}
