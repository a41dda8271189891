import FluentKit
import Foundation
import XiezuoCore

/// Demo consumption assistance: the letter's regional brands (紫阳富硒茶, 周至猕猴桃, 横山羊肉) and the featured
/// products of its counties as brands; generated suppliers (cooperatives and enterprises, 演示 in their names),
/// products taken through the certification steps (most published, some still on their way), events including the
/// two the letter names, budget units' procurement around the 10% floor, and sales of every channel over the last
/// eighteen months — orders through the shop as a buyer would place them. Written through the repositories, so the
/// facts move as in use.
public enum DemoConsumption {
    /// What a generation wrote.
    public struct Report: Sendable {
        public var brands = 0
        public var suppliers = 0
        public var products = 0
        public var orders = 0
        public var sales = 0
        public var events = 0
        public var procurements = 0
        /// The first supplier, for the demo supplier account.
        public var firstSupplier: UUID?
    }

    /// Brands: name, region, category, geographical indication, from the letter (true) or its featured industries.
    static let brands: [(String, String, ProductCategory, Bool)] = [
        ("紫阳富硒茶", "610924", .tea, true), ("周至猕猴桃", "610124", .fruit, true), ("横山羊肉", "610803", .meat, true),
        ("柞水木耳", "611026", .ediblefungi, false), ("富平柿饼", "610528", .fruit, false), ("米脂小米", "610827", .grain, false),
        ("丹凤中药材", "611022", .herbs, false),
    ]
    /// Products of each brand: name, specification, unit, price in yuan.
    static let items: [String: [(String, String, String, Int64)]] = [
        "紫阳富硒茶": [("紫阳富硒绿茶", "250克/罐", "罐", 168), ("紫阳毛尖", "100克/盒", "盒", 98)],
        "周至猕猴桃": [("周至徐香猕猴桃", "5斤/箱", "箱", 59), ("周至翠香猕猴桃", "3斤/箱", "箱", 45)],
        "横山羊肉": [("横山羊肉（带骨）", "2.5公斤/袋", "袋", 268), ("横山羊排", "1公斤/袋", "袋", 128)],
        "柞水木耳": [("柞水黑木耳", "250克/袋", "袋", 39), ("柞水木耳礼盒", "500克/盒", "盒", 88)],
        "富平柿饼": [("富平吊柿饼", "1公斤/盒", "盒", 69), ("富平柿饼礼盒", "1.5公斤/盒", "盒", 118)],
        "米脂小米": [("米脂黄小米", "2.5公斤/袋", "袋", 45), ("米脂小米礼盒", "5公斤/盒", "盒", 99)],
        "丹凤中药材": [("丹凤丹参片", "500克/袋", "袋", 58), ("丹凤连翘茶", "200克/罐", "罐", 36)],
    ]

    /// The committed demo picture of a brand's product, as PNG bytes (nil when the resource is missing).
    static func picture(brand: Int, offset: Int) -> [UInt8]? {
        guard let url = Bundle.module.url(forResource: "\(brand)-\(offset)", withExtension: "png", subdirectory: "DemoPictures")
                ?? Bundle.module.url(forResource: "DemoPictures/\(brand)-\(offset)", withExtension: "png"),
              let data = try? Data(contentsOf: url) else { return nil }
        return Array(data)
    }

    private static func daysAgo(_ days: Int, from now: Date) -> Day { Day(now.addingTimeInterval(-Double(days) * 86_400)) }

    /// Generates the set; `now` fixes "today".
    public static func generate(regions: RegionDirectory, cipher: PersonalDataCipher, on database: any Database, now: Date = Date()) async throws -> Report {
        var random = SeededRandom(seed: 832)
        var report = Report()
        let today = Day(now)
        let registers = ConsumptionRegisters(database: database, regions: regions)
        let employers = EmployerRepository(database: database, regions: regions, cipher: cipher)
        let products = ProductRepository(database: database)
        let orders = OrderRepository(database: database, regions: regions, cipher: cipher)
        let ledger = SalesLedger(database: database, regions: regions)
        var published: [Product] = []
        for (index, (name, region, category, fromLetter)) in brands.enumerated() {
            let brand = try await registers.saveBrand(RegionalBrandDraft(
                name: name, regionCode: region, category: category.rawValue, geographicalIndication: fromLetter,
                description: fromLetter ? "品牌名称与所在县来自复函；地理标志标记为演示数据。" : "复函所列特色产业；作为区域公用品牌为演示数据。"), by: .system)
            report.brands += 1
            // One cooperative (credit code 93…) and one enterprise (91…) per brand.
            var suppliers: [UUID] = []
            for (kind, word) in [("93", "农民专业合作社"), ("91", "农产品有限公司")] {
                let body = kind + region + String(format: "%09d", 832_000 + index)
                let supplier = try await employers.create(EmployerDraft(
                    creditCode: CreditCode.completing(String(body.prefix(17)))!, name: "\(regions[region]?.name ?? region)\(name.suffix(2))\(word)（演示）",
                    regionCode: region, industry: "农产品", contactName: ["王", "李", "张"][index % 3] + "经理",
                    contactPhone: "139" + String(format: "%08d", random.next(100_000_000))), by: .system)
                suppliers.append(supplier.id)
                report.suppliers += 1
                if report.firstSupplier == nil { report.firstSupplier = supplier.id }
            }
            // The letter's figure is dozens of products promoted: each brand's two named products and seven packings
            // of the first, generated and labelled so.
            let named = items[name] ?? []
            let packings = ["家庭装", "礼品装", "尝鲜装", "团购装", "电商专供装", "精选装", "年货装"].enumerated().map { number, packing in
                (named[0].0 + packing + "（演示）", named[0].1, named[0].2, named[0].3 + Int64(number * 10))
            }
            for (offset, item) in (named + packings).enumerated() {
                var product = try await products.create(ProductDraft(
                    name: item.0, brandId: brand.id, category: category.rawValue, specification: item.1, unit: item.2, price: item.3 * 100,
                    stock: 200 + random.next(800), traceabilityCode: "SX-\(region)-\(offset + 1)", description: "演示产品：价格、库存为生成数据。"),
                    supplier: suppliers[offset % suppliers.count], by: .system, today: daysAgo(400, from: now))
                report.products += 1
                // A drawn picture, labelled as illustrative (Tools/demo-pictures/draw.py).
                if let picture = picture(brand: index, offset: offset) {
                    product = try await products.addImage(picture, to: product.id, by: .system)
                }
                // Most go the whole way; one in seven stops at a step, as in real queues.
                let steps = (index + offset) % 7 == 3 ? 1 + random.next(3) : 4
                for _ in 0..<steps { product = try await products.decide(product.id, approve: true, by: .system, today: daysAgo(380, from: now)) }
                if product.isCertified { published.append(product) }
            }
        }
        // Events: the two the letter names, and a livestream session.
        let shaanxiSuppliers = Array(Set(published.map(\.supplierID))).sorted { $0.uuidString < $1.uuidString }
        for (kind, title, city, organiser) in [("fair", "第六届中国（江苏）老字号博览会", "3201", "江苏省商务厅"),
                                               ("promotion", "苏陕协作·陕特色农产品推介活动", "3210", "扬州市协作办"),
                                               ("livestream", "陕货入苏直播专场（演示）", "3205", "苏州市协作办（演示）")] {
            _ = try await registers.saveEvent(SalesEventDraft(
                kind: kind, title: title, date: daysAgo(60 + 40 * report.events, from: now).description, cityCode: city, organiser: organiser,
                supplierIds: Array(shaanxiSuppliers.prefix(6)), platform: kind == "livestream" ? "抖音" : nil, host: kind == "livestream" ? "演示主播" : nil,
                session: kind == "livestream" ? "第1场" : nil, dealsSigned: 3 + random.next(10), dealsAmount: Int64(50 + random.next(300)) * 1_000_000),
                by: .system)
            report.events += 1
        }
        // Budget units' canteen buying, some above and some below the floor.
        for (index, unit) in ["南京市机关事务管理局（演示）", "苏州市教育局（演示）", "无锡市卫健委（演示）", "常州市公安局（演示）",
                              "扬州市财政局（演示）", "镇江市税务局（演示）"].enumerated() {
            let canteen = Int64(200 + random.next(800)) * 1_000_000
            let share = Int64([14, 11, 10, 8, 6, 12][index])
            _ = try await registers.saveProcurement(ProcurementDraft(
                unitName: unit, regionCode: ["3201", "3205", "3202", "3204", "3210", "3211"][index], year: today.year,
                canteenSpending: canteen, povertyAreaSpending: canteen * share / 100), by: .system, today: today)
            report.procurements += 1
        }
        // Sales: the shop through orders, other channels through the ledger, over the last 540 days.
        let jiangsuCities = ["3201", "3202", "3203", "3204", "3205", "3206", "3207", "3208", "3209", "3210", "3211", "3212", "3213"]
        for serial in 0..<60 where !published.isEmpty {
            let product = published[random.next(published.count)]
            let placedAgo = 3 + random.next(300)
            let placed = try await orders.place(OrderDraft(
                buyerName: "演示买家\(serial)", buyerPhone: "138" + String(format: "%08d", random.next(100_000_000)),
                address: "江苏演示地址\(serial)号", buyerRegion: jiangsuCities[random.next(jiangsuCities.count)],
                items: [.init(productId: product.id, quantity: 1 + random.next(4))]), by: .system, today: daysAgo(placedAgo, from: now))
            report.orders += 1
            let day = daysAgo(placedAgo - 2, from: now)
            for status in [OrderStatus.paid, .shipped, .received].prefix(random.next(4)) {
                _ = try await orders.move(placed.order.id, to: status, by: .system, today: day)
            }
        }
        for _ in 0..<240 where !published.isEmpty {
            let product = published[random.next(published.count)]
            let channel = [SaleChannel.fair, .livestream, .procurement, .ecommerce][random.next(4)]
            _ = try await ledger.record(SaleDraft(
                date: daysAgo(random.next(540), from: now).description, channel: channel.rawValue, productId: product.id,
                buyerRegion: jiangsuCities[random.next(jiangsuCities.count)], amount: product.price * Int64(20 + random.next(400)),
                quantity: 20 + random.next(400)), by: .system, today: today)
            report.sales += 1
        }
        return report
    }
}
