import FluentKit

/// Links an enterprise account to the employer it acts for.
struct M0012_AddEmployerToAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("accounts").field("employer_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("accounts").deleteField("employer_id").update()
    }
}
