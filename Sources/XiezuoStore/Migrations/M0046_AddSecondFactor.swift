import FluentKit

/// The second factor of an account: its TOTP secret sealed with the data key, when it was enrolled, the last time step
/// used (a code is accepted once), and the SHA-256 digests of its unused recovery codes.
struct M0046_AddSecondFactor: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite alters a table one column at a time.
        try await database.schema("accounts").field("totp_sealed", .string).update()
        try await database.schema("accounts").field("totp_enabled_at", .datetime).update()
        try await database.schema("accounts").field("totp_last_step", .int64).update()
        try await database.schema("accounts").field("recovery_hashes", .string).update()
    }

    func revert(on database: any Database) async throws {
        for column in ["recovery_hashes", "totp_last_step", "totp_enabled_at", "totp_sealed"] {
            try await database.schema("accounts").deleteField(.string(column)).update()
        }
    }
}
