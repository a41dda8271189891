import FluentKit

/// Regional public brands (区域公用品牌); a name is unique.
struct M0031_CreateRegionalBrands: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await RegisterSchemaV1.create("regional_brands", uniqueName: true, on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("regional_brands").delete()
    }
}
