import Foundation
import SQLKit
import Testing
import Vapor
@testable import XiezuoWeb
import XiezuoTestSupport

@Suite("Operations, errors and the OpenAPI document")
struct OperationsTests {
    @Test("health checks the database; metrics count requests by route, for the metrics token only", arguments: TestDatabase.all)
    func healthAndMetrics(database: TestDatabase) async throws {
        let token = "metrics-token-0123456789"
        try await withTestApp(database, seed: false, settings: { $0.metricsToken = token }) { t in
            let client = TestClient(t.app)
            let health = try await client.send(.GET, "/health")
            #expect(health.status == .ok)
            #expect(health.body.string == #"{"database":"ok","status":"ok"}"#)
            _ = try await client.send(.GET, "/regions/611026")
            _ = try await client.send(.GET, "/regions/610528")
            // Not to the public, nor to a wrong token: the 404 of a page that does not exist.
            #expect(try await client.send(.GET, "/metrics").status == .notFound)
            #expect(try await client.send(.GET, "/metrics", headers: .bearer("metrics-token-0123456788")).status == .notFound)
            let metrics = try await client.send(.GET, "/metrics", headers: .bearer(token)).body.string
            #expect(metrics.contains(#"xiezuo_http_requests_total{method="GET",route="/regions/:code",status="200"} 2"#))
            #expect(metrics.contains(#"xiezuo_http_request_duration_seconds_bucket{method="GET",route="/regions/:code""#))
        }
    }

    @Test("without a metrics token /metrics is not served; XIEZUO_METRICS_ADDRESS serves it, and only it, on a listener of its own")
    func metricsAddress() async throws {
        try await withTestApp(.sqlite, seed: false) { t in
            let client = TestClient(t.app)
            #expect(try await client.send(.GET, "/metrics").status == .notFound)
            #expect(try await client.send(.GET, "/metrics", headers: .bearer("")).status == .notFound)
            _ = try await client.send(.GET, "/regions/611026")
            let server = MetricsServer(host: "127.0.0.1", port: 0)
            try await server.didBootAsync(t.app)
            do {
                let port = try #require(server.boundPort)
                let metrics = try await t.app.client.get(URI(string: "http://127.0.0.1:\(port)/metrics"))
                #expect(metrics.status == .ok)
                #expect(metrics.body.map { String(buffer: $0) }?.contains(#"route="/regions/:code""#) == true)
                #expect(try await t.app.client.get(URI(string: "http://127.0.0.1:\(port)/regions/611026")).status == .notFound)
            } catch {
                await server.shutdownAsync(t.app)
                throw error
            }
            await server.shutdownAsync(t.app)
        }
        #expect(throws: SettingsError.self) { try Settings.fromEnvironment(["XIEZUO_METRICS_TOKEN": "short"]) }
        #expect(throws: SettingsError.self) { try Settings.fromEnvironment(["XIEZUO_METRICS_ADDRESS": "nowhere"]) }
        #expect(try Settings.fromEnvironment(["XIEZUO_METRICS_ADDRESS": "127.0.0.1:9464"]).metricsAddress == "127.0.0.1:9464")
        #expect(throws: SettingsError.self) { try Settings.fromEnvironment(["XIEZUO_ORDER_HOLD_MINUTES": "0"]) }
    }

    @Test("the site has an icon, so a browser's first visit logs no 404")
    func favicon() async throws {
        try await withTestApp(.sqlite, seed: false) { t in
            let client = TestClient(t.app)
            let icon = try await client.send(.GET, "/favicon.ico")
            #expect(icon.status == .ok && icon.body.readableBytes > 100)
            #expect(Array(icon.body.readableBytesView.prefix(4)) == [0, 0, 1, 0])
            #expect(try await client.send(.GET, "/").body.string.contains(#"<link rel="icon" href="/favicon.ico""#))
        }
    }

    @Test("a new SQLite file has 16 KB pages and a write-ahead log; preparing it again changes neither")
    func sqliteFileSettings() async throws {
        try await withTestApp(.sqlite, seed: false) { t in
            let sql = t.app.db as! any SQLDatabase
            func settings() async throws -> (Int, String) {
                (try await sql.raw("PRAGMA page_size").first()?.decode(column: "page_size", as: Int.self) ?? 0,
                 try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self) ?? "")
            }
            #expect(try await settings() == (16_384, "wal"))
            _ = try await Bootstrap.prepareDatabase(t.app)
            #expect(try await settings() == (16_384, "wal"))
            // Every event loop's connection has the connection settings.
            for eventLoop in t.app.eventLoopGroup.makeIterator() {
                let connection = t.app.databases.database(logger: t.app.logger, on: eventLoop) as! any SQLDatabase
                for (pragma, expected) in [("synchronous", 1), ("busy_timeout", 10_000), ("cache_size", -65_536), ("temp_store", 2),
                                           ("foreign_keys", 1)] {
                    let row = try await connection.raw(SQLQueryString("PRAGMA \(unsafeRaw: pragma)")).first()
                    let value = try row.map { try $0.decode(column: $0.allColumns.first ?? pragma, as: Int.self) }
                    #expect(value == expected, "\(pragma)")
                }
            }
        }
    }

    @Test("API errors are uniform JSON; page errors are HTML in the user's language", arguments: TestDatabase.all)
    func errors(database: TestDatabase) async throws {
        try await withTestApp(database, seed: false) { t in
            let client = TestClient(t.app)
            let api = try await client.send(.GET, "/api/v1/regions/999999")
            #expect(api.status == .notFound)
            #expect(api.headers.contentType == .json)
            #expect(api.body.string.hasPrefix(#"{"error":{"code":"not_found","message":""#))
            let zh = try await client.send(.GET, "/regions/999999")
            #expect(zh.status == .notFound)
            #expect(zh.body.string.contains("<html lang=\"zh-Hans\">"))
            #expect(zh.body.string.contains("找不到该记录"))
            let en = try await TestClient(t.app, headers: ["Accept-Language": "en-GB,en;q=0.9"]).send(.GET, "/no/such/page")
            #expect(en.status == .notFound)
            #expect(en.body.string.contains("This page does not exist."))
            // Staff pages send the public to the sign-in page.
            let redirect = try await client.send(.GET, "/admin/audit")
            #expect(redirect.status == .seeOther)
            #expect(redirect.headers.first(name: .location)?.hasPrefix("/login?next=") == true)
            #expect(try await client.send(.GET, "/api/v1/audit").status == .unauthorized)
        }
    }

    @Test("every registered /api/ route is in the OpenAPI document, and nothing else is", arguments: [TestDatabase.sqlite])
    func openAPIComplete(database: TestDatabase) async throws {
        try await withTestApp(database, seed: false) { t in
            let response = try await TestClient(t.app).send(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = document["paths"] as! [String: [String: Any]]
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            let registered = Set(t.app.routes.all.filter { $0.path.first?.description == "api" }.map { route in
                "\(route.method.rawValue) /" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
            })
            #expect(registered.subtracting(documented).isEmpty, "undocumented: \(registered.subtracting(documented).sorted())")
            #expect(documented.subtracting(registered).isEmpty, "documented but not registered: \(documented.subtracting(registered).sorted())")
            // Every schema reference resolves.
            let schemas = (document["components"] as! [String: Any])["schemas"] as! [String: Any]
            let text = response.body.string
            let refs = text.matches(of: /#\/components\/schemas\/([A-Za-z]+)/).map { String($0.1) }
            #expect(!refs.isEmpty)
            for ref in Set(refs) { #expect(schemas[ref] != nil, "missing schema \(ref)") }
            // The feed's paging headers are described with its success response.
            let feed = (paths["/api/v1/exchange/jobs"]?["get"] as? [String: Any])?["responses"] as? [String: Any]
            let headers = (feed?["200"] as? [String: Any])?["headers"] as? [String: Any]
            #expect(Set(headers?.keys.map { $0 } ?? []) == ["Xiezuo-Next", "Xiezuo-Has-More"])
        }
    }
}
