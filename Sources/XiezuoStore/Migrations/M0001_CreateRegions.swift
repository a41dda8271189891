import FluentKit

/// The statistical division tree. `code` is the key; subtree queries are prefix matches on it.
struct M0001_CreateRegions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("regions")
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("level", .string, .required)
            .field("parent_code", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("regions").delete()
    }
}
