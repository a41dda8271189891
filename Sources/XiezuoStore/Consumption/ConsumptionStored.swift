import Foundation
import XiezuoCore

/// How a ``Product`` is kept in `products.body`: version 1 of the stored shape (see ``StoredShape``).
struct ProductStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var name: String
    var supplierID: UUID
    var supplierName: String
    var countyCode: String
    var brandID: UUID?
    var category: String
    var specification: String
    var unit: String
    var price: Int64
    var stock: Int
    var images: [ProductImageStoredV1]
    var traceabilityCode: String?
    var certification: String
    var history: [CertificationStepStoredV1]
    var description: String?
    var generated: Bool

    init(_ value: Product) {
        v = Self.version
        id = value.id
        name = value.name
        supplierID = value.supplierID
        supplierName = value.supplierName
        countyCode = value.countyCode
        brandID = value.brandID
        category = value.category.rawValue
        specification = value.specification
        unit = value.unit
        price = value.price
        stock = value.stock
        images = value.images.map(ProductImageStoredV1.init)
        traceabilityCode = value.traceabilityCode
        certification = value.certification.rawValue
        history = value.history.map(CertificationStepStoredV1.init)
        description = value.description
        generated = value.generated
    }

    func value(in row: StoredRow) throws -> Product {
        try row.check(version: v, reads: Self.version)
        return Product(id: id, name: name, supplierID: supplierID, supplierName: supplierName, countyCode: countyCode,
                       brandID: brandID,
                       category: try row.choice(category, as: ProductCategory.self, column: "body.category"),
                       specification: specification, unit: unit, price: price, stock: stock,
                       images: try images.map { try $0.value(in: row) }, traceabilityCode: traceabilityCode,
                       certification: try row.choice(certification, as: CertificationStatus.self, column: "body.certification"),
                       history: try history.map { try $0.value(in: row) }, description: description,
                       generated: generated)
    }
}

/// How an ``Order`` is kept in `orders.body`: version 1 of the stored shape (see ``StoredShape``).
struct OrderStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var number: String
    var buyerName: String
    var buyerPhone: String
    var address: String
    var buyerRegion: String
    var lines: [OrderLineStoredV1]
    var status: String
    var placedOn: String
    var history: [OrderEventStoredV1]
    var accountID: UUID?

    init(_ value: Order) {
        v = Self.version
        id = value.id
        number = value.number
        buyerName = value.buyerName
        buyerPhone = value.buyerPhone
        address = value.address
        buyerRegion = value.buyerRegion
        lines = value.lines.map(OrderLineStoredV1.init)
        status = value.status.rawValue
        placedOn = value.placedOn.description
        history = value.history.map(OrderEventStoredV1.init)
        accountID = value.accountID
    }

    func value(in row: StoredRow) throws -> Order {
        try row.check(version: v, reads: Self.version)
        return Order(id: id, number: number, buyerName: buyerName, buyerPhone: buyerPhone, address: address,
                     buyerRegion: buyerRegion, lines: try lines.map { try $0.value(in: row) },
                     status: try row.choice(status, as: OrderStatus.self, column: "body.status"),
                     placedOn: try row.day(placedOn, column: "body.placedOn"),
                     history: try history.map { try $0.value(in: row) }, accountID: accountID)
    }
}

/// How a ``RegionalBrand`` is kept in `regional_brands.body`: version 1 of the stored shape (see ``StoredShape``).
struct RegionalBrandStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var name: String
    var regionCode: String
    var category: String
    var geographicalIndication: Bool
    var description: String?
    var generated: Bool

    init(_ value: RegionalBrand) {
        v = Self.version
        id = value.id
        name = value.name
        regionCode = value.regionCode
        category = value.category.rawValue
        geographicalIndication = value.geographicalIndication
        description = value.description
        generated = value.generated
    }

    func value(in row: StoredRow) throws -> RegionalBrand {
        try row.check(version: v, reads: Self.version)
        return RegionalBrand(id: id, name: name, regionCode: regionCode,
                             category: try row.choice(category, as: ProductCategory.self, column: "body.category"),
                             geographicalIndication: geographicalIndication, description: description,
                             generated: generated)
    }
}

/// How a ``SalesEvent`` is kept in `sales_events.body`: version 1 of the stored shape (see ``StoredShape``).
struct SalesEventStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var kind: String
    var title: String
    var date: String
    var cityCode: String
    var organiser: String
    var supplierIDs: [UUID]
    var platform: String?
    var host: String?
    var session: String?
    var dealsSigned: Int
    var dealsAmount: Int64
    var generated: Bool

    init(_ value: SalesEvent) {
        v = Self.version
        id = value.id
        kind = value.kind.rawValue
        title = value.title
        date = value.date.description
        cityCode = value.cityCode
        organiser = value.organiser
        supplierIDs = value.supplierIDs
        platform = value.platform
        host = value.host
        session = value.session
        dealsSigned = value.dealsSigned
        dealsAmount = value.dealsAmount
        generated = value.generated
    }

    func value(in row: StoredRow) throws -> SalesEvent {
        try row.check(version: v, reads: Self.version)
        return SalesEvent(id: id, kind: try row.choice(kind, as: SalesEventKind.self, column: "body.kind"),
                          title: title, date: try row.day(date, column: "body.date"), cityCode: cityCode,
                          organiser: organiser, supplierIDs: supplierIDs, platform: platform, host: host,
                          session: session, dealsSigned: dealsSigned, dealsAmount: dealsAmount, generated: generated)
    }
}

/// How a ``Procurement`` is kept in `procurements.body`: version 1 of the stored shape (see ``StoredShape``).
struct ProcurementStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var unitName: String
    var regionCode: String
    var year: Int
    var canteenSpending: Int64
    var povertyAreaSpending: Int64

    init(_ value: Procurement) {
        v = Self.version
        id = value.id
        unitName = value.unitName
        regionCode = value.regionCode
        year = value.year
        canteenSpending = value.canteenSpending
        povertyAreaSpending = value.povertyAreaSpending
    }

    func value(in row: StoredRow) throws -> Procurement {
        try row.check(version: v, reads: Self.version)
        return Procurement(id: id, unitName: unitName, regionCode: regionCode, year: year,
                           canteenSpending: canteenSpending, povertyAreaSpending: povertyAreaSpending)
    }
}

/// A ``ProductImage`` inside a stored record.
struct ProductImageStoredV1: Codable, Sendable, Equatable {
    var id: UUID
    var contentType: String
    var size: Int
    var thumbnailSize: Int?

    init(_ value: ProductImage) {
        id = value.id
        contentType = value.contentType
        size = value.size
        thumbnailSize = value.thumbnailSize
    }

    func value(in row: StoredRow) throws -> ProductImage {
        ProductImage(id: id, contentType: contentType, size: size, thumbnailSize: thumbnailSize)
    }
}

/// A ``CertificationStep`` inside a stored record.
struct CertificationStepStoredV1: Codable, Sendable, Equatable {
    var status: String
    var on: String
    var by: String
    var reason: String?

    init(_ value: CertificationStep) {
        status = value.status.rawValue
        on = value.on.description
        by = value.by
        reason = value.reason
    }

    func value(in row: StoredRow) throws -> CertificationStep {
        CertificationStep(status: try row.choice(status, as: CertificationStatus.self, column: "body.status"),
                          on: try row.day(on, column: "body.on"), by: by, reason: reason)
    }
}

/// An ``OrderLine`` inside a stored record.
struct OrderLineStoredV1: Codable, Sendable, Equatable {
    var productID: UUID
    var productName: String
    var supplierID: UUID
    var countyCode: String
    var quantity: Int
    var unitPrice: Int64

    init(_ value: OrderLine) {
        productID = value.productID
        productName = value.productName
        supplierID = value.supplierID
        countyCode = value.countyCode
        quantity = value.quantity
        unitPrice = value.unitPrice
    }

    func value(in row: StoredRow) throws -> OrderLine {
        OrderLine(productID: productID, productName: productName, supplierID: supplierID, countyCode: countyCode,
                  quantity: quantity, unitPrice: unitPrice)
    }
}

/// An ``OrderEvent`` inside a stored record.
struct OrderEventStoredV1: Codable, Sendable, Equatable {
    var status: String
    var on: String
    var by: String

    init(_ value: OrderEvent) {
        status = value.status
        on = value.on.description
        by = value.by
    }

    func value(in row: StoredRow) throws -> OrderEvent {
        OrderEvent(status: status, on: try row.day(on, column: "body.on"), by: by)
    }
}

