import FluentKit
import Foundation
import SQLKit
import XiezuoCore

extension ParkRepository {
    /// The most pictures a park shows.
    public static let maxImages = 6

    /// Adds a picture to a park (staff who may edit the park), with the thumbnail the uploader's browser made if any;
    /// the rules are a product picture's (``ProductImageRules``).
    public func addImage(_ bytes: [UInt8], thumbnail: [UInt8]? = nil, to id: UUID, by principal: Principal) async throws -> ProductImage {
        try await database.writeTransaction { tx in
            _ = try await ChangeSequence.next(on: tx)
            guard let park = try await ParkModel.find(id, on: tx)?.park(),
                  Permissions.canEditIndustry(principal, countyCode: park.countyCode) else { throw DomainError.notFound("park") }
            let contentType = try ProductImageRules.contentType(of: bytes)
            let thumbnailType = try thumbnail.map { bytes throws(DomainError) in try ProductImageRules.thumbnailType(of: bytes) }
            let sql = tx as! any SQLDatabase
            let count = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("park_images")
                .where("park_id", .equal, SQLBind(id)).first()?.decode(column: "n", as: Int.self) ?? 0
            guard count < Self.maxImages else { throw DomainError.invalid("image", "too_many", ["max": String(Self.maxImages)]) }
            let image = ProductImage(id: UUID(), contentType: contentType, size: bytes.count, thumbnailSize: thumbnail?.count)
            try await sql.insert(into: "park_images")
                .columns("id", "park_id", "content_type", "data", "size", "thumbnail", "thumbnail_type", "thumbnail_size", "created_at")
                .values(SQLBind(image.id), SQLBind(id), SQLBind(contentType), SQLBind(Data(bytes)), SQLBind(Int64(bytes.count)),
                        SQLBind(thumbnail.map { Data($0) }), SQLBind(thumbnailType), SQLBind(thumbnail.map { Int64($0.count) }), SQLBind(Date()))
                .run()
            try await AuditRecorder.record(on: tx, by: principal, action: "add_image", entity: "park", entityID: id.uuidString,
                                           regionCode: park.countyCode, before: Optional<ProductImage>.none, after: image)
            return image
        }
    }

    /// A park's pictures, oldest first (public, like the park).
    public func images(of id: UUID) async throws -> [ProductImage] {
        try await (database as! any SQLDatabase).select().columns("id", "content_type", "size", "thumbnail_size").from("park_images")
            .where("park_id", .equal, SQLBind(id)).orderBy("created_at").orderBy("id").all().map { row in
                ProductImage(id: try row.decode(column: "id", as: UUID.self), contentType: try row.decode(column: "content_type", as: String.self),
                             size: Int(try row.decode(column: "size", as: Int64.self)),
                             thumbnailSize: try row.decode(column: "thumbnail_size", as: Int64?.self).map(Int.init))
            }
    }

    /// A park picture's bytes and type; its thumbnail instead when asked for and there is one.
    public func image(_ imageID: UUID, of parkID: UUID, thumbnail: Bool = false) async throws -> (String, Data) {
        guard let row = try await (database as! any SQLDatabase).select()
            .columns("content_type", "data", "thumbnail_type", "thumbnail").from("park_images")
            .where("id", .equal, SQLBind(imageID)).where("park_id", .equal, SQLBind(parkID)).first() else { throw DomainError.notFound("image") }
        if thumbnail, let type = try row.decode(column: "thumbnail_type", as: String?.self),
           let data = try row.decode(column: "thumbnail", as: Data?.self) {
            return (type, data)
        }
        return (try row.decode(column: "content_type", as: String.self), try row.decode(column: "data", as: Data.self))
    }
}
