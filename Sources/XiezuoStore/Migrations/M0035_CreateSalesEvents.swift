import FluentKit

/// Consumption-assistance events: fairs, promotions and livestream sessions.
struct M0035_CreateSalesEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await RegisterSchemaV1.create("sales_events", on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sales_events").delete()
    }
}
