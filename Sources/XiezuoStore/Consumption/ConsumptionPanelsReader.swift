import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// The consumption-assistance panels of a year and region: sales by channel, by child region and by month, and the
/// top products. Read from the facts and the per-product sums, never from the ledger, so their cost does not grow
/// with it.
public struct ConsumptionPanels: Sendable, Codable, Equatable {
    /// A product's yearly sales.
    public struct TopProduct: Sendable, Codable, Equatable {
        public var productID: UUID?
        public var name: String
        public var amount: Int64
        public var quantity: Int64
    }

    public var year: Int
    public var region: String
    public var total: Int64
    public var byChannel: [String: Int64]
    /// The region's children (cities of a province, counties of a city) and their sales.
    public var byRegion: [String: Int64]
    /// January … December.
    public var byMonth: [Int64]
    public var topProducts: [TopProduct]
}

/// Reads the panels.
public struct ConsumptionPanelsReader: Sendable {
    let database: any Database
    let regions: RegionDirectory

    /// Creates a reader over `database`.
    public init(database: any Database, regions: RegionDirectory) {
        self.database = database
        self.regions = regions
    }

    /// The panels of `year` for `region` (a province, city or county; the sales are counted where the product comes
    /// from, and for a Jiangsu region where the buyer is — the facts' roll-up of a pairing's sides).
    public func panels(year: Int, region: String, topCount: Int = 10) async throws -> ConsumptionPanels {
        let facts = FactStore(database: database)
        let (sums, trend) = try await facts.year(year, region: region, pairing: nil, trendOf: IndicatorCatalogue.consumptionSales)
        let children = regions.children(of: region).filter { $0.level != .township }.map(\.code)
        let byRegion = try await facts.byRegion(IndicatorCatalogue.consumptionSales, regions: children, year: year)
        var byChannel: [String: Int64] = [:]
        for channel in SaleChannel.allCases { byChannel[channel.rawValue] = sums[channel.indicator] ?? 0 }
        let sql = database as! any SQLDatabase
        // Products by where they come from for a Shaanxi region; by the buyer's city for any other.
        let prefix = (region.hasPrefix("61") ? region : String(region.prefix(4))) + "%"
        let rows = try await sql.raw("""
            SELECT product_key, MAX(product_name) AS name, CAST(SUM(amount) AS BIGINT) AS amount, CAST(SUM(quantity) AS BIGINT) AS quantity
            FROM product_sales WHERE year = \(bind: year) AND \(ident: region.hasPrefix("61") ? "county_code" : "buyer_city") LIKE \(bind: prefix)
            GROUP BY product_key ORDER BY amount DESC, product_key LIMIT \(bind: topCount)
            """).all()
        let top = try rows.map { row in
            let key = try row.decode(column: "product_key", as: String.self)
            return ConsumptionPanels.TopProduct(productID: UUID(uuidString: key), name: try row.decode(column: "name", as: String.self),
                                                amount: try row.decode(column: "amount", as: Int64.self),
                                                quantity: try row.decode(column: "quantity", as: Int64.self))
        }
        return ConsumptionPanels(year: year, region: region, total: sums[IndicatorCatalogue.consumptionSales] ?? 0, byChannel: byChannel,
                                 byRegion: byRegion, byMonth: trend, topProducts: top)
    }
}
