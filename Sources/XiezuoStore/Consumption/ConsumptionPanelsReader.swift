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
        // A county's panel is the county itself (its townships are not where sales are counted), so the regions'
        // sum is the total at every level.
        let below = regions.children(of: region).filter { $0.level != .township }.map(\.code)
        let children = below.isEmpty ? [region] : below
        var byRegion = try await facts.byRegion(IndicatorCatalogue.consumptionSales, regions: children, year: year)
        let total = sums[IndicatorCatalogue.consumptionSales] ?? 0
        // A Jiangsu city's pairings at city level credit the city itself, not one of its districts: that part is the
        // city's own row, so the rows still add up to the total.
        let own = total - byRegion.values.reduce(0, +)
        if own != 0, !children.contains(region) { byRegion[region] = own }
        var byChannel: [String: Int64] = [:]
        for channel in SaleChannel.allCases { byChannel[channel.rawValue] = sums[channel.indicator] ?? 0 }
        let sql = database as! any SQLDatabase
        let rows: [any SQLRow]
        if region.hasPrefix("61") {
            // Products by where they come from, from the yearly sums.
            rows = try await sql.raw("""
                SELECT product_key, MAX(product_name) AS name, CAST(SUM(amount) AS BIGINT) AS amount, CAST(SUM(quantity) AS BIGINT) AS quantity
                FROM product_sales WHERE year = \(bind: year) AND county_code LIKE \(bind: region + "%")
                GROUP BY product_key ORDER BY amount DESC, product_key LIMIT \(bind: topCount)
                """).all()
        } else {
            // A Jiangsu region is credited with the sales of the pairings on its side, as its total is: the same sales.
            let pairings = try await PairingModel.query(on: database).all().filter { $0.eastCode.hasPrefix(region) }.compactMap(\.id)
            rows = pairings.isEmpty ? [] : try await sql.raw("""
                SELECT COALESCE(\(raw: Self.text("product_id", on: sql)), product_name) AS product_key, MAX(product_name) AS name,
                       CAST(SUM(amount) AS BIGINT) AS amount,
                       CAST(SUM(CASE WHEN amount < 0 THEN -quantity ELSE quantity END) AS BIGINT) AS quantity
                FROM sales WHERE month >= \(bind: year * 100 + 1) AND month <= \(bind: year * 100 + 12) AND pairing_id IN (\(binds: pairings))
                GROUP BY 1 ORDER BY amount DESC, 1 LIMIT \(bind: topCount)
                """).all()
        }
        let top = try rows.map { row in
            let key = try row.decode(column: "product_key", as: String.self)
            return ConsumptionPanels.TopProduct(productID: UUID(uuidString: key), name: try row.decode(column: "name", as: String.self),
                                                amount: try row.decode(column: "amount", as: Int64.self),
                                                quantity: try row.decode(column: "quantity", as: Int64.self))
        }
        return ConsumptionPanels(year: year, region: region, total: total, byChannel: byChannel,
                                 byRegion: byRegion, byMonth: trend, topProducts: top)
    }

    /// A UUID column as text on either database.
    static func text(_ column: String, on sql: any SQLDatabase) -> String {
        sql.dialect.name == "postgresql" ? "CAST(\(column) AS TEXT)" : column
    }
}
