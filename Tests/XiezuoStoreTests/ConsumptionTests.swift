import Foundation
import SQLKit
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Consumption assistance: certification, the shop, the sales ledger and its facts")
struct ConsumptionTests {
    let today = Day(Date())

    func order(_ product: Product, quantity: Int = 1, region: String = "320118") -> OrderDraft {
        OrderDraft(buyerName: "张三", buyerPhone: "13812345678", address: "南京市高淳区某路1号", buyerRegion: region,
                   items: [.init(productId: product.id, quantity: quantity)])
    }

    @Test("certification: the county recognises, the city reviews, the province re-checks and publishes; each only at its level and place",
          arguments: TestDatabase.all)
    func certification(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let county = try await t.principal("zhashui-officer")
            let city = try await t.principal("shangluo-officer")
            let province = try await t.principal("shaanxi-coordinator")
            let fuping = try await t.principal("fuping-officer")
            let supplier = try await t.employers.create(EmployerDraft(creditCode: CreditCode.completing("93611026000000077")!, name: "柞水合作社",
                                                                      regionCode: "611026", industry: "农产品", contactName: "王",
                                                                      contactPhone: "13912345678"), by: admin)
            let product = try await t.products.create(ProductDraft(name: "柞水黑木耳", category: "edible_fungi", specification: "250克/袋", unit: "袋",
                                                                   price: 3_900, stock: 10), supplier: supplier.id, by: county)
            #expect(product.certification == .applied)
            // Not public until published.
            await #expect(throws: DomainError.notFound("product")) { _ = try await t.products.get(product.id) }
            await #expect(throws: DomainError.forbidden) { _ = try await t.products.decide(product.id, approve: true, by: city) }
            await #expect(throws: DomainError.notFound("product")) { _ = try await t.products.decide(product.id, approve: true, by: fuping) }
            #expect(try await t.products.decide(product.id, approve: true, by: county).certification == .recognised)
            await #expect(throws: DomainError.forbidden) { _ = try await t.products.decide(product.id, approve: true, by: county) }
            #expect(try await t.products.awaitingDecision(by: city).map(\.id) == [product.id])
            #expect(try await t.products.awaitingDecision(by: county).isEmpty)
            #expect(try await t.products.decide(product.id, approve: true, by: city).certification == .reviewed)
            #expect(try await t.products.decide(product.id, approve: true, by: province).certification == .rechecked)
            let published = try await t.products.decide(product.id, approve: true, by: province)
            #expect(published.isCertified && published.history.map(\.status) == [.applied, .recognised, .reviewed, .rechecked, .published])
            #expect(try await t.products.list(ProductFilter(search: "木耳")).items.map(\.id) == [product.id])
            #expect(try await t.products.list(ProductFilter(search: "耳", region: "6110")).total == 1)
            #expect(try await t.products.list(ProductFilter(search: "耳", region: "6105")).total == 0)
            // A change of what it is sends it back to the county; a rejection needs a reason.
            var draft = ProductDraft(name: "柞水木耳", category: "edible_fungi", specification: "250克/袋", unit: "袋", price: 3_900, stock: 10)
            #expect(try await t.products.update(product.id, with: draft, by: county).certification == .applied)
            await #expect(throws: DomainError.invalid("reason", "required")) { _ = try await t.products.decide(product.id, approve: false, by: county) }
            let rejected = try await t.products.decide(product.id, approve: false, reason: "检测报告缺失", by: county)
            #expect(rejected.certification == .rejected && rejected.history.last?.reason == "检测报告缺失")
            await #expect(throws: DomainError.invalid("status", "certification_closed", ["status": "rejected"])) {
                _ = try await t.products.decide(product.id, approve: true, by: province)
            }
            draft.price = 0
            await #expect(throws: DomainError.invalid("price", "must_be_positive")) { _ = try await t.products.update(product.id, with: draft, by: county) }
        }
    }

    @Test("50 concurrent orders for a product with 10 in stock: exactly 10 succeed, the rest are refused, the stock ends at 0",
          arguments: TestDatabase.all)
    func noOverselling(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let product = try await t.publishedProduct(stock: 10)
            let orders = t.orders
            let draft = order(product)
            // Each order either succeeds or is refused for the stock; nothing else may happen.
            let results = await withTaskGroup(of: String.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        do {
                            _ = try await orders.place(draft, by: .anonymous)
                            return "placed"
                        } catch {
                            return (error as? DomainError)?.code ?? String(reflecting: error)
                        }
                    }
                }
                var outcome: [String] = []
                for await result in group { outcome.append(result) }
                return outcome
            }
            #expect(results.filter { $0 == "placed" }.count == 10)
            #expect(results.filter { $0 == "out_of_stock" }.count == 40, "\(Set(results))")
            #expect(try await t.count("orders") == 10)
            #expect(try await t.products.get(product.id).stock == 0)
        }
    }

    @Test("a paid order books its sales by channel and pairing; a refund reverses them; a cancellation returns the stock",
          arguments: TestDatabase.all)
    func ordersAndFacts(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let gaochun = try await t.pairing("320118", "611026")
            let product = try await t.publishedProduct(price: 3_900, stock: 20)
            let placed = try await t.orders.place(order(product, quantity: 3), by: .anonymous)
            #expect(placed.order.buyerPhone == "138****5678" && placed.order.total == 11_700)
            #expect(try await t.products.get(product.id).stock == 17)
            // The buyer reads it with the key only; the supplier's side runs it.
            await #expect(throws: DomainError.notFound("order")) { _ = try await t.orders.get(placed.order.id, by: .anonymous) }
            await #expect(throws: DomainError.notFound("order")) { _ = try await t.orders.get(placed.order.id, key: "wrong", by: .anonymous) }
            #expect(try await t.orders.get(placed.order.id, key: placed.key, by: .anonymous).number == placed.order.number)
            await #expect(throws: DomainError.forbidden) { _ = try await t.orders.move(placed.order.id, to: .paid, key: placed.key, by: .anonymous) }
            let county = try await t.principal("zhashui-officer")
            _ = try await t.orders.move(placed.order.id, to: .paid, by: county)
            for region in ["611026", "61", "320118", "32"] {
                #expect(try await t.actual(region, "consumption_sales") == 11_700, "\(region)")
                #expect(try await t.actual(region, "consumption_sales_shop") == 11_700, "\(region)")
            }
            let pairing = try await t.dashboards.pairing(gaochun.id, year: today.year, by: try await t.principal("admin"), today: today)
            #expect(pairing.figures.first { $0.code == "consumption_sales" }?.actual == 11_700)
            let panels = try await t.panels.panels(year: today.year, region: "61")
            #expect(panels.byChannel["shop"] == 11_700 && panels.topProducts.first?.name == product.name && panels.byRegion["6110"] == 11_700)
            #expect(try await t.panels.panels(year: today.year, region: "3201").topProducts.first?.amount == 11_700)
            _ = try await t.orders.move(placed.order.id, to: .shipped, by: county)
            _ = try await t.orders.move(placed.order.id, to: .received, key: placed.key, by: .anonymous)
            await #expect(throws: DomainError.invalid("status", "illegal_order_move", ["from": "received", "to": "shipped"])) {
                _ = try await t.orders.move(placed.order.id, to: .shipped, by: county)
            }
            _ = try await t.orders.move(placed.order.id, to: .refunded, by: county)
            #expect(try await t.actual("611026", "consumption_sales") == 0)
            #expect(try await t.actual("611026", "consumption_sales_shop") == 0)
            #expect(try await t.panels.panels(year: today.year, region: "61").topProducts.first?.amount == 0)
            // A placed order cancelled by its buyer gives the stock back and books nothing.
            let second = try await t.orders.place(order(product, quantity: 5), by: .anonymous)
            #expect(try await t.products.get(product.id).stock == 12)
            _ = try await t.orders.move(second.order.id, to: .cancelled, key: second.key, by: .anonymous)
            #expect(try await t.products.get(product.id).stock == 17)
            let before = try await t.facts.snapshot()
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == before)
            // Personal data: the phone is sealed at rest.
            let sql = t.app.db as! any SQLDatabase
            let row = try #require(try await sql.raw("SELECT * FROM orders").first())
            for column in ["phone_sealed", "phone_masked", "body"] {
                #expect(!(try row.decode(column: column, as: String.self)).contains("13812345678"), "\(column)")
            }
        }
    }

    @Test("a CSV import: every row checked and reported; nothing written when any row fails; a dry run writes nothing",
          arguments: TestDatabase.all)
    func csvImport(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let staff = try await t.principal("zhashui-officer")
            let product = try await t.publishedProduct()
            let header = "date,channel,product_id,product_name,county_code,buyer_region,amount_yuan,quantity\n"
            let good = "\(today),fair,\(product.id),,,3201,1200.50,30\n\(today),livestream,,柞水木耳礼盒,611026,3205,800,10\n"
            let bad = "\(today),shop,,x,611026,3201,10,1\n2030-01-01,fair,,x,611026,3201,10,1\n\(today),fair,,x,610528,3201,10,1\n\(today),fair,,x,611026,3201,abc,1\n"
            var rows = try await t.sales.importCSV("\u{FEFF}" + header + good + bad, dryRun: false, by: staff)
            #expect(rows.count == 6)
            #expect(rows.map { $0.error?.code } == [nil, nil, "shop_sales_from_orders", "in_future", "outside_jurisdiction", "wrong_type"])
            #expect(rows[3].line == 5)
            #expect(try await t.count("sales") == 0)
            #expect(try await t.actual("611026", "consumption_sales") == 0)
            let sequence = try await ChangeSequence.current(on: t.app.db)
            rows = try await t.sales.importCSV(header + good, dryRun: true, by: staff)
            #expect(try await ChangeSequence.current(on: t.app.db) == sequence)
            #expect(rows.allSatisfy { $0.error == nil })
            #expect(try await t.count("sales") == 0)
            rows = try await t.sales.importCSV(header + good, dryRun: false, by: staff)
            #expect(try await t.count("sales") == 2)
            #expect(try await t.actual("611026", "consumption_sales") == 200_050)
            #expect(try await t.actual("611026", "consumption_sales_livestream") == 80_000)
            await #expect(throws: DomainError.invalid("file", "missing_column", ["column": "amount_yuan"])) {
                _ = try await t.sales.importCSV("date,channel,buyer_region\n", dryRun: true, by: staff)
            }
            let before = try await t.facts.snapshot()
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == before)
        }
    }

    @Test("procurement: the share against the 10% floor, a unit with no canteen spending has none; one row per unit and year",
          arguments: TestDatabase.all)
    func procurement(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let jiangsu = try await t.principal("jiangsu-coordinator")
            let year = today.year
            _ = try await t.consumption.saveProcurement(ProcurementDraft(unitName: "南京市某局", regionCode: "3201", year: year,
                                                                         canteenSpending: 1_000_000, povertyAreaSpending: 120_000), by: jiangsu)
            _ = try await t.consumption.saveProcurement(ProcurementDraft(unitName: "苏州市某局", regionCode: "3205", year: year,
                                                                         canteenSpending: 1_000_000, povertyAreaSpending: 99_999), by: jiangsu)
            _ = try await t.consumption.saveProcurement(ProcurementDraft(unitName: "无锡市某所", regionCode: "3202", year: year,
                                                                         canteenSpending: 0, povertyAreaSpending: 0), by: jiangsu)
            await #expect(throws: DomainError.invalid("povertyAreaSpending", "part_exceeds_whole")) {
                _ = try await t.consumption.saveProcurement(ProcurementDraft(unitName: "x", regionCode: "3201", year: year, canteenSpending: 1,
                                                                             povertyAreaSpending: 2), by: jiangsu)
            }
            await #expect(throws: DomainError(.conflict, code: "procurement_exists", field: "unitName")) {
                _ = try await t.consumption.saveProcurement(ProcurementDraft(unitName: "南京市某局", regionCode: "3201", year: year,
                                                                             canteenSpending: 5, povertyAreaSpending: 1), by: jiangsu)
            }
            await #expect(throws: DomainError.forbidden) {
                _ = try await t.consumption.saveProcurement(ProcurementDraft(unitName: "x", regionCode: "3201", year: year, canteenSpending: 5,
                                                                             povertyAreaSpending: 1), by: try await t.principal("zhashui-officer"))
            }
            let units = try await t.consumption.procurements(year: year, by: jiangsu)
            #expect(units.map(\.unitName) == ["苏州市某局", "南京市某局", "无锡市某所"])
            #expect(units.map(\.shareBasisPoints) == [999, 1_200, nil])
            #expect(units.map(\.meetsFloor) == [false, true, nil])
            #expect(try await t.consumption.procurements(year: year, by: try await t.principal("shaanxi-coordinator")).isEmpty)
        }
    }

    @Test("pictures: JPEG, PNG or WebP by their bytes, at most 2 MB; anything else refused and nothing stored", arguments: TestDatabase.all)
    func images(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let product = try await t.publishedProduct()
            let admin = try await t.principal("admin")
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 100)
            await #expect(throws: DomainError.invalid("image", "image_type")) { _ = try await t.products.addImage(Array("<svg/>".utf8), to: product.id, by: admin) }
            await #expect(throws: DomainError.invalid("image", "image_too_large", ["max": "2 MB"])) {
                _ = try await t.products.addImage([0xFF, 0xD8, 0xFF] + Array(repeating: 0, count: 2 * 1024 * 1024), to: product.id, by: admin)
            }
            await #expect(throws: DomainError.notFound("product")) {
                _ = try await t.products.addImage(png, to: product.id, by: try await t.principal("fuping-officer"))
            }
            #expect(try await t.count("product_images") == 0)
            let updated = try await t.products.addImage(png, to: product.id, by: admin)
            let (type, data) = try await t.products.image(updated.images[0].id, of: product.id)
            #expect(type == "image/png" && Array(data) == png)
        }
    }

    @Test("the demo set and bulk-generated sales: the facts equal a rebuild, the panels equal the ledger's sums", arguments: TestDatabase.all)
    func demoAndBulkSales(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let report = try await DemoConsumption.generate(regions: t.regions, cipher: t.app.xiezuo.cipher, on: t.app.db)
            #expect(report.brands == 7 && report.products == 63 && report.orders == 60 && report.procurements == 6)
            // More than 50 published, as the letter's "products promoted" asks of the demo.
            #expect(try await t.count("products") == 63)
            #expect(try await (t.app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM products WHERE certification = 'published'").first()?
                .decode(column: "n", as: Int.self) ?? 0 > 50)
            let names = try await t.consumption.brands().items.map(\.name)
            #expect(["紫阳富硒茶", "周至猕猴桃", "横山羊肉"].allSatisfy(names.contains))
            #expect(try await DemoSales.generate(count: 3_000, regions: t.regions, on: t.app.db) == 3_000)
            let before = try await t.facts.snapshot()
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == before)
            let panels = try await t.panels.panels(year: today.year, region: "61")
            let sql = t.app.db as! any SQLDatabase
            let row = try #require(try await sql.raw("""
                SELECT CAST(SUM(amount) AS BIGINT) AS total FROM sales WHERE month BETWEEN \(bind: today.year * 100 + 1) AND \(bind: today.year * 100 + 12)
                """).first())
            #expect(panels.total == (try row.decode(column: "total", as: Int64.self)))
            #expect(panels.total == panels.byChannel.values.reduce(0, +) && panels.total == panels.byMonth.reduce(0, +))
            #expect(panels.total == panels.byRegion.values.reduce(0, +))
            let top = try #require(try await sql.raw("""
                SELECT product_name, CAST(SUM(amount) AS BIGINT) AS total FROM sales WHERE month BETWEEN \(bind: today.year * 100 + 1) AND \(bind: today.year * 100 + 12)
                GROUP BY product_name ORDER BY total DESC LIMIT 1
                """).first())
            #expect(panels.topProducts.first?.name == (try top.decode(column: "product_name", as: String.self)))
            #expect(panels.topProducts.first?.amount == (try top.decode(column: "total", as: Int64.self)))
            // Every panel of every level adds up to its total: the province, a city, a county (its own row: townships
            // are not where sales count), and the Jiangsu side by the buyer's region.
            for region in ["61", "6110", "611026", "610924", "32", "3201"] {
                let panels = try await t.panels.panels(year: today.year, region: region)
                #expect(panels.byChannel.values.reduce(0, +) == panels.total, "\(region) by channel")
                #expect(panels.byMonth.reduce(0, +) == panels.total, "\(region) by month")
                #expect(panels.byRegion.values.reduce(0, +) == panels.total, "\(region) by region: \(panels.byRegion) of \(panels.total)")
                #expect(panels.topProducts.map(\.amount).reduce(0, +) <= panels.total, "\(region) top products")
                if region.count == 6 { #expect(panels.total == 0 || panels.byRegion.keys.sorted() == [region]) }
                // Shop orders carry their product: the Jiangsu side's top list names it as the Shaanxi side's does.
                if ["61", "32"].contains(region) { #expect(panels.topProducts.contains { $0.productID != nil }, "\(region) product ids") }
            }
        }
    }
}
