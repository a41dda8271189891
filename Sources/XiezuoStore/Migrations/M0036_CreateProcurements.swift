import FluentKit

/// Jiangsu budget units' yearly canteen buying and the part from poverty-lifted areas; one row per unit, region and
/// year (the unique name).
struct M0036_CreateProcurements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await RegisterSchemaV1.create("procurements", uniqueName: true, on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("procurements").delete()
    }
}
