import FluentKit
import SQLKit

/// Accounts with their bcrypt hash, jurisdiction and lock-out state.
struct M0003_CreateAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("accounts")
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("role", .string, .required)
            .field("jurisdiction", .string)
            .field("password_hash", .string, .required)
            .field("disabled", .bool, .required)
            .field("failed_logins", .int, .required)
            .field("locked_until", .datetime)
            .field("credentials_changed_at", .datetime)
            .field("change_seq", .int64, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "username")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "accounts_jurisdiction").on("accounts").column("jurisdiction").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("accounts").delete()
    }
}
