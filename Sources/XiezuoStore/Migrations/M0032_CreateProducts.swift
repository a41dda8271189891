import FluentKit
import SQLKit

/// Products of the counties' suppliers. `stock` is the authoritative count, decremented by orders in one guarded
/// statement; the rest of the product is JSON in `body`.
struct M0032_CreateProducts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("products")
            .id()
            .field("name", .string, .required)
            .field("supplier_id", .uuid, .required, .references("employers", "id"))
            .field("county_code", .string, .required)
            .field("brand_id", .uuid, .references("regional_brands", "id"))
            .field("category", .string, .required)
            .field("certification", .string, .required)
            .field("price", .int64, .required)
            .field("stock", .int64, .required)
            .field("body", .string, .required)
            .field("change_seq", .int64, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "products_county").on("products").column("county_code").run()
        try await sql.create(index: "products_supplier").on("products").column("supplier_id").run()
        try await database.schema("product_images")
            .id()
            .field("product_id", .uuid, .required, .references("products", "id"))
            .field("content_type", .string, .required)
            .field("data", .data, .required)
            .field("created_at", .datetime)
            .create()
        try await sql.create(index: "product_images_product").on("product_images").column("product_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("product_images").delete()
        try await database.schema("products").delete()
    }
}
