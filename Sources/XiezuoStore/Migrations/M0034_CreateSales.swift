import FluentKit
import SQLKit

/// The sales ledger (one row per sale, a refund a negative row) and its per-product yearly sums by the product's
/// county and the buyer's city, which the "top products" panel reads instead of the ledger.
struct M0034_CreateSales: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sales")
            .id()
            .field("date", .string, .required)
            .field("month", .int, .required)
            .field("channel", .string, .required)
            .field("product_id", .uuid)
            .field("product_name", .string, .required)
            .field("county_code", .string, .required)
            .field("buyer_region", .string, .required)
            .field("amount", .int64, .required)
            .field("quantity", .int64, .required)
            .field("pairing_id", .uuid)
            .field("source", .string)
            .field("change_seq", .int64, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "sales_county_month").on("sales").column("county_code").column("month").run()
        try await sql.create(index: "sales_source").on("sales").column("source").run()
        try await database.schema("product_sales")
            .field("product_key", .string, .required)
            .field("year", .int, .required)
            .field("product_id", .uuid)
            .field("product_name", .string, .required)
            .field("county_code", .string, .required)
            .field("buyer_city", .string, .required)
            .field("amount", .int64, .required)
            .field("quantity", .int64, .required)
            .compositeIdentifier(over: "product_key", "year", "county_code", "buyer_city")
            .create()
        try await sql.create(index: "product_sales_year").on("product_sales").column("year").column("county_code").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("product_sales").delete()
        try await database.schema("sales").delete()
    }
}
