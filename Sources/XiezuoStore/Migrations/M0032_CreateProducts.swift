import FluentKit
import SQLKit

/// Products of the counties' suppliers. `stock` is the authoritative count, decremented by orders in one guarded
/// statement; the rest of the product is JSON in `body`.
struct M0032_CreateProducts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await RecordTableV1.create(database.schema("products")
            .id()
            .field("name", .string, .required)
            .field("supplier_id", .uuid, .required, .references("employers", "id"))
            .field("county_code", .string, .required)
            .field("brand_id", .uuid, .references("regional_brands", "id"))
            .field("category", .string, .required)
            .field("certification", .string, .required)
            .field("price", .int64, .required)
            .field("stock", .int64, .required))
        try await RecordTableV1.index("products", ["county": "county_code", "supplier": "supplier_id"], on: database)
        try await database.schema("product_images")
            .id()
            .field("product_id", .uuid, .required, .references("products", "id"))
            .field("content_type", .string, .required)
            .field("data", .data, .required)
            .field("created_at", .datetime)
            .create()
        try await RecordTableV1.index("product_images", ["product": "product_id"], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("product_images").delete()
        try await database.schema("products").delete()
    }
}
