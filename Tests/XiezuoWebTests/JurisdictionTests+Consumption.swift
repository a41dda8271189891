import Foundation
import Vapor
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

/// The consumption routes in the jurisdiction check: 富平县's supplier, product and order, and a Jiangsu unit's
/// procurement (all named 富平劳务… so a page showing them is caught), against 柞水县's officer.
extension JurisdictionTests {
    /// The public shop and catalogue: certified products, the visitor's own cart, ordering.
    static let consumptionPublic: Set<String> = [
        "GET /products", "GET /products/:id", "GET /products/:id/images/:image", "GET /cart", "POST /cart", "POST /cart/update",
        "POST /cart/checkout", "GET /api/v1/products", "GET /api/v1/products/:id", "GET /api/v1/regional-brands", "GET /api/v1/sales-events",
        "POST /api/v1/orders", "GET /manage/consumption/:kind/new",
        // Spreadsheet imports (the page, the template, uploads): every row is checked against the importer's jurisdiction,
        // another county's rows refused with 403 in ImportTests and ConsumptionWebTests.
        "GET /imports", "GET /imports/:kind", "GET /imports/:kind/template.xlsx", "POST /imports/:kind", "POST /api/v1/imports/:kind",
    ]

    struct ConsumptionRecords {
        var supplier: UUID
        var product: UUID
        var brand: UUID
        var order: UUID
        var event: UUID
        var procurement: UUID
        var sale: UUID

        static func create(_ t: TestApp, by fuping: Principal) async throws -> ConsumptionRecords {
            let admin = try await t.principal("admin")
            let supplier = try await t.employers.create(EmployerDraft(
                creditCode: CreditCode.completing("93610528000000055")!, name: "富平劳务柿饼合作社", regionCode: "610528", industry: "农产品",
                contactName: "李", contactPhone: "13912345678"), by: admin)
            let brand = try await t.consumption.saveBrand(RegionalBrandDraft(name: "富平劳务柿饼", regionCode: "610528", category: "fruit"), by: fuping)
            var product = try await t.products.create(ProductDraft(name: "富平劳务吊柿饼", brandId: brand.id, category: "fruit", specification: "1公斤/盒",
                                                                   unit: "盒", price: 6_900, stock: 50), supplier: supplier.id, by: fuping)
            for _ in 0..<4 { product = try await t.products.decide(product.id, approve: true, by: admin) }
            let order = try await t.orders.place(OrderDraft(buyerName: "富平劳务买家", buyerPhone: "13812345678", address: "x", buyerRegion: "3201",
                                                            items: [.init(productId: product.id, quantity: 1)]), by: .anonymous)
            let event = try await t.consumption.saveEvent(SalesEventDraft(kind: "fair", title: "富平劳务展销会", date: "2025-05-01", cityCode: "3201",
                                                                          organiser: "x"), by: admin)
            let procurement = try await t.consumption.saveProcurement(ProcurementDraft(
                unitName: "富平劳务采购单位", regionCode: "3201", year: Day(Date()).year, canteenSpending: 100, povertyAreaSpending: 10), by: admin)
            let sale = try await t.sales.record(SaleDraft(date: "2025-05-01", channel: "fair", productName: "富平劳务柿饼礼盒", countyCode: "610528",
                                                          buyerRegion: "3201", amount: 10_000, quantity: 1), by: fuping)
            return ConsumptionRecords(supplier: supplier.id, product: product.id, brand: brand.id, order: order.order.id, event: event.id,
                                      procurement: procurement.id, sale: sale.id)
        }
    }

    /// Corrections by reversal (红字冲销) of 富平县's flow, sale and application.
    static func reversalCases(project: UUID, flow: UUID, sale: UUID, application: UUID) -> [Case] {
        let reason = #"{"reason":"录入有误"}"#
        return [
            Case(method: .POST, route: "/api/v1/projects/:id/flows/:flow/reversal", path: "/api/v1/projects/\(project)/flows/\(flow)/reversal",
                 body: reason, expect: .refused),
            Case(method: .POST, route: "/projects/:id/flows/:flow/reverse", path: "/projects/\(project)/flows/\(flow)/reverse",
                 body: "reason=录入有误", expect: .refused),
            Case(method: .GET, route: "/api/v1/sales", path: "/api/v1/sales?year=2025", expect: .hidden),
            Case(method: .POST, route: "/api/v1/sales/:id/reversal", path: "/api/v1/sales/\(sale)/reversal", body: reason, expect: .refused),
            Case(method: .POST, route: "/manage/consumption/:kind/:id/:action", path: "/manage/consumption/sales/\(sale)/reverse",
                 body: "reason=录入有误", expect: .refused),
            Case(method: .POST, route: "/api/v1/applications/:id/reversal", path: "/api/v1/applications/\(application)/reversal",
                 body: reason, expect: .refused),
        ]
    }

    static func consumptionCases(_ r: ConsumptionRecords) -> [Case] {
        let product = #"{"supplierId":"\#(r.supplier)","name":"x","category":"fruit","specification":"x","unit":"x","price":100}"#
        let brand = #"{"name":"x","regionCode":"610528","category":"fruit"}"#
        let event = #"{"kind":"fair","title":"x","date":"2025-05-01","cityCode":"3201","organiser":"x"}"#
        let procurement = #"{"unitName":"x","regionCode":"3201","year":2025,"canteenSpending":1,"povertyAreaSpending":0}"#
        let sale = #"{"date":"2025-05-01","channel":"fair","productName":"x","countyCode":"610528","buyerRegion":"3201","amount":100}"#
        func refused(_ method: HTTPMethod, _ route: String, _ path: String, _ body: String? = nil) -> Case {
            Case(method: method, route: route, path: path, body: body, expect: .refused)
        }
        return [
            refused(.POST, "/api/v1/products", "/api/v1/products", product),
            refused(.PUT, "/api/v1/products/:id", "/api/v1/products/\(r.product)", product),
            refused(.POST, "/api/v1/products/:id/certification", "/api/v1/products/\(r.product)/certification", #"{"decision":"reject","reason":"x"}"#),
            refused(.POST, "/api/v1/products/:id/images", "/api/v1/products/\(r.product)/images", "\u{89}PNG"),
            refused(.POST, "/api/v1/regional-brands", "/api/v1/regional-brands", brand),
            refused(.PUT, "/api/v1/regional-brands/:id", "/api/v1/regional-brands/\(r.brand)", brand),
            refused(.POST, "/api/v1/sales-events", "/api/v1/sales-events", event),
            refused(.PUT, "/api/v1/sales-events/:id", "/api/v1/sales-events/\(r.event)", event),
            Case(method: .GET, route: "/api/v1/procurements", path: "/api/v1/procurements", expect: .hidden),
            refused(.POST, "/api/v1/procurements", "/api/v1/procurements", procurement),
            refused(.PUT, "/api/v1/procurements/:id", "/api/v1/procurements/\(r.procurement)", procurement),
            refused(.POST, "/api/v1/sales", "/api/v1/sales", sale),
            refused(.POST, "/api/v1/sales/import", "/api/v1/sales/import",
                    "date,channel,product_name,county_code,buyer_region,amount_yuan\n2025-05-01,fair,x,610528,3201,1\n"),
            refused(.GET, "/api/v1/consumption/panels", "/api/v1/consumption/panels?region=610528"),
            Case(method: .GET, route: "/api/v1/orders", path: "/api/v1/orders", expect: .hidden),
            refused(.GET, "/api/v1/orders/:id", "/api/v1/orders/\(r.order)"),
            refused(.POST, "/api/v1/orders/:id/status", "/api/v1/orders/\(r.order)/status", #"{"status":"cancelled"}"#),
            refused(.GET, "/orders/:id", "/orders/\(r.order)"),
            refused(.POST, "/orders/:id/status", "/orders/\(r.order)/status", "status=cancelled"),
            refused(.GET, "/manage/consumption", "/manage/consumption?region=610528"),
            refused(.GET, "/manage/consumption/:kind/:id/edit", "/manage/consumption/products/\(r.product)/edit"),
            refused(.POST, "/manage/consumption/:kind", "/manage/consumption/products",
                    "supplierId=\(r.supplier)&name=x&category=fruit&specification=x&unit=x&price=1"),
            refused(.POST, "/manage/consumption/:kind/:id", "/manage/consumption/products/\(r.product)",
                    "name=x&category=fruit&specification=x&unit=x&price=1"),
            refused(.POST, "/manage/consumption/:kind/:id/:action", "/manage/consumption/products/\(r.product)/reject", "reason=x"),
        ]
    }
}
