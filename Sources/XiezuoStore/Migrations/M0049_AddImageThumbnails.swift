import FluentKit

/// A product picture's thumbnail (at most 640 px a side, made by the uploader's browser), which lists show instead of
/// the picture.
struct M0049_AddImageThumbnails: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite alters a table one column at a time.
        try await database.schema("product_images").field("thumbnail", .data).update()
        try await database.schema("product_images").field("thumbnail_type", .string).update()
    }

    func revert(on database: any Database) async throws {
        for column in ["thumbnail_type", "thumbnail"] {
            try await database.schema("product_images").deleteField(.string(column)).update()
        }
    }
}
