import FluentKit
import SQLKit

/// Investment-promotion events (产业链招商).
struct M0018_CreatePromotionEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("promotion_events")
            .id()
            .field("date", .string, .required)
            .field("city_code", .string, .required)
            .field("organiser_code", .string, .required)
            .field("body", .string, .required)
            .field("change_seq", .int64, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "promotion_events_date").on("promotion_events").column("date").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("promotion_events").delete()
    }
}
