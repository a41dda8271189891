import Foundation
import Testing
import Vapor
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

/// Forms never lose input for their length: every form the staff pages show is posted to a real server (a body bigger
/// than one read arrives in pieces only there) at 1 KB, 100 KB and 900 KB, and none is refused as expired.
@Suite("Forms of any length reach their handler, over real HTTP")
struct FormSizeTests {
    struct PostForm { var action: String; var fields: [String: String] }

    /// The post forms of the pages an officer reaches, with their fields as the page fills them.
    static func forms(_ browser: TestClient) async throws -> [PostForm] {
        var queue = ["/"], seen = Set(["/"]), forms: [String: PostForm] = [:]
        while !queue.isEmpty, seen.count < 200 {
            let path = queue.removeFirst()
            let response = try await browser.send(.GET, path)
            guard response.status == .ok, response.headers.contentType?.subType == "html" else { continue }
            let html = response.body.string
            for match in html.matches(of: /href="(\/[^"#?]*)"/) {
                let link = String(match.1)
                guard !link.hasPrefix("/static"), !link.hasPrefix("/lang/"), !link.hasSuffix(".csv"), !link.contains("export"),
                      !seen.contains(link) else { continue }
                seen.insert(link)
                queue.append(link)
            }
            for match in html.matches(of: /<form([^>]*)>([\s\S]*?)<\/form>/) {
                let attributes = String(match.1), body = String(match.2)
                guard attributes.contains(#"method="post""#), let action = attributes.firstMatch(of: /action="([^"]+)"/).map({ String($0.1) })
                    .map({ $0.replacingOccurrences(of: "&amp;", with: "&") }) else { continue }
                // Signing out, or away from the second factor, would end the session the rest needs.
                guard !action.contains("logout"), !action.contains("second-factor"), forms[action] == nil else { continue }
                var fields: [String: String] = [:]
                for input in body.matches(of: /<input([^>]*)>/) {
                    let tag = String(input.1)
                    guard let name = tag.firstMatch(of: /name="([^"]+)"/).map({ String($0.1) }), name != "_csrf" else { continue }
                    if tag.contains(#"type="checkbox""#) && !tag.contains("checked") { continue }
                    fields[name] = tag.firstMatch(of: /value="([^"]*)"/).map { String($0.1) } ?? ""
                }
                for select in body.matches(of: /<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/) {
                    let options = String(select.2)
                    let chosen = options.firstMatch(of: /<option value="([^"]*)" selected/) ?? options.firstMatch(of: /<option value="([^"]+)"/)
                    fields[String(select.1)] = chosen.map { String($0.1) } ?? ""
                }
                forms[action] = PostForm(action: action, fields: fields)
            }
        }
        return forms.values.sorted { $0.action < $1.action }
    }

    @Test("each form at 1 KB, 100 KB and 900 KB: never 403 for an expired form, never a crash; past 1 MB a 413 that says the limit")
    func sizes() async throws {
        try await withTestApp(.sqlite) { t in
            _ = try await t.publishedProduct()
            let inMemory = TestClient(t.app)
            try await inMemory.login("zhashui-officer", Fixture.password)
            let forms = try await Self.forms(inMemory)
            #expect(forms.count >= 15, "only \(forms.map(\.action))")
            let port = try await t.startServer()
            defer { Task { await t.stopServer() } }
            let http = RealBrowser(app: t.app, base: "http://127.0.0.1:\(port)")
            try await http.signIn("zhashui-officer", Fixture.password)
            for form in forms {
                for size in [1_000, 100_000, 900_000] {
                    var fields = form.fields
                    fields["_pad"] = String(repeating: "木", count: size / 9)  // 9 bytes a character, percent-encoded
                    let response = try await http.post(form.action, fields)
                    let label = "POST \(form.action) at \(size / 1000) KB"
                    #expect(response.status.code < 500, "\(label) → \(response.status)")
                    #expect(!(response.status == .forbidden && response.text.contains("表单已过期")), "\(label) was refused as expired")
                    #expect(response.status != .payloadTooLarge, "\(label) → 413")
                }
            }
            // A project with a 1,000-character description over real HTTP is saved.
            let description = String(repeating: "柞水木耳产业园配套冷链仓储建设。", count: 63)
            var project = try #require(forms.first { $0.action == "/projects" }).fields
            project.merge(["code": "ZS-2025-LONG", "name": "冷链仓储", "countyCode": "611026", "year": "2025", "category": "冷链物流",
                           "budgetWan": "120", "description": description]) { _, new in new }
            let created = try await http.post("/projects", project)
            #expect(created.status == .seeOther, "\(created.status) \(created.text.prefix(400))")
            #expect(try await t.projects.list(ProjectFilter(search: "冷链仓储"), by: try await t.principal("zhashui-officer")).items.first?
                .description == description)
            // Past the limit: 413, in words, with the limit.
            let huge = try await http.post("/projects", ["description": String(repeating: "x", count: 1_200_000)])
            #expect(huge.status == .payloadTooLarge && huge.text.contains("上限 1 MB"))
            #expect(try await http.get("/health").status == .ok)
        }
    }
}

extension FormSizeTests {
    @Test("a product picture uploaded as a browser sends it (multipart, 20 KB and 1.8 MB) is stored and shown; a text file is refused in words")
    func pictureUpload() async throws {
        try await withTestApp(.sqlite) { t in
            let product = try await t.publishedProduct()
            let port = try await t.startServer()
            defer { Task { await t.stopServer() } }
            let http = RealBrowser(app: t.app, base: "http://127.0.0.1:\(port)")
            try await http.signIn("zhashui-officer", Fixture.password)
            _ = try await http.get("/manage/consumption")
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let png = try Data(contentsOf: root.appendingPathComponent("Sources/XiezuoStore/Resources/DemoPictures/0-1.png"))
            let action = "/manage/consumption/products/\(product.id)/image"
            var answer = try await http.upload(action, file: png, name: "茶.png", type: "image/png")
            #expect(answer.status == .seeOther, "\(answer.status) \(answer.text.prefix(300))")
            // A big one (padded after the image's end, as cameras' files carry trailing data).
            answer = try await http.upload(action, file: png + Data(repeating: 0, count: 1_800_000), name: "big.png", type: "image/png")
            #expect(answer.status == .seeOther, "\(answer.status) \(answer.text.prefix(300))")
            #expect(try await t.products.get(product.id).images.count == 2)
            answer = try await http.upload(action, file: Data("not a picture".utf8), name: "a.txt", type: "text/plain")
            #expect(answer.status == .badRequest && !answer.text.contains("field.image"))
            #expect(try await t.products.get(product.id).images.count == 2)
            let page = try await http.get("/products/\(product.id)")
            #expect(page.text.contains("/products/\(product.id)/images/"))

            // With the thumbnail the browser made: lists show it, the product's page the picture.
            let thumbnail = try Data(contentsOf: root.appendingPathComponent("Sources/XiezuoStore/Resources/DemoPictures/0-0.png"))
            let other = try await t.publishedProduct("紫阳毛尖", serial: 2)
            let otherAction = "/manage/consumption/products/\(other.id)/image"
            // One that says it is 2,000 px wide is refused, and nothing is stored.
            var wide = Array(thumbnail)
            wide.replaceSubrange(16..<20, with: [0, 0, 0x07, 0xD0])
            answer = try await http.upload(otherAction, file: png, name: "茶.png", type: "image/png", thumbnail: Data(wide))
            #expect(answer.status == .badRequest && answer.text.contains("640"), "\(answer.text.prefix(300))")
            #expect(try await t.products.get(other.id).images.isEmpty)
            answer = try await http.upload(otherAction, file: png, name: "茶.png", type: "image/png", thumbnail: thumbnail)
            #expect(answer.status == .seeOther)
            let image = try #require(try await t.products.get(other.id).images.first)
            #expect(image.thumbnailSize == thumbnail.count && image.size == png.count)
            let small = try await t.app.client.get(URI(string: http.base + "/products/\(other.id)/images/\(image.id)?size=thumb"))
            #expect(small.body.map { Data(buffer: $0) } == thumbnail)
            let full = try await t.app.client.get(URI(string: http.base + "/products/\(other.id)/images/\(image.id)"))
            #expect(full.body.map { Data(buffer: $0) } == png)
            #expect(try await http.get("/products?q=紫阳毛尖").text.contains("/products/\(other.id)/images/\(image.id)?size=thumb"))
        }
    }

    @Test("a park's picture is uploaded through the real server by its county's officer, shown on the public park page, refused to others")
    func parkPicture() async throws {
        try await withTestApp(.sqlite) { t in
            let officer = try await t.principal("zhashui-officer")
            let park = try await t.parks.create(samplePark("柞水测试园区", county: "611026", partner: "320118", form: "park_in_zone"), by: officer)
            let port = try await t.startServer()
            defer { Task { await t.stopServer() } }
            let http = RealBrowser(app: t.app, base: "http://127.0.0.1:\(port)")
            try await http.signIn("zhashui-officer", Fixture.password)
            let page = try await http.get("/parks/\(park.id)")
            #expect(page.text.contains("action=\"/manage/industry/pictures/\(park.id)\"") && page.text.contains("data-thumbnail"))
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let png = try Data(contentsOf: root.appendingPathComponent("Sources/XiezuoStore/Resources/DemoPictures/4-1.png"))
            let thumbnail = try Data(contentsOf: root.appendingPathComponent("Sources/XiezuoStore/Resources/DemoPictures/4-0.png"))
            var answer = try await http.upload("/manage/industry/pictures/\(park.id)", file: Data("GIF89a".utf8), name: "a.gif", type: "image/gif")
            #expect(answer.status == .badRequest && answer.text.contains("JPEG"), "\(answer.text.prefix(400))")
            answer = try await http.upload("/manage/industry/pictures/\(park.id)", file: png, name: "园区.png", type: "image/png", thumbnail: thumbnail)
            #expect(answer.status == .seeOther)
            let images = try await t.parks.images(of: park.id)
            #expect(images.count == 1 && images.first?.thumbnailSize == thumbnail.count)
            let image = try #require(images.first)
            // The public sees it: the thumbnail on the page, the picture behind it.
            let anonymous = RealBrowser(app: t.app, base: http.base)
            let shown = try await anonymous.get("/parks/\(park.id)").text
            #expect(shown.contains("/parks/\(park.id)/images/\(image.id)?size=thumb") && !shown.contains("/manage/industry/pictures/"))
            let small = try await t.app.client.get(URI(string: http.base + "/parks/\(park.id)/images/\(image.id)?size=thumb"))
            #expect(small.body.map { Data(buffer: $0) } == thumbnail && small.headers.contentType?.description == "image/png")
            // Another county's officer cannot add one.
            let fuping = RealBrowser(app: t.app, base: http.base)
            try await fuping.signIn("fuping-officer", Fixture.password)
            _ = try await fuping.get("/industries")
            #expect(try await fuping.upload("/manage/industry/pictures/\(park.id)", file: png, name: "x.png", type: "image/png").status == .notFound)
            #expect(try await t.parks.images(of: park.id).count == 1)
        }
    }
}

/// A client over real HTTP that keeps its session cookie and the form token, as a browser does.
struct RealBrowser {
    let app: Application
    let base: String
    final class Jar: @unchecked Sendable { var cookie = ""; var csrf = "" }
    let jar = Jar()

    init(app: Application, base: String) {
        // A browser's answer is the redirect itself: the tests look at where it points.
        app.http.client.configuration.redirectConfiguration = .disallow
        self.app = app
        self.base = base
    }

    struct Answer { var status: HTTPResponseStatus; var text: String }

    func send(_ method: HTTPMethod, _ path: String, form: [String: String]? = nil) async throws -> Answer {
        var headers: HTTPHeaders = ["Accept-Language": "zh-CN"]
        if !jar.cookie.isEmpty { headers.add(name: .cookie, value: jar.cookie) }
        if form != nil { headers.add(name: .contentType, value: "application/x-www-form-urlencoded") }
        let body = form.map { fields in
            fields.map { "\($0.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
                .joined(separator: "&")
        }
        let response = try await app.client.send(method, headers: headers, to: URI(string: base + path)) { request in
            if let body { request.body = ByteBuffer(string: body) }
        }
        if let set = response.headers.first(name: .setCookie)?.split(separator: ";").first { jar.cookie = String(set) }
        let text = response.body.map { String(buffer: $0) } ?? ""
        if let token = text.firstMatch(of: /name="_csrf" value="([^"]+)"/) { jar.csrf = String(token.1) }
        return Answer(status: response.status, text: text)
    }

    func get(_ path: String) async throws -> Answer { try await send(.GET, path) }

    func post(_ path: String, _ fields: [String: String]) async throws -> Answer {
        var fields = fields
        fields["_csrf"] = jar.csrf
        return try await send(.POST, path, form: fields)
    }

    /// Posts a file as a browser's file input does (`multipart/form-data`, field `image`).
    func upload(_ path: String, file: Data, name: String, type: String, thumbnail: Data? = nil) async throws -> Answer {
        let boundary = "----xiezuo\(UUID().uuidString)"
        var body = Data()
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(jar.csrf)\r\n".utf8))
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"image\"; filename=\"\(name)\"\r\nContent-Type: \(type)\r\n\r\n".utf8))
        body.append(file)
        if let thumbnail {
            body.append(Data("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"thumbnail\"; filename=\"thumbnail.png\"\r\nContent-Type: image/png\r\n\r\n".utf8))
            body.append(thumbnail)
        }
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers: HTTPHeaders = ["Accept-Language": "zh-CN", "Content-Type": "multipart/form-data; boundary=\(boundary)"]
        if !jar.cookie.isEmpty { headers.add(name: .cookie, value: jar.cookie) }
        let response = try await app.client.send(.POST, headers: headers, to: URI(string: base + path)) { request in
            request.body = ByteBuffer(data: body)
        }
        return Answer(status: response.status, text: response.body.map { String(buffer: $0) } ?? "")
    }

    func signIn(_ username: String, _ password: String) async throws {
        _ = try await get("/login")
        let answer = try await post("/login", ["username": username, "password": password])
        guard answer.status == .seeOther else { throw Abort(.unauthorized, reason: "sign-in failed: \(answer.status) \(answer.text.firstMatch(of: /<title>([^<]*)/).map { String($0.1) } ?? "")") }
        _ = try await get("/account")
    }
}
