import FluentKit
import Foundation
import XiezuoCore

extension RegionalBrand: RegisterRecord {
    typealias Stored = RegionalBrandStoredV1
    static let register = RegisterColumns<Self>(table: "regional_brands", county: { $0.regionCode }, status: { $0.category.rawValue },
                                                name: { $0.name })
}

extension SalesEvent: RegisterRecord {
    typealias Stored = SalesEventStoredV1
    static let register = RegisterColumns<Self>(table: "sales_events", county: { $0.cityCode }, day: { $0.date.description },
                                                status: { $0.kind.rawValue }, name: { $0.title })
}

extension Procurement: RegisterRecord {
    typealias Stored = ProcurementStoredV1
    /// Named uniquely per unit, region and year.
    static let register = RegisterColumns<Self>(
        table: "procurements", county: { $0.regionCode }, day: { String($0.year) },
        status: { $0.meetsFloor.map { $0 ? "meets_floor" : "below_floor" } ?? "no_spending" },
        name: { "\($0.unitName)·\($0.regionCode)·\($0.year)" })
}

/// A row of `products`; `stock` in its column is the count (the body's copy is overwritten on read).
final class ProductModel: Model, @unchecked Sendable {
    static let schema = "products"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "supplier_id") var supplierID: UUID
    @Field(key: "county_code") var countyCode: String
    @OptionalField(key: "brand_id") var brandID: UUID?
    @Field(key: "category") var category: String
    @Field(key: "certification") var certification: String
    @Field(key: "price") var price: Int64
    @Field(key: "stock") var stock: Int64
    @Field(key: "body") var body: StoredBody<ProductStoredV1>
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func product() throws -> Product {
        var product = try body.value(in: StoredRow(Self.schema, id: id))
        product.stock = Int(stock)
        return product
    }

    func apply(_ product: Product, seq: Int64) throws {
        id = product.id
        name = product.name
        supplierID = product.supplierID
        countyCode = product.countyCode
        brandID = product.brandID
        category = product.category.rawValue
        certification = product.certification.rawValue
        price = product.price
        stock = Int64(product.stock)
        body = StoredBody(ProductStoredV1(product))
        changeSeq = seq
    }
}

/// A row of `orders`: the buyer's phone sealed and masked, the access key's digest, the rest in `body`.
final class OrderModel: Model, @unchecked Sendable {
    static let schema = "orders"

    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: String
    @Field(key: "supplier_id") var supplierID: UUID
    @Field(key: "county_code") var countyCode: String
    @Field(key: "buyer_region") var buyerRegion: String
    @OptionalField(key: "account_id") var accountID: UUID?
    @Field(key: "status") var status: String
    @Field(key: "placed_on") var placedOn: String
    @Field(key: "total") var total: Int64
    @Field(key: "phone_sealed") var phoneSealed: String
    @Field(key: "phone_masked") var phoneMasked: String
    @Field(key: "key_hash") var keyHash: String
    @Field(key: "body") var body: StoredBody<OrderStoredV1>
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    /// The order with the phone masked.
    func order() throws -> Order {
        var order = try body.value(in: StoredRow(Self.schema, id: id))
        order.buyerPhone = phoneMasked
        return order
    }

    func apply(_ order: Order, supplierID: UUID, countyCode: String, seq: Int64) throws {
        var stored = order
        stored.buyerPhone = phoneMasked
        id = order.id
        number = order.number
        self.supplierID = supplierID
        self.countyCode = countyCode
        buyerRegion = order.buyerRegion
        accountID = order.accountID
        status = order.status.rawValue
        placedOn = order.placedOn.description
        total = order.total
        body = StoredBody(OrderStoredV1(stored))
        changeSeq = seq
    }
}
