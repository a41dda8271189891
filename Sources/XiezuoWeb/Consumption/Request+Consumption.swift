import Vapor
import XiezuoCore
import XiezuoStore

extension Product: Content {}
extension RegionalBrand: Content {}
extension SalesEvent: Content {}
extension Procurement: Content {}
extension Order: Content {}
extension Sale: Content {}
extension ConsumptionPanels: Content {}

/// A placed order with the key its buyer reads it by (shown once).
struct PlacedOrderDTO: Content {
    var order: Order
    var key: String
}

/// A procurement line with its share.
struct ProcurementDTO: Content {
    var procurement: Procurement
    var shareBasisPoints: Int?
    var meetsFloor: Bool?
}

extension Request {
    var products: ProductRepository { ProductRepository(database: db, clock: services.clock) }
    var orders: OrderRepository {
        OrderRepository(database: db, regions: services.regions, cipher: services.cipher, holdMinutes: services.settings.orderHoldMinutes, clock: services.clock)
    }
    var salesLedger: SalesLedger { SalesLedger(database: db, regions: services.regions, clock: services.clock) }
    var consumption: ConsumptionRegisters { ConsumptionRegisters(database: db, regions: services.regions, clock: services.clock) }
    var consumptionPanels: ConsumptionPanelsReader { ConsumptionPanelsReader(database: db, regions: services.regions) }

    /// The catalogue's filters from the query string.
    func productFilter(publishedOnly: Bool = true) throws -> ProductFilter {
        var filter = ProductFilter(search: try queryText("q", max: 50), region: try queryRegion(), publishedOnly: publishedOnly)
        if let brand = try queryText("brand", max: 40) {
            guard let id = UUID(uuidString: brand) else { throw DomainError.invalid("brand", "wrong_type") }
            filter.brandID = id
        }
        filter.category = try queryChoice("category", as: ProductCategory.self)
        return filter
    }
}

extension ProductImage {
    /// Where a product's picture is served; `thumbnail` for lists (the picture itself when it has none).
    static func url(_ image: ProductImage, of product: UUID, thumbnail: Bool = false) -> String {
        "/products/\(product)/images/\(image.id)" + (thumbnail && image.thumbnailSize != nil ? "?size=thumb" : "")
    }
}

extension Response {
    /// A stored picture (a product's or a park's): its checked type, cached for a day, never sniffed as anything else.
    static func picture(_ type: String, _ data: Data) -> Response {
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: type)
        headers.add(name: .cacheControl, value: "public, max-age=86400")
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
