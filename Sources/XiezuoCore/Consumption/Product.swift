import Foundation

/// Where a product's certification (扶贫产品认定) stands: the county recognises it, the city reviews, the province
/// re-checks and publishes it; any level may reject it with a reason. Only published products count as certified.
public enum CertificationStatus: String, Sendable, Codable, CaseIterable {
    case applied
    /// 县认定
    case recognised
    /// 市审核
    case reviewed
    /// 省复核
    case rechecked
    case published
    case rejected

    /// The level of staff who take the next step (or reject) from here, by the length of their jurisdiction code.
    public var deciderLevel: RegionLevel? {
        switch self {
        case .applied: return .county
        case .recognised: return .city
        case .reviewed, .rechecked: return .province
        case .published, .rejected: return nil
        }
    }

    /// The status a positive decision leads to.
    public var approved: CertificationStatus? {
        switch self {
        case .applied: return .recognised
        case .recognised: return .reviewed
        case .reviewed: return .rechecked
        case .rechecked: return .published
        case .published, .rejected: return nil
        }
    }
}

/// One decision of the certification workflow.
public struct CertificationStep: Sendable, Codable, Hashable {
    public var status: CertificationStatus
    public var on: Day
    /// Who decided (the account's display name) and why (required for a rejection).
    public var by: String
    public var reason: String?

    public init(status: CertificationStatus, on: Day, by: String, reason: String? = nil) {
        self.status = status
        self.on = on
        self.by = by
        self.reason = reason
    }
}

/// An uploaded product picture (the bytes are stored apart).
public struct ProductImage: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var contentType: String
    public var size: Int
    /// The bytes of its thumbnail (made by the uploader's browser, at most ``ProductImageRules/thumbnailSide`` px a
    /// side), when it has one; lists show the thumbnail, the product's page the picture.
    public var thumbnailSize: Int?

    public init(id: UUID, contentType: String, size: Int, thumbnailSize: Int? = nil) {
        self.id = id
        self.contentType = contentType
        self.size = size
        self.thumbnailSize = thumbnailSize
    }
}

/// A product of a supplier in a Shaanxi county, sold into Jiangsu.
public struct Product: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var name: String
    /// The supplier (an employer record of a Shaanxi county) and its county.
    public var supplierID: UUID
    public var supplierName: String
    public var countyCode: String
    public var brandID: UUID?
    public var category: ProductCategory
    /// e.g. "250 克/袋".
    public var specification: String
    /// The unit sold, e.g. 袋, 箱, 斤.
    public var unit: String
    /// Fen per unit.
    public var price: Int64
    public var stock: Int
    public var images: [ProductImage]
    public var traceabilityCode: String?
    public var certification: CertificationStatus
    public var history: [CertificationStep]
    public var description: String?
    public var generated: Bool

    public init(id: UUID, name: String, supplierID: UUID, supplierName: String, countyCode: String, brandID: UUID?, category: ProductCategory,
                specification: String, unit: String, price: Int64, stock: Int, images: [ProductImage] = [], traceabilityCode: String?,
                certification: CertificationStatus = .applied, history: [CertificationStep] = [], description: String?, generated: Bool = false) {
        self.id = id
        self.name = name
        self.supplierID = supplierID
        self.supplierName = supplierName
        self.countyCode = countyCode
        self.brandID = brandID
        self.category = category
        self.specification = specification
        self.unit = unit
        self.price = price
        self.stock = stock
        self.images = images
        self.traceabilityCode = traceabilityCode
        self.certification = certification
        self.history = history
        self.description = description
        self.generated = generated
    }

    /// Counted as certified (认定产品) only once published.
    public var isCertified: Bool { certification == .published }

    /// A decision by `principal` (named `by`) on `day`: approve (the next status) or reject with a reason. Only staff of
    /// the right level whose jurisdiction covers the product's county may decide (admins at any level).
    public func deciding(approve: Bool, reason: String?, by principal: Principal, name: String, on day: Day) throws(DomainError) -> Product {
        guard let level = certification.deciderLevel, let next = certification.approved else {
            throw .invalid("status", "certification_closed", ["status": certification.rawValue])
        }
        guard Permissions.canCertify(principal, countyCode: countyCode, level: level) else { throw .forbidden }
        var copy = self
        if approve {
            copy.certification = next
            copy.history.append(CertificationStep(status: next, on: day, by: name))
        } else {
            let reason = try Validate.required(reason, field: "reason", max: 500)
            copy.certification = .rejected
            copy.history.append(CertificationStep(status: .rejected, on: day, by: name, reason: reason))
        }
        return copy
    }
}

/// What a supplier or staff submits to list or edit a product.
public struct ProductDraft: Sendable, Codable, Equatable {
    public var name: String?
    public var brandId: UUID?
    public var category: String?
    public var specification: String?
    public var unit: String?
    /// Fen per unit.
    public var price: Int64?
    public var stock: Int?
    public var traceabilityCode: String?
    public var description: String?

    public init(name: String? = nil, brandId: UUID? = nil, category: String? = nil, specification: String? = nil, unit: String? = nil,
                price: Int64? = nil, stock: Int? = nil, traceabilityCode: String? = nil, description: String? = nil) {
        self.name = name
        self.brandId = brandId
        self.category = category
        self.specification = specification
        self.unit = unit
        self.price = price
        self.stock = stock
        self.traceabilityCode = traceabilityCode
        self.description = description
    }

    /// The checked fields applied to `product` (a new one starts applied for certification).
    public func applied(to product: Product, brandKnown: Bool) throws(DomainError) -> Product {
        var copy = product
        copy.name = try IndustryValidate.line(name, field: "name", max: 100)
        if brandId != nil, !brandKnown { throw .invalid("brandId", "unknown_brand") }
        copy.brandID = brandId
        copy.category = try ConsumptionValidate.category(category)
        copy.specification = try IndustryValidate.line(specification, field: "specification", max: 60)
        copy.unit = try IndustryValidate.line(unit, field: "unit", max: 10)
        copy.price = try ConsumptionValidate.price(price, field: "price")
        let stock = try Validate.count(stock, field: "stock")
        guard stock <= 10_000_000 else { throw .invalid("stock", "amount_too_large") }
        copy.stock = stock
        let trace = try Validate.text(traceabilityCode, field: "traceabilityCode", max: 40, required: false)
        if let trace, !trace.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            throw .invalid("traceabilityCode", "traceability_format")
        }
        copy.traceabilityCode = trace
        copy.description = try Validate.text(description, field: "description", max: 2000, required: false)
        return copy
    }
}

/// The picture types and size a product image may have, checked on the bytes themselves.
public enum ProductImageRules {
    public static let maxBytes = 2 * 1024 * 1024

    /// The content type the bytes are (JPEG, PNG or WebP by their signature), or a field error.
    public static func contentType(of bytes: [UInt8]) throws(DomainError) -> String {
        guard !bytes.isEmpty else { throw .invalid("image", "required") }
        guard bytes.count <= maxBytes else { throw .invalid("image", "image_too_large", ["max": "2 MB"]) }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return "image/webp" }
        throw .invalid("image", "image_type")
    }

    /// The largest thumbnail, and its longest side in pixels.
    public static let thumbnailMaxBytes = 200 * 1024
    public static let thumbnailSide = 640

    /// A thumbnail's content type, checked like a picture's and, by the size its header states, no larger than
    /// ``thumbnailSide`` a side and ``thumbnailMaxBytes``.
    public static func thumbnailType(of bytes: [UInt8]) throws(DomainError) -> String {
        guard bytes.count <= thumbnailMaxBytes else { throw .invalid("thumbnail", "image_too_large", ["max": "200 KB"]) }
        let type: String
        do { type = try contentType(of: bytes) } catch { throw .invalid("thumbnail", error.code, error.arguments) }
        guard let (width, height) = dimensions(of: bytes), width > 0, height > 0 else { throw .invalid("thumbnail", "image_type") }
        guard max(width, height) <= thumbnailSide else { throw .invalid("thumbnail", "thumbnail_too_wide", ["max": String(thumbnailSide)]) }
        return type
    }

    /// Width and height as a PNG, JPEG or WebP file's header states them, without decoding the picture; nil when the
    /// header cannot be read.
    public static func dimensions(of bytes: [UInt8]) -> (width: Int, height: Int)? {
        func be16(_ i: Int) -> Int { Int(bytes[i]) << 8 | Int(bytes[i + 1]) }
        func le16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func le24(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2]) << 16 }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), bytes.count >= 24 {
            return (be16(16) << 16 | be16(18), be16(20) << 16 | be16(22))
        }
        if bytes.starts(with: [0xFF, 0xD8]) {
            // Segments up to a start-of-frame marker (SOF0–SOF15 but DHT C4, JPG C8 and DAC CC), which holds the size.
            var i = 2
            while i + 9 < bytes.count {
                guard bytes[i] == 0xFF else { return nil }
                let marker = bytes[i + 1]
                if marker == 0xFF { i += 1; continue }
                if (0xD0...0xD9).contains(marker) || marker == 0x01 { i += 2; continue }
                if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) { return (be16(i + 7), be16(i + 5)) }
                i += 2 + be16(i + 2)
            }
            return nil
        }
        if bytes.count >= 30, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            switch String(decoding: bytes[12..<16], as: UTF8.self) {
            case "VP8 ": return (le16(26) & 0x3FFF, le16(28) & 0x3FFF)
            case "VP8L":
                let b0 = Int(bytes[21]), b1 = Int(bytes[22]), b2 = Int(bytes[23]), b3 = Int(bytes[24])
                return (1 + ((b1 & 0x3F) << 8 | b0), 1 + ((b3 & 0x0F) << 10 | b2 << 2 | (b1 & 0xC0) >> 6))
            case "VP8X": return (1 + le24(24), 1 + le24(27))
            default: return nil
            }
        }
        return nil
    }
}
