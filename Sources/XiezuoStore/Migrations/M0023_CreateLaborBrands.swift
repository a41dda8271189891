import FluentKit

/// Labour brands (劳务品牌) with their leading units; a brand's name is unique. `worker_brands` links the workers who
/// carry a brand's certificate to it.
struct M0023_CreateLaborBrands: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await RegisterSchemaV1.create("labor_brands", uniqueName: true, on: database)
        try await database.schema("worker_brands")
            .field("worker_id", .uuid, .required, .references("workers", "id"))
            .field("brand_id", .uuid, .required, .references("labor_brands", "id"))
            .compositeIdentifier(over: "worker_id", "brand_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("worker_brands").delete()
        try await database.schema("labor_brands").delete()
    }
}
