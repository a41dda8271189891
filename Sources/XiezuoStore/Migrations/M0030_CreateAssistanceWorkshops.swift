import FluentKit

/// Assistance workshops (帮扶车间) and the workers they employ.
struct M0030_CreateAssistanceWorkshops: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await RegisterSchemaV1.create("assistance_workshops", on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("assistance_workshops").delete()
    }
}
