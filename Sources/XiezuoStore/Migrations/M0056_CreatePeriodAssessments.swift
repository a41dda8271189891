import FluentKit
import SQLKit

/// The assessment of a county's year (`period_assessments`): the self-assessment per part, the Jiangsu partner's
/// comment and the province's cross-check notes in `body` (`PeriodAssessmentStoredV1`, `jsonb` on PostgreSQL), the
/// grade the province set in a column of its own so lists and rankings read it without the body.
struct M0056_CreatePeriodAssessments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("period_assessments")
            .field("year", .int, .required)
            .field("county_code", .string, .required)
            .field("grade", .string)
            .field("body", .string, .required)
            .field("change_seq", .int64, .required)
            .field("updated_at", .datetime, .required)
            .compositeIdentifier(over: "year", "county_code")
            .create()
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("ALTER TABLE period_assessments ALTER COLUMN body TYPE jsonb USING body::jsonb").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("period_assessments").delete()
    }
}
