import FluentKit

/// Each park's yearly output value, tax revenue and GDP (fen), which enclave shares split.
struct M0020_CreateParkFigures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("park_figures")
            .field("park_id", .uuid, .required, .references("parks", "id"))
            .field("year", .int, .required)
            .field("output_value", .int64, .required)
            .field("tax_revenue", .int64, .required)
            .field("gdp", .int64, .required)
            .field("change_seq", .int64, .required)
            .compositeIdentifier(over: "park_id", "year")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("park_figures").delete()
    }
}
