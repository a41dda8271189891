import FluentKit
import SQLKit

/// An agreement's grading rules (`agreements.grading`, `GradingRulesStoredV1`; `jsonb` on PostgreSQL): the weight of
/// each indicator and the thresholds of the grades the assessment suggests. Null keeps the standard rules.
struct M0057_AddAgreementGrading: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("ALTER TABLE agreements ADD COLUMN grading jsonb").run()
        } else {
            try await database.schema("agreements").field("grading", .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("agreements").deleteField("grading").update()
    }
}
