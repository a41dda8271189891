import FluentKit

/// Training programmes, order-based or project-based.
struct M0024_CreateTrainingProgrammes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await RegisterSchemaV1.create("training_programmes", on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("training_programmes").delete()
    }
}
