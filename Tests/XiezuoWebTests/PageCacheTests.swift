import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

@Suite("Public pages kept while nothing changes")
struct PageCacheTests {
    @Test("a visitor without a session gets the kept page until a write; each language and query its own; signed-in people and sessions never",
          arguments: TestDatabase.all)
    func keptUntilAWrite(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let visitor = TestClient(t.app)
            let zh: HTTPHeaders = ["Accept-Language": "zh-CN"]
            let first = try await visitor.send(.GET, "/jobs", headers: zh)
            #expect(first.status == .ok && first.headers.first(name: "X-Cache") == nil)
            let second = try await visitor.send(.GET, "/jobs", headers: zh)
            #expect(second.headers.first(name: "X-Cache") == "hit" && second.body.string == first.body.string)
            // Security headers are added to a kept page too.
            #expect(second.headers.first(name: "Content-Security-Policy") != nil)
            // Another language, another query: pages of their own.
            let english = try await visitor.send(.GET, "/jobs", headers: ["Accept-Language": "en"])
            #expect(english.headers.first(name: "X-Cache") == nil && english.body.string != first.body.string)
            #expect(try await visitor.send(.GET, "/jobs?q=%E5%8E%A8%E5%B8%88", headers: zh).headers.first(name: "X-Cache") == nil)
            // A write (here a new posting) shows at the next visit.
            let admin = try await t.principal("admin")
            let employer = try await t.employers.create(sampleEmployer(31), by: admin)
            _ = try await t.jobs.create(sampleJob("缓存测试厨师"), employerID: employer.id, by: admin)
            let after = try await visitor.send(.GET, "/jobs", headers: zh)
            #expect(after.headers.first(name: "X-Cache") == nil && after.body.string.contains("缓存测试厨师"))
            #expect(try await visitor.send(.GET, "/jobs", headers: zh).headers.first(name: "X-Cache") == "hit")
            // Signed in: always fresh.
            let officer = TestClient(t.app)
            try await officer.login("zhashui-officer", Fixture.password)
            for _ in 0..<2 { #expect(try await officer.send(.GET, "/jobs", headers: zh).headers.first(name: "X-Cache") == nil) }
            // A session cookie (a cart, a flash) is never answered from the cache; a language cookie is.
            var cookie = zh
            cookie.add(name: .cookie, value: "xiezuo_session=abc")
            #expect(try await visitor.send(.GET, "/jobs", headers: cookie).headers.first(name: "X-Cache") == nil)
            var language = zh
            language.add(name: .cookie, value: "lang=zh-Hans")
            let another = TestClient(t.app)
            _ = try await another.send(.GET, "/jobs", headers: language)
            #expect(try await another.send(.GET, "/jobs", headers: language).headers.first(name: "X-Cache") == "hit")
            // Not a public page, or not a page: never kept.
            for path in ["/login", "/api/v1/jobs", "/health"] {
                _ = try await another.send(.GET, path, headers: zh)
                #expect(try await another.send(.GET, path, headers: zh).headers.first(name: "X-Cache") == nil, "\(path)")
            }
        }
    }

    @Test("a write of another process (the change sequence moved in the database) shows once the version is read again",
          arguments: [TestDatabase.sqlite])
    func anotherProcess(database: TestDatabase) async throws {
        try await withTestApp(database, settings: { $0.pageCacheMilliseconds = 0 }) { t in
            let visitor = TestClient(t.app)
            _ = try await visitor.send(.GET, "/products")
            #expect(try await visitor.send(.GET, "/products").headers.first(name: "X-Cache") == "hit")
            // As another process would: the sequence moves without this process's write path.
            try await (t.app.db as! any SQLDatabase).raw("UPDATE change_sequence SET value = value + 1 WHERE name = 'global'").run()
            #expect(try await visitor.send(.GET, "/products").headers.first(name: "X-Cache") == nil)
        }
    }

    @Test("a product page gives a visitor no session and is kept; the first item goes in the cart by a post from this site; a post from another site, or from nowhere said, is refused",
          arguments: [TestDatabase.sqlite])
    func productPageWithoutSession(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            _ = try await DemoConsumption.generate(regions: t.regions, cipher: t.app.xiezuo.cipher, on: t.app.db)
            let product = try #require(try await ProductRepository(database: t.app.db).list(ProductFilter(), page: Paging(perPage: 50)).items
                .first { $0.isCertified && $0.stock > 5 })
            let visitor = TestClient(t.app)
            let page = try await visitor.send(.GET, "/products/\(product.id)")
            #expect(page.status == .ok && page.headers.first(name: .setCookie) == nil && !page.body.string.contains("_csrf"))
            #expect(try await visitor.send(.GET, "/products/\(product.id)").headers.first(name: "X-Cache") == "hit")
            #expect(visitor.cookies.isEmpty)
            let body = ByteBuffer(string: "productId=\(product.id)&quantity=2")
            var form: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded", "Host": "xiezuo.test"]
            // From another site, or saying nothing of where it comes from: refused, nothing kept.
            form.replaceOrAdd(name: .origin, value: "https://evil.example")
            #expect(try await TestClient(t.app).send(.POST, "/cart", headers: form, body: body).status == .forbidden)
            form.remove(name: .origin)
            #expect(try await TestClient(t.app).send(.POST, "/cart", headers: form, body: body).status == .forbidden)
            var crossSite = form
            crossSite.add(name: "Sec-Fetch-Site", value: "cross-site")
            #expect(try await TestClient(t.app).send(.POST, "/cart", headers: crossSite, body: body).status == .forbidden)
            // From this site's page: the item goes in a new cart, which the visitor's new session keeps.
            form.replaceOrAdd(name: .origin, value: "http://xiezuo.test")
            let added = try await visitor.send(.POST, "/cart", headers: form, body: body)
            #expect(added.status == .seeOther, "\(added.status): \(added.body.string.prefix(200))")
            #expect(!visitor.cookies.isEmpty)
            let cart = try await visitor.send(.GET, "/cart")
            #expect(cart.body.string.contains(product.name))
            // With a session, the token is required again (a cross-site post cannot use the session).
            let again = try await visitor.send(.POST, "/cart", headers: form, body: body)
            #expect(again.status == .forbidden)
            #expect(try await visitor.send(.GET, "/products/\(product.id)").body.string.contains("_csrf"))
            // The browser's own word works too.
            var fetchSite: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"]
            fetchSite.add(name: "Accept", value: "text/html")
            #expect(try await TestClient(t.app).send(.POST, "/cart", headers: fetchSite, body: body).status == .seeOther)
        }
    }
}
