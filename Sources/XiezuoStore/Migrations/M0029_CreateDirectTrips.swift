import FluentKit

/// Direct-transport trips (就业直通车) with their passengers.
struct M0029_CreateDirectTrips: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await RegisterSchemaV1.create("direct_trips", on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("direct_trips").delete()
    }
}
