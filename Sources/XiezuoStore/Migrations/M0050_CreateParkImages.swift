import FluentKit
import SQLKit

/// A park's pictures (the same rules as a product's: JPEG, PNG or WebP by their bytes, at most 2 MB, with the thumbnail
/// the uploader's browser made), kept beside the park's record rather than inside it.
struct M0050_CreateParkImages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("park_images")
            .id()
            .field("park_id", .uuid, .required, .references("parks", "id"))
            .field("content_type", .string, .required)
            .field("data", .data, .required)
            .field("size", .int64, .required)
            .field("thumbnail", .data)
            .field("thumbnail_type", .string)
            .field("thumbnail_size", .int64)
            .field("created_at", .datetime)
            .create()
        try await (database as! any SQLDatabase).create(index: "park_images_park").on("park_images").column("park_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("park_images").delete()
    }
}
