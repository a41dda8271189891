import FluentKit
import SQLKit

/// The yearly cycle: a county's year (`periods`: state, when the snapshot was taken), the figures it submitted
/// (`period_figures`, one row an indicator) and every step taken on it (`period_events`). A year nobody has acted
/// on has no row and is drafting.
struct M0054_CreatePeriods: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("periods")
            .field("year", .int, .required)
            .field("county_code", .string, .required)
            .field("state", .string, .required)
            .field("snapshot_at", .datetime)
            .field("updated_at", .datetime, .required)
            .field("change_seq", .int64, .required)
            .compositeIdentifier(over: "year", "county_code")
            .create()
        let sql = database as! any SQLDatabase
        // The lock check of every write that books facts reads the approved years of a few counties.
        try await sql.create(index: "periods_state").on("periods").column("state").column("county_code").run()
        try await database.schema("period_figures")
            .field("year", .int, .required)
            .field("county_code", .string, .required)
            .field("indicator", .string, .required)
            .field("target", .int64)
            .field("actual", .int64)
            .field("status", .string, .required)
            .compositeIdentifier(over: "year", "county_code", "indicator")
            .create()
        try await database.schema("period_events")
            .field("id", .uuid, .identifier(auto: false))
            .field("year", .int, .required)
            .field("county_code", .string, .required)
            .field("action", .string, .required)
            .field("from_state", .string, .required)
            .field("to_state", .string, .required)
            .field("text", .string)
            .field("account_id", .uuid)
            .field("actor", .string, .required)
            .field("actor_region", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await sql.create(index: "period_events_county").on("period_events").column("county_code").column("year").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("period_events").delete()
        try await database.schema("period_figures").delete()
        try await database.schema("periods").delete()
    }
}
