import Foundation
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Pictures of products and parks, with their thumbnails, on both databases")
struct PictureTests {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func picture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent("Sources/XiezuoStore/Resources/DemoPictures/\(name).png")))
    }

    @Test("a product's picture with its thumbnail: both stored, each served as asked; a thumbnail too wide stores nothing", arguments: TestDatabase.all)
    func products(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = try await t.principal("zhashui-officer")
            let product = try await t.publishedProduct()
            let (full, small) = (try picture("1-1"), try picture("1-0"))
            var wide = small
            wide.replaceSubrange(16..<20, with: [0, 0, 0x03, 0x00])  // says 768 px wide
            await #expect(throws: DomainError.invalid("thumbnail", "thumbnail_too_wide", ["max": "640"])) {
                _ = try await t.products.addImage(full, thumbnail: wide, to: product.id, by: officer)
            }
            #expect(try await t.count("product_images") == 0)
            let image = try #require(try await t.products.addImage(full, thumbnail: small, to: product.id, by: officer).images.last)
            #expect(image.size == full.count && image.thumbnailSize == small.count)
            #expect(try await t.products.image(image.id, of: product.id, thumbnail: true).1 == Data(small))
            #expect(try await t.products.image(image.id, of: product.id).1 == Data(full))
            // Without a thumbnail, asking for one serves the picture.
            let plain = try #require(try await t.products.addImage(full, to: product.id, by: officer).images.last)
            #expect(plain.thumbnailSize == nil)
            let served = try await t.products.image(plain.id, of: product.id, thumbnail: true).1
            #expect(served == Data(full))
        }
    }

    @Test("a park's pictures: its county's staff add up to six, the public reads them, a park with pictures can still be removed",
          arguments: TestDatabase.all)
    func parks(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = try await t.principal("zhashui-officer")
            let park = try await t.parks.create(samplePark("柞水图片园区", county: "611026", partner: "320118", form: "park_in_zone"), by: officer)
            let (full, small) = (try picture("2-1"), try picture("2-0"))
            await #expect(throws: DomainError.notFound("park")) {
                _ = try await t.parks.addImage(full, to: park.id, by: try await t.principal("fuping-officer"))
            }
            await #expect(throws: DomainError.invalid("image", "image_type")) {
                _ = try await t.parks.addImage(Array("GIF89a".utf8), to: park.id, by: officer)
            }
            let first = try await t.parks.addImage(full, thumbnail: small, to: park.id, by: officer)
            for _ in 0..<5 { _ = try await t.parks.addImage(full, to: park.id, by: officer) }
            await #expect(throws: DomainError.invalid("image", "too_many", ["max": "6"])) {
                _ = try await t.parks.addImage(full, to: park.id, by: officer)
            }
            let images = try await t.parks.images(of: park.id)
            #expect(images.count == 6 && images.first?.id == first.id && images.first?.thumbnailSize == small.count)
            #expect(try await t.parks.image(first.id, of: park.id, thumbnail: true) == ("image/png", Data(small)))
            #expect(try await t.parks.image(first.id, of: park.id).1 == Data(full))
            await #expect(throws: DomainError.notFound("image")) { _ = try await t.parks.image(first.id, of: UUID()) }
            let entries = try await t.audit.list(AuditFilter(entity: "park", action: "add_image"), by: try await t.principal("admin")).items
            #expect(entries.count == 6)
            try await t.parks.delete(park.id, by: officer)
            #expect(try await t.count("park_images") == 0)
        }
    }
}
