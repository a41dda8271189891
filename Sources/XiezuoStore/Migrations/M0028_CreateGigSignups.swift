import FluentKit

/// Workers signed up for a gig (once per worker and gig), and its completion.
struct M0028_CreateGigSignups: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await RegisterSchemaV1.create("gig_signups", parent: "gig_tasks", uniqueWorkerPerParent: true, on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("gig_signups").delete()
    }
}
