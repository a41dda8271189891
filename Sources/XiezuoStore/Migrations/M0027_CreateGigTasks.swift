import FluentKit

/// Short tasks posted at a gig market.
struct M0027_CreateGigTasks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await RegisterSchemaV1.create("gig_tasks", parent: "gig_markets", on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("gig_tasks").delete()
    }
}
