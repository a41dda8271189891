import FluentKit

/// Gig markets (零工市场) of the counties.
struct M0026_CreateGigMarkets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await RegisterSchemaV1.create("gig_markets", on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("gig_markets").delete()
    }
}
