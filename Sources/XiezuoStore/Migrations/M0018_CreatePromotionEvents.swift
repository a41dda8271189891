import FluentKit
import SQLKit

/// Investment-promotion events (产业链招商).
struct M0018_CreatePromotionEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await RecordTableV1.create(database.schema("promotion_events")
            .id()
            .field("date", .string, .required)
            .field("city_code", .string, .required)
            .field("organiser_code", .string, .required))
        try await RecordTableV1.index("promotion_events", ["date": "date"], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("promotion_events").delete()
    }
}
