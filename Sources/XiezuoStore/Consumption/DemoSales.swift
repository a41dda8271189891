import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// Bulk-generated sales for benchmarks (`xiezuo demo --sales N`): ledger rows of the published demo products over
/// the last three years, every channel but the shop, buyers in the Jiangsu cities; marked `generated` in their
/// source. Their facts and per-product sums are added up in memory and booked once at the end, so ten million rows
/// take minutes, not hours.
public enum DemoSales {
    public static func generate(count: Int, regions: RegionDirectory, on database: any Database, now: Date = Date(),
                                progress: @Sendable (Double) -> Void = { _ in }) async throws -> Int {
        let products = try await ProductModel.query(on: database).filter(\.$certification == CertificationStatus.published.rawValue).all()
            .map { try $0.product() }
        guard !products.isEmpty else { throw DomainError.invalid("products", "no_published_products") }
        let sql = database as! any SQLDatabase
        let cities = ["3201", "3202", "3203", "3204", "3205", "3206", "3207", "3208", "3209", "3210", "3211", "3212", "3213"]
        let channels: [SaleChannel] = [.fair, .livestream, .procurement, .ecommerce, .other]
        let today = Day(now)
        let seq = try await ChangeSequence.next(on: database)
        var pairings: [String: UUID?] = [:]
        for product in products {
            for city in cities {
                for year in (today.year - 2)...today.year {
                    pairings["\(product.countyCode)|\(city)|\(year)"] = try await SalesLedger.pairing(county: product.countyCode, buyer: city, year: year, on: database)
                }
            }
        }
        var random = SeededRandom(seed: 10_000_000)
        var facts: [FactKey: Int64] = [:]
        var sums: [String: (Product, String, Int, Int64, Int64)] = [:]
        let batch = 20_000
        var written = 0
        while written < count {
            let size = min(batch, count - written)
            var rows: [[any SQLExpression]] = []
            rows.reserveCapacity(size)
            for _ in 0..<size {
                let product = products[random.next(products.count)]
                let city = cities[random.next(cities.count)]
                let day = Day(now.addingTimeInterval(-Double(random.next(3 * 365)) * 86_400))
                let channel = channels[random.next(channels.count)]
                let quantity = 1 + random.next(50)
                let amount = product.price * Int64(quantity)
                let pairing = pairings["\(product.countyCode)|\(city)|\(day.year)"] ?? nil
                rows.append([SQLBind(UUID()), SQLBind(day.description), SQLBind(day.monthKey), SQLBind(channel.rawValue), SQLBind(product.id),
                             SQLBind(product.name), SQLBind(product.countyCode), SQLBind(city), SQLBind(amount), SQLBind(Int64(quantity)),
                             SQLBind(pairing), SQLBind("generated"), SQLBind(seq)])
                let sale = Sale(id: UUID(), date: day, channel: channel, productID: product.id, productName: product.name, countyCode: product.countyCode,
                                buyerRegion: city, amount: amount, quantity: quantity, pairingID: pairing, source: nil)
                facts.merge(FactRules.contributions(of: sale), uniquingKeysWith: +)
                let key = "\(product.id)|\(day.year)|\(city)"
                let previous = sums[key]
                sums[key] = (product, city, day.year, (previous?.3 ?? 0) + amount, (previous?.4 ?? 0) + Int64(quantity))
            }
            try await BulkInsert.run(rows, into: "sales", columns: ["id", "date", "month", "channel", "product_id", "product_name", "county_code",
                                                                    "buyer_region", "amount", "quantity", "pairing_id", "source", "change_seq"], on: sql)
            written += size
            progress(Double(written) / Double(max(count, 1)))
        }
        try await FactStore(database: database).book(facts)
        for (_, sum) in sums {
            try await sql.raw("""
                INSERT INTO product_sales (product_key, year, product_id, product_name, county_code, buyer_city, amount, quantity)
                VALUES (\(bind: sum.0.id.uuidString), \(bind: sum.2), \(bind: sum.0.id), \(bind: sum.0.name), \(bind: sum.0.countyCode), \(bind: sum.1),
                        \(bind: sum.3), \(bind: sum.4))
                ON CONFLICT (product_key, year, county_code, buyer_city) DO UPDATE SET amount = product_sales.amount + excluded.amount,
                    quantity = product_sales.quantity + excluded.quantity
                """).run()
        }
        return written
    }
}
