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

/// The result of a CSV import: what each row would record or why it cannot, and whether anything was written.
struct ImportDTO: Content {
    struct Row: Content {
        var line: Int
        var ok: Bool
        var amount: Int64?
        var countyCode: String?
        var channel: String?
        var error: String?
        var field: String?
    }

    var dryRun: Bool
    /// Some row is of another jurisdiction: the whole import is a refusal (403), not only a bad file (422).
    var refused: Bool
    var written: Int
    var failed: Int
    var rows: [Row]
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

    /// The import result as the API and the page show it.
    func importDTO(_ rows: [ImportRow], dryRun: Bool) -> ImportDTO {
        let failed = rows.filter { $0.error != nil }.count
        return ImportDTO(dryRun: dryRun, refused: rows.contains { $0.error?.kind == .forbidden }, written: dryRun || failed > 0 ? 0 : rows.count, failed: failed, rows: rows.map { row in
            ImportDTO.Row(line: row.line, ok: row.error == nil, amount: row.sale?.amount, countyCode: row.sale?.countyCode,
                          channel: row.sale?.channel.rawValue, error: row.error.map(message(for:)), field: row.error?.field)
        })
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
