import FluentKit
import SQLKit

/// Shop orders (one supplier each) and their lines; the buyer's phone sealed and masked; the access key hashed.
struct M0033_CreateOrders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("orders")
            .id()
            .field("number", .string, .required)
            .field("supplier_id", .uuid, .required, .references("employers", "id"))
            .field("county_code", .string, .required)
            .field("buyer_region", .string, .required)
            .field("account_id", .uuid)
            .field("status", .string, .required)
            .field("placed_on", .string, .required)
            .field("total", .int64, .required)
            .field("phone_sealed", .string, .required)
            .field("phone_masked", .string, .required)
            .field("key_hash", .string, .required)
            .field("body", .string, .required)
            .field("change_seq", .int64, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "number")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "orders_supplier").on("orders").column("supplier_id").run()
        try await sql.create(index: "orders_county").on("orders").column("county_code").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("orders").delete()
    }
}
