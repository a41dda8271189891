import Foundation
import Testing
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

/// A `multipart/form-data` body: text fields and one file.
func multipart(_ fields: [String: String], file: (name: String, filename: String, type: String, bytes: [UInt8])?) -> (HTTPHeaders, ByteBuffer) {
    let boundary = "xiezuo-test-boundary"
    var body = ByteBuffer()
    for (name, value) in fields {
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
    }
    if let file {
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: \(file.type)\r\n\r\n")
        body.writeBytes(file.bytes)
        body.writeString("\r\n")
    }
    body.writeString("--\(boundary)--\r\n")
    return (["Content-Type": "multipart/form-data; boundary=\(boundary)", "Accept-Language": "zh-CN"], body)
}

@Suite("Consumption assistance on the web and over HTTP")
struct ConsumptionWebTests {
    let zh: HTTPHeaders = ["Accept-Language": "zh-CN"]

    @Test("a buyer finds a product by a Chinese word, orders from the cart, reads the order by its link and cancels it",
          arguments: TestDatabase.all)
    func shop(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let product = try await t.publishedProduct("柞水黑木耳", price: 3_900, stock: 5)
            let browser = TestClient(t.app)
            var html = try await browser.send(.GET, "/products?q=%E6%9C%A8", headers: zh).body.string  // q=木
            #expect(html.contains("/products/\(product.id)") && html.contains("39.00 元/袋"))
            #expect(!(try await browser.send(.GET, "/products?q=%E8%8C%B6", headers: zh).body.string.contains("/products/\(product.id)")))  // 茶
            // The page says how many are left and limits the field to them; it gives the visitor no session (so no CSRF
            // token): the browser's word that the form is this site's lets the first item in.
            html = try await browser.send(.GET, "/products/\(product.id)", headers: zh).body.string
            #expect(html.contains("仅剩 5 件") && html.contains(#"max="5""#) && !html.contains("_csrf"))
            var sameSite = zh
            sameSite.add(name: "Sec-Fetch-Site", value: "same-origin")
            // Bad quantities are answered on the same page, beside the field, with what was typed; nothing is added.
            for (typed, message) in [("0", "请填写 1 到 5 之间的整数"), ("-1", "请填写 1 到 5 之间的整数"), ("abc", "请填写 1 到 5 之间的整数"),
                                     ("6", "仅剩 5 件，最多可买 5 件")] {
                let refused = try await browser.form("/cart", ["productId": product.id.uuidString, "quantity": typed], headers: sameSite)
                #expect(refused.status == .badRequest && refused.body.string.contains(message) && refused.body.string.contains(#"value="\#(typed)""#),
                        "\(typed)")
            }
            #expect(try await browser.send(.GET, "/cart", headers: zh).body.string.contains("购物车是空的"))
            var response = try await browser.form("/cart", ["productId": product.id.uuidString, "quantity": "2"], headers: sameSite)
            #expect(response.status == .seeOther)
            html = try await browser.send(.GET, "/cart", headers: zh).body.string
            #expect(html.contains("柞水黑木耳") && html.contains("78.00") && html.contains("已把“柞水黑木耳”×2 加入购物车"))
            // Now the visitor has a session, and its forms carry its token.
            let csrf = try await browser.csrf(from: "/products/\(product.id)")
            #expect(html.contains(#"class="cart-count""#) && html.contains(#"data-picker="region""#))
            // Four more would be six of five: refused on the product page.
            response = try await browser.form("/cart", ["_csrf": csrf, "productId": product.id.uuidString, "quantity": "4"], headers: zh)
            #expect(response.status == .badRequest && response.body.string.contains("仅剩 3 件"))
            // Every buyer field's problem at once; a district that is not one is named.
            var form = ["_csrf": csrf, "supplier": product.supplierID.uuidString, "buyerName": "", "buyerPhone": "123", "address": "",
                        "buyerRegion": "火星"]
            response = try await browser.form("/cart/checkout", form, headers: zh)
            #expect(response.status == .badRequest)
            let errors = response.body.string
            #expect(errors.contains("请填写收货人") && errors.contains("手机号码") && errors.contains("请填写地址") && errors.contains("没有找到叫「火星」的地区"))
            #expect(errors.contains(#"value="火星""#))
            #expect(try await t.count("orders") == 0)
            // The district by name, as the picker fills it in.
            form = ["_csrf": csrf, "supplier": product.supplierID.uuidString, "buyerName": "张三", "buyerPhone": "13812345678",
                    "address": "南京市某路1号", "buyerRegion": "南京市 高淳区"]
            response = try await browser.form("/cart/checkout", form)
            #expect(response.status == .seeOther)
            let link = try #require(response.headers.first(name: .location))
            #expect(link.contains("?key=") && link.hasSuffix("&placed=1"))
            #expect(try await t.products.get(product.id).stock == 3)
            html = try await browser.send(.GET, link, headers: zh).body.string
            #expect(html.contains("138****5678") && !html.contains("13812345678") && html.contains("已下单"))
            #expect(html.contains("订单已提交") && html.contains("接下来") && html.contains("供货方确认订单") && html.contains("南京市 高淳区"))
            // Without the key another visitor gets nothing.
            let path = String(link.prefix { $0 != "?" })
            let key = try #require(link.firstMatch(of: /key=([^&]+)/)).1
            #expect(try await TestClient(t.app).send(.GET, path).status == .notFound)
            response = try await browser.form("\(path)/status?key=\(key)", ["_csrf": csrf, "status": "cancelled"])
            #expect(response.status == .seeOther)
            #expect(try await t.products.get(product.id).stock == 5)
            #expect(try await browser.send(.GET, "/cart", headers: zh).body.string.contains("购物车是空的"))
        }
    }

    @Test("the shop over the API: an anonymous order with its key; the panels for the staff covering the county", arguments: TestDatabase.all)
    func api(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let product = try await t.publishedProduct(stock: 3)
            let client = TestClient(t.app)
            var response = try await client.json(.POST, "/api/v1/orders", #"""
                {"buyerName":"李四","buyerPhone":"13812345678","address":"苏州市某路2号","buyerRegion":"3205",
                 "items":[{"productId":"\#(product.id)","quantity":4}]}
                """#)
            #expect(response.status == .conflict && response.body.string.contains("out_of_stock"))
            response = try await client.json(.POST, "/api/v1/orders", #"{"buyerName":"李四","buyerPhone":"13812345678","address":"x","buyerRegion":"3205","items":[{"productId":"x","quantity":1}]}"#,
                                             headers: zh)
            #expect(response.status == .badRequest && response.body.string.contains(#""field":"items[0].productId""#))
            #expect(response.body.string.contains("商品 (1)的格式不正确"))
            response = try await client.json(.POST, "/api/v1/orders", #"""
                {"buyerName":"李四","buyerPhone":"13812345678","address":"苏州市某路2号","buyerRegion":"3205",
                 "items":[{"productId":"\#(product.id)","quantity":3}]}
                """#)
            #expect(response.status == .created)
            let placed = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
            let key = try #require(placed["key"] as? String)
            let id = try #require((placed["order"] as? [String: Any])?["id"] as? String)
            #expect(try await client.send(.GET, "/api/v1/orders/\(id)?key=\(key)").status == .ok)
            #expect(try await client.send(.GET, "/api/v1/orders/\(id)").status == .notFound)
            let officer = try await t.account("zhashui-officer")
            let token = try await t.tokens.create(for: officer.id, name: "t", by: officer.principal).secret
            response = try await client.json(.POST, "/api/v1/orders/\(id)/status", #"{"status":"paid"}"#, headers: .bearer(token))
            #expect(response.status == .ok)
            response = try await client.send(.GET, "/api/v1/consumption/panels?region=611026", headers: .bearer(token))
            let panels = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
            #expect(panels["total"] as? Int == 11_700)
        }
    }

    @Test("staff on the page: certification at their level, a CSV import tried and then made, another county's rows refused, a picture uploaded",
          arguments: TestDatabase.all)
    func staff(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let supplier = try await t.employers.create(EmployerDraft(creditCode: CreditCode.completing("93611026000000088")!, name: "柞水合作社",
                                                                      regionCode: "611026", industry: "农产品", contactName: "王",
                                                                      contactPhone: "13912345678"), by: admin)
            var product = try await t.products.create(ProductDraft(name: "柞水木耳礼盒", category: "edible_fungi", specification: "500克/盒", unit: "盒",
                                                                   price: 8_800, stock: 10), supplier: supplier.id, by: admin)
            product = try await t.products.decide(product.id, approve: true, by: try await t.principal("zhashui-officer"))
            let city = TestClient(t.app)
            try await city.login("shangluo-officer", Fixture.password)
            var html = try await city.send(.GET, "/manage/consumption", headers: zh).body.string
            #expect(html.contains("柞水木耳礼盒") && html.contains("市级审核通过"))
            let csrf = try await city.csrf(from: "/manage/consumption")
            var response = try await city.form("/manage/consumption/products/\(product.id)/approve", ["_csrf": csrf])
            #expect(response.status == .seeOther)
            #expect(try await t.products.get(product.id, by: admin).certification == .reviewed)
            // A CSV export through the import page: a check writes nothing; then the import.
            let csv = "date,channel,product_name,county_code,buyer_region,amount_yuan,quantity\n\(Day(Date())),fair,柞水木耳,611026,3201,1000,20\n"
            var (headers, body) = multipart(["_csrf": csrf, "mode": "check"], file: ("file", "sales.csv", "text/csv", Array(csv.utf8)))
            response = try await city.send(.POST, "/imports/sales", headers: headers, body: body)
            #expect(response.status == .ok && response.body.string.contains("检查通过"))
            #expect(try await t.count("sales") == 0)
            (headers, body) = multipart(["_csrf": csrf, "mode": "import"], file: ("file", "sales.csv", "text/csv", Array(csv.utf8)))
            response = try await city.send(.POST, "/imports/sales", headers: headers, body: body)
            #expect(response.status == .ok && response.body.string.contains("已导入"))
            #expect(try await t.actual("611026", "consumption_sales_fair") == 100_000)
            let other = csv.replacingOccurrences(of: "611026", with: "610528")
            (headers, body) = multipart(["_csrf": csrf, "mode": "import"], file: ("file", "sales.csv", "text/csv", Array(other.utf8)))
            response = try await city.send(.POST, "/imports/sales", headers: headers, body: body)
            #expect(response.status == .forbidden)
            #expect(try await t.count("sales") == 1)
            // A picture: a wrong type is named; a PNG is stored and served.
            (headers, body) = multipart(["_csrf": csrf], file: ("image", "x.gif", "image/gif", Array("GIF89a".utf8)))
            response = try await city.send(.POST, "/manage/consumption/products/\(product.id)/image", headers: headers, body: body)
            #expect(response.status == .badRequest && response.body.string.contains("只接受 JPEG、PNG 或 WebP 图片"))
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
            (headers, body) = multipart(["_csrf": csrf], file: ("image", "x.png", "image/png", png))
            response = try await city.send(.POST, "/manage/consumption/products/\(product.id)/image", headers: headers, body: body)
            #expect(response.status == .seeOther)
            let image = try #require(try await t.products.get(product.id, by: admin).images.first)
            response = try await city.send(.GET, "/products/\(product.id)/images/\(image.id)")
            #expect(response.status == .ok && Array(response.body.readableBytesView) == png)
            #expect(response.headers.first(name: .contentType) == "image/png")
            html = try await city.send(.GET, "/manage/consumption/sales/new", headers: zh).body.string
            #expect(html.contains("name=\"buyerRegion\""))
        }
    }

    @Test("a Jiangsu coordinator records and corrects a budget unit's year and an event on the page; errors beside the field",
          arguments: TestDatabase.all)
    func procurementForms(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let browser = TestClient(t.app)
            try await browser.login("jiangsu-coordinator", Fixture.password)
            let csrf = try await browser.csrf(from: "/manage/consumption")
            let year = String(Day(Date()).year)
            var form = ["_csrf": csrf, "unitName": "南京市某局", "regionCode": "3201", "year": year, "canteenSpending": "100000",
                        "povertyAreaSpending": "200000"]
            var response = try await browser.form("/manage/consumption/procurements", form, headers: zh)
            #expect(response.status == .badRequest && response.body.string.contains("不能多于总数"))
            #expect(try await t.count("procurements") == 0)
            form["povertyAreaSpending"] = "12000"
            response = try await browser.form("/manage/consumption/procurements", form)
            #expect(response.status == .seeOther)
            var html = try await browser.send(.GET, "/manage/consumption", headers: zh).body.string
            #expect(html.contains("南京市某局") && html.contains("12.0%") && html.contains("达标"))
            let unit = try #require(try await t.consumption.procurements(year: Day(Date()).year, by: try await t.principal("jiangsu-coordinator")).first)
            html = try await browser.send(.GET, "/manage/consumption/procurements/\(unit.id)/edit", headers: zh).body.string
            #expect(html.contains("value=\"12000.00\"") || html.contains("value=\"12000\""))
            form["povertyAreaSpending"] = "8000"
            response = try await browser.form("/manage/consumption/procurements/\(unit.id)", form)
            #expect(response.status == .seeOther)
            #expect(try await t.consumption.procurement(unit.id).shareBasisPoints == 800)
            response = try await browser.form("/manage/consumption/events", ["_csrf": csrf, "kind": "livestream", "title": "苏州直播专场", "date": year + "-06-01",
                                                                              "cityCode": "3205", "organiser": "苏州市协作办"], headers: zh)
            #expect(response.status == .badRequest && response.body.string.contains("请填写直播平台"))
            #expect(try await t.count("sales_events") == 0)
        }
    }
}
