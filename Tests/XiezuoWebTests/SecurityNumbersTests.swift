import Foundation
import Testing
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoTestSupport
@testable import XiezuoWeb

/// Issue 19, hole 1: no number a request carries can crash the server or reach arithmetic unchecked.
@Suite("Numbers from requests")
struct SecurityNumbersTests {
    struct ErrorBody: Decodable {
        struct Inner: Decodable { var code: String; var message: String; var field: String? }
        var error: Inner
    }

    /// The values every numeric field gets: the first four are never valid, the rest may be.
    static let hostile: [(json: String, text: String, alwaysRefused: Bool)] = [
        ("9223372036854775807", "9223372036854775807", true), ("-9223372036854775808", "-9223372036854775808", true),
        ("1e30", "1e30", true), (#""abc""#, "abc", true), ("-1", "-1", false), ("0", "0", false), (#""""#, "", false),
    ]

    /// The numeric fields of a request schema, as paths (`items[0].quantity`) with the JSON that sets one of them.
    static func numericFields(_ schema: [String: Any], path: String = "") -> [(path: String, body: (String) -> String)] {
        var fields: [(path: String, body: (String) -> String)] = []
        for (name, value) in (schema["properties"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let property = resolve(value as? [String: Any] ?? [:]) as [String: Any]? else { continue }
            let types = Set((property["type"] as? [String]) ?? [(property["type"] as? String) ?? ""])
            if types.contains("integer") || types.contains("number") {
                fields.append((path + name, { #"{"\#(name)":\#($0)}"# }))
            } else if types.contains("array"), let items = property["items"] as? [String: Any] {
                for inner in numericFields(resolve(items), path: path + name + "[0].") {
                    fields.append((inner.path, { #"{"\#(name)":[\#(inner.body($0))]}"# }))
                }
            }
        }
        return fields
    }

    static func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let reference = schema["$ref"] as? String else { return schema }
        return RequestNumbers.schemas[String(reference.split(separator: "/").last!)] as? [String: Any] ?? [:]
    }

    @Test("every numeric field and integer query parameter of every API operation: hostile values are a 400 naming the field, never a crash",
          arguments: TestDatabase.all)
    func apiOperations(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.account("admin")
            let secret = try await t.tokens.create(for: admin.id, name: "walk", by: admin.principal).secret
            let client = TestClient(t.app)
            var checked = 0
            for operation in OpenAPIDocument.operations {
                let path = operation.path.replacingOccurrences(of: #"\{[^}]+\}"#, with: UUID().uuidString, options: .regularExpression)
                var requests: [(field: String, method: HTTPMethod, path: String, body: String?, refused: Bool)] = []
                if let name = operation.request, let schema = RequestNumbers.schemas[name] as? [String: Any] {
                    for field in Self.numericFields(schema) {
                        for value in Self.hostile { requests.append((field.path, operation.method, path, field.body(value.json), value.alwaysRefused)) }
                    }
                }
                for parameter in operation.parameters where parameter.location == "query" && parameter.type == "integer" {
                    for value in Self.hostile where value.text != "" || !value.alwaysRefused {
                        let query = parameter.name + "=" + (value.text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                        requests.append((parameter.name, operation.method, path + "?" + query, nil, value.alwaysRefused))
                    }
                }
                for request in requests {
                    var headers = HTTPHeaders.bearer(secret)
                    if request.body != nil { headers.add(name: .contentType, value: "application/json") }
                    let response = try await client.send(request.method, request.path, headers: headers, body: request.body.map { ByteBuffer(string: $0) })
                    let label = "\(request.method) \(request.path) \(request.body ?? "")"
                    #expect(response.status.code < 500, "\(label) → \(response.status)")
                    if request.refused {
                        #expect(response.status == .badRequest, "\(label) → \(response.status)")
                        let error = try? JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView)).error
                        #expect(error?.field == request.field, "\(label) named \(error?.field ?? "nothing")")
                    }
                    checked += 1
                }
                #expect(try await client.send(.GET, "/health").status == .ok, "the server stopped answering after \(operation.path)")
            }
            // The walk reached the fields it is about: money, counts, years, order quantities, page sizes.
            #expect(checked > 300)
        }
    }

    @Test("every numeric field of every form the pages show, crawled as admin and as a visitor: hostile values are refused in words, never a crash",
          arguments: TestDatabase.all)
    func forms(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            _ = try await t.publishedProduct()
            let localizer = try Localizer()
            let admin = TestClient(t.app)
            try await admin.login("admin", Fixture.password)
            var tried = Set<String>()
            for browser in [admin, TestClient(t.app)] {
                for form in try await Self.crawl(browser) {
                    for field in form.numeric where !tried.contains(form.action + "#" + field) {
                        tried.insert(form.action + "#" + field)
                        for value in Self.hostile {
                            var fields = form.fields
                            fields[field] = value.text
                            let response: TestingHTTPResponse
                            if form.method == "get" {
                                let query = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                                response = try await browser.send(.GET, form.action + "?" + query.joined(separator: "&"))
                            } else {
                                response = try await browser.form(form.action, fields)
                            }
                            let label = "\(form.method) \(form.action) \(field)=\(value.text)"
                            #expect(response.status.code < 500, "\(label) → \(response.status)")
                            if value.alwaysRefused {
                                #expect((400..<500).contains(Int(response.status.code)), "\(label) → \(response.status)")
                                // The message names the field by its label.
                                let label = localizer.text("field.\(field)", .zhHans)
                                #expect(response.body.string.contains(label) || label.hasPrefix("field."), "\(form.action): no \(label)")
                            }
                        }
                        #expect(try await browser.send(.GET, "/health").status == .ok)
                    }
                }
            }
            // Project years and counts, posting headcounts and ages, pairing years, cart quantities, filters.
            #expect(tried.count >= 12, "only \(tried.sorted())")
        }
    }

    struct Form {
        var method: String
        var action: String
        var fields: [String: String]
        var numeric: [String]
    }

    /// Follows the site's links (at most 250 pages) and collects the forms that have a numeric field.
    static func crawl(_ browser: TestClient) async throws -> [Form] {
        var queue = ["/"], seen = Set(["/"]), forms: [String: Form] = [:], variants: [Substring: Int] = [:]
        while !queue.isEmpty, seen.count < 250 {
            let path = queue.removeFirst()
            let response = try await browser.send(.GET, path)
            guard response.status == .ok, response.headers.contentType?.subType == "html" else { continue }
            let html = response.body.string
            for match in html.matches(of: /href="(\/[^"#]*)"/) {
                let link = String(match.1).replacingOccurrences(of: "&amp;", with: "&")
                // A back link (from=) or a one-tap search (?q=) is a page already reached, with another query.
                guard !link.hasPrefix("/static"), !link.hasPrefix("/lang/"), !link.contains(".csv"), !link.contains("export"),
                      !link.contains("page="), !link.contains("from="), !link.contains("?q="), !seen.contains(link) else { continue }
                // A path is one page whatever its query (a region, a year, a state): three of its variants are enough, so
                // a map that links every county does not spend the walk's budget.
                let path = link.prefix { $0 != "?" }
                guard variants[path, default: 0] < 3 else { continue }
                variants[path, default: 0] += 1
                seen.insert(link)
                queue.append(link)
            }
            for match in html.matches(of: /<form([^>]*)>([\s\S]*?)<\/form>/) {
                let attributes = String(match.1), body = String(match.2)
                let method = attributes.firstMatch(of: /method="(\w+)"/).map { String($0.1).lowercased() } ?? "get"
                let action = (attributes.firstMatch(of: /action="([^"]*)"/).map { String($0.1) } ?? path).replacingOccurrences(of: "&amp;", with: "&")
                var fields: [String: String] = [:], numeric: [String] = []
                for input in body.matches(of: /<input([^>]*)>/) {
                    let tag = String(input.1)
                    guard let name = tag.firstMatch(of: /name="([^"]+)"/).map({ String($0.1) }) else { continue }
                    if tag.contains(#"type="checkbox""#) && !tag.contains("checked") { continue }
                    fields[name] = tag.firstMatch(of: /value="([^"]*)"/).map { String($0.1) } ?? ""
                    if tag.contains(#"type="number""#) || tag.contains(#"inputmode="numeric""#) || tag.contains(#"inputmode="decimal""#) {
                        numeric.append(name)
                    }
                }
                for select in body.matches(of: /<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/) {
                    let options = String(select.2)
                    let chosen = options.firstMatch(of: /<option value="([^"]*)" selected/) ?? options.firstMatch(of: /<option value="([^"]*)"/)
                    fields[String(select.1)] = chosen.map { String($0.1) } ?? ""
                }
                if !numeric.isEmpty, forms[method + action] == nil { forms[method + action] = Form(method: method, action: action, fields: fields, numeric: numeric) }
            }
        }
        return Array(forms.values)
    }

    @Test("hostile numbers in a CSV import and in a partner feed: rows refused and records skipped with their reasons, nothing written",
          arguments: TestDatabase.all)
    func csvAndFeed(database: TestDatabase) async throws {
        try await withTestApp(database, platform: "jiangsu") { t in
            let zhashui = try await t.principal("zhashui-officer")
            let sales = try await t.count("sales")
            let today = Day(Date())
            let header = "date,channel,product_id,product_name,county_code,buyer_region,amount_yuan,quantity\n"
            for (amount, quantity, field) in [("100", "9223372036854775807", "quantity"), ("100", "-9223372036854775808", "quantity"),
                                              ("100", "1e30", "quantity"), ("100", "abc", "quantity"), ("1e30", "1", "amount"),
                                              ("92233720368547758.07", "1", "amount"), ("abc", "1", "amount")] {
                let rows = try await t.sales.importCSV(header + "\(today),fair,,柞水木耳,611026,3201,\(amount),\(quantity)\n", dryRun: false, by: zhashui)
                #expect(rows.first?.error?.field == field, "\(amount), \(quantity): \(String(describing: rows.first?.error))")
            }
            #expect(try await t.count("sales") == sales)

            // Feed records whose numbers are out of every range are skipped with the field named.
            func record(_ id: String, _ change: (inout JobFeedRecord) -> Void) -> String {
                var record = sampleFeedRecord(id)
                change(&record)
                return String(decoding: try! JSONEncoder().encode(record), as: UTF8.self)
            }
            let lines = [record("sx-ok") { _ in }, record("sx-wage") { $0.wageMinFen = Int64.max }, record("sx-negative") { $0.wageMinFen = Int64.min },
                         record("sx-openings") { $0.totalJobOpenings = Int.max }, record("sx-age") { $0.ageMin = -1 },
                         record("sx-big") { _ in }.replacingOccurrences(of: #""xiezuo:wageMinFen":400000"#, with: #""xiezuo:wageMinFen":1e30"#)]
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID()).jsonl").path
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let output = try await t.run(["sync", "--file", path, "--per-commit", "10"]).joined(separator: "\n")
            #expect(output.contains("新增 1"), "\(output)")
            for reason in ["amount_too_large:wageMin", "headcount", "ageMin"] { #expect(output.contains(reason), "\(reason): \(output)") }
            #expect(try await t.count("job_postings") == 1)
            #expect(try await TestClient(t.app).send(.GET, "/health").status == .ok)
        }
    }

    @Test("adding a product twice with Int64.max no longer traps: the cart caps first (a real server over HTTP)")
    func cartOverflow() async throws {
        try await withTestApp(.sqlite) { t in
            let product = try await t.publishedProduct()
            // Answers as they come: the journey follows no redirect itself.
            t.app.http.client.configuration.redirectConfiguration = .disallow
            let port = try await t.startServer()
            do {
                try await Self.overflowJourney(t, base: "http://127.0.0.1:\(port)", product: product.id)
            } catch {
                await t.stopServer()
                throw error
            }
            await t.stopServer()
        }
    }

    static func overflowJourney(_ t: TestApp, base: String, product: UUID) async throws {
        do {
            var cookie = ""
            func send(_ method: HTTPMethod, _ path: String, form: String? = nil, sameSite: Bool = false) async throws -> ClientResponse {
                var headers = HTTPHeaders()
                if sameSite { headers.add(name: "Sec-Fetch-Site", value: "same-origin") }
                if !cookie.isEmpty { headers.add(name: .cookie, value: cookie) }
                if form != nil { headers.add(name: .contentType, value: "application/x-www-form-urlencoded") }
                let response = try await t.app.client.send(method, headers: headers, to: URI(string: base + path)) { request in
                    if let form { request.body = ByteBuffer(string: form) }
                }
                if let set = response.headers.first(name: .setCookie)?.split(separator: ";").first { cookie = String(set) }
                return response
            }
            // A visitor without a session: the first item goes in from the page without a token (the browser says the
            // form is this site's); then the session's token.
            #expect(try await send(.POST, "/cart", form: "productId=\(product)&quantity=1", sameSite: true).status == .seeOther)
            let page = try await send(.GET, "/products/\(product)")
            let html = page.body.map { String(buffer: $0) } ?? ""
            let csrf = try #require(html.firstMatch(of: /name="_csrf" value="([^"]+)"/)).1
            let overflow = try await send(.POST, "/cart", form: "_csrf=\(csrf)&productId=\(product)&quantity=9223372036854775807")
            #expect(overflow.status == .badRequest)
            // Answered on the product page, beside the quantity: a whole number from 1 to what is in stock.
            #expect((overflow.body.map { String(buffer: $0) } ?? "").contains("请填写 1 到"))
            #expect(try await send(.POST, "/cart", form: "_csrf=\(csrf)&productId=\(product)&quantity=9999999999999").status == .badRequest)
            #expect(try await send(.POST, "/cart", form: "_csrf=\(csrf)&productId=\(product)&quantity=999").status == .badRequest)
            let cart = try await send(.GET, "/cart")
            #expect(cart.status == .ok)
            #expect((cart.body.map { String(buffer: $0) } ?? "").contains(#"name="quantity" value="1""#))
            #expect(try await send(.GET, "/health").status == .ok)
        }
    }

    @Test("the cart's arithmetic caps before it adds")
    func cartCaps() throws {
        var cart = Cart()
        let id = UUID()
        try cart.add(id, quantity: 1)
        try cart.add(id, quantity: Int.max)
        #expect(cart.items.first?.quantity == 999)
        try cart.add(id, quantity: Int.max)
        #expect(cart.items.first?.quantity == 999)
    }

    @Test("typed whole numbers: digits within ±10^13 only, with the field named")
    func integers() throws {
        #expect(try Validate.integer(" 42 ", field: "n") == 42)
        #expect(try Validate.integer("-7", field: "n") == -7)
        #expect(try Validate.integer("", field: "n") == nil)
        #expect(try Validate.integer("10000000000000", field: "n") == 10_000_000_000_000)
        #expect(throws: DomainError.invalid("n", "number_out_of_range", ["max": "10000000000000"])) { try Validate.integer("10000000000001", field: "n") }
        #expect(throws: DomainError.invalid("n", "number_out_of_range", ["max": "10000000000000"])) {
            try Validate.integer("-9223372036854775808", field: "n")
        }
        #expect(throws: DomainError.invalid("n", "number_out_of_range", ["max": "10000000000000"])) {
            try Validate.integer("99999999999999999999999", field: "n")
        }
        for text in ["abc", "1e30", "1.5", "--1", "+-1", "１２", "0x10", "-"] {
            #expect(throws: DomainError.invalid("n", "wrong_type"), "\(text)") { try Validate.integer(text, field: "n") }
        }
    }
}
