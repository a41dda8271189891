import FluentKit

/// Trainees of a programme (one place per worker and programme) and what came of their training.
struct M0025_CreateTrainingEnrolments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await RegisterSchemaV1.create("training_enrolments", parent: "training_programmes", uniqueWorkerPerParent: true, on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("training_enrolments").delete()
    }
}
