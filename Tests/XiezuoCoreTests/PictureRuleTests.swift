import Foundation
import Testing
import XiezuoCore

@Suite("Pictures: the type by the bytes, the size by the header, thumbnails at most 640 px a side")
struct PictureRuleTests {
    /// A JPEG's first segments: SOI, an APP0 segment, then a baseline frame header giving `width` × `height`.
    func jpeg(width: Int, height: Int, marker: UInt8 = 0xC0) -> [UInt8] {
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
            + [0xFF, 0xC4, 0x00, 0x04, 0x00, 0x00]  // a table before the frame, skipped by its length
            + [0xFF, marker, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 0x03]
            + [UInt8](repeating: 0, count: 12)
    }

    func webp(_ chunk: String, _ body: [UInt8]) -> [UInt8] {
        Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBP".utf8) + Array(chunk.utf8) + [0, 0, 0, 0] + body + [UInt8](repeating: 0, count: 16)
    }

    @Test("width and height read from PNG, JPEG (baseline and progressive) and the three kinds of WebP")
    func dimensions() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let png = try Data(contentsOf: root.appendingPathComponent("Sources/XiezuoStore/Resources/DemoPictures/3-1.png"))
        #expect(ProductImageRules.dimensions(of: Array(png)).map { [$0.width, $0.height] } == [480, 360])
        #expect(ProductImageRules.dimensions(of: jpeg(width: 1024, height: 768)).map { [$0.width, $0.height] } == [1024, 768])
        #expect(ProductImageRules.dimensions(of: jpeg(width: 300, height: 200, marker: 0xC2)).map { [$0.width, $0.height] } == [300, 200])
        // VP8: a key frame's start code, then 14-bit width and height.
        let lossy = webp("VP8 ", [0, 0, 0, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01])
        #expect(ProductImageRules.dimensions(of: lossy).map { [$0.width, $0.height] } == [640, 480])
        // VP8L: the signature byte, then 14-bit width − 1 and height − 1 packed.
        let lossless = webp("VP8L", [0x2F, 0x3F, 0xC0, 0x03, 0x00])
        #expect(ProductImageRules.dimensions(of: lossless).map { [$0.width, $0.height] } == [64, 16])
        // VP8X: 24-bit width − 1 and height − 1.
        let extended = webp("VP8X", [0, 0, 0, 0, 0x7F, 0x02, 0x00, 0xDF, 0x01, 0x00])
        #expect(ProductImageRules.dimensions(of: extended).map { [$0.width, $0.height] } == [640, 480])
        #expect(ProductImageRules.dimensions(of: Array("not a picture at all, just text".utf8)) == nil)
    }

    @Test("a thumbnail is refused when its header says it is wider than 640 px, heavier than 200 KB, or it is no picture")
    func thumbnails() {
        #expect((try? ProductImageRules.thumbnailType(of: jpeg(width: 640, height: 480))) == "image/jpeg")
        #expect(throws: DomainError.invalid("thumbnail", "thumbnail_too_wide", ["max": "640"])) {
            try ProductImageRules.thumbnailType(of: jpeg(width: 641, height: 100))
        }
        #expect(throws: DomainError.invalid("thumbnail", "image_too_large", ["max": "200 KB"])) {
            try ProductImageRules.thumbnailType(of: jpeg(width: 100, height: 100) + [UInt8](repeating: 0, count: 210_000))
        }
        #expect(throws: DomainError.invalid("thumbnail", "image_type")) { try ProductImageRules.thumbnailType(of: Array("GIF89a....".utf8)) }
    }
}
