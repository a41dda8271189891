import Foundation
import Testing
import Vapor
import XiezuoCore
import XiezuoTestSupport

@Suite("Bad input")
struct BadInputTests {
    struct Case: Sendable, CustomStringConvertible {
        var method: HTTPMethod
        var path: String
        var body: String?
        var field: String
        var code: String
        var description: String { "\(method) \(path) → \(field)" }
    }

    static let cases: [Case] = [
        Case(method: .POST, path: "/api/v1/pairings", body: "{not json", field: "body", code: "malformed_json"),
        Case(method: .POST, path: "/api/v1/pairings", body: "[1,2]", field: "body", code: "wrong_type"),
        Case(method: .POST, path: "/api/v1/pairings", body: "", field: "body", code: "malformed_json"),
        Case(method: .POST, path: "/api/v1/pairings", body: #"{"eastCode":"999999","westCode":"610528","validFrom":2025}"#, field: "eastCode", code: "unknown_region"),
        Case(method: .POST, path: "/api/v1/pairings", body: #"{"eastCode":"320506","westCode":"610528","validFrom":"2025年"}"#, field: "validFrom", code: "wrong_type"),
        Case(method: .POST, path: "/api/v1/pairings", body: #"{"eastCode":320506,"westCode":"610528","validFrom":2025}"#, field: "eastCode", code: "wrong_type"),
        Case(method: .POST, path: "/api/v1/pairings", body: #"{"eastCode":"320506","westCode":"610528","validFrom":2025,"note":"\#(String(repeating: "长", count: 501))"}"#, field: "note", code: "too_long"),
        Case(method: .PATCH, path: "/api/v1/pairings/{pairing}", body: #"{"validTo":"soon"}"#, field: "validTo", code: "wrong_type"),
        Case(method: .PATCH, path: "/api/v1/pairings/{pairing}", body: #"{"validTo":1900}"#, field: "validTo", code: "year_out_of_range"),
        Case(method: .POST, path: "/api/v1/users", body: #"{"username":"new-user","displayName":"\#(String(repeating: "名", count: 65))","role":"worker","password":"a-long-password"}"#, field: "displayName", code: "too_long"),
        Case(method: .POST, path: "/api/v1/users", body: #"{"username":"new user","displayName":"x","role":"worker","password":"a-long-password"}"#, field: "username", code: "username_format"),
        Case(method: .POST, path: "/api/v1/users", body: #"{"username":"new-user","displayName":"x","role":"officer","jurisdiction":"619999","password":"a-long-password"}"#, field: "jurisdiction", code: "unknown_region"),
        Case(method: .POST, path: "/api/v1/users", body: #"{"username":"new-user","displayName":"x","role":"officer","jurisdiction":"611026","password":"short"}"#, field: "password", code: "password_too_short"),
        Case(method: .PATCH, path: "/api/v1/users/{account}", body: #"{"disabled":"yes"}"#, field: "disabled", code: "wrong_type"),
        Case(method: .GET, path: "/api/v1/pairings?year=abc", body: nil, field: "year", code: "wrong_type"),
        Case(method: .GET, path: "/api/v1/pairings?region=12", body: nil, field: "region", code: "unknown_region"),
        Case(method: .GET, path: "/api/v1/regions?parent=99", body: nil, field: "parent", code: "unknown_region"),
        Case(method: .GET, path: "/api/v1/audit?from=yesterday", body: nil, field: "from", code: "wrong_type"),
    ]

    @Test("each bad request is a 400 naming the field, and no row changes", arguments: TestDatabase.all)
    func refusals(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.account("admin")
            let secret = try await t.tokens.create(for: admin.id, name: "test", by: admin.principal).secret
            let pairing = try await t.pairings.list(region: "611026").items[0]
            let fuping = try await t.account("fuping-officer")
            let tables = ["pairings", "accounts", "api_tokens", "audit_log"]
            var before: [String: Int] = [:]
            for table in tables { before[table] = try await t.count(table) }
            let client = TestClient(t.app)
            for item in Self.cases {
                let path = item.path.replacingOccurrences(of: "{pairing}", with: pairing.id.uuidString)
                    .replacingOccurrences(of: "{account}", with: fuping.id.uuidString)
                var headers = HTTPHeaders.bearer(secret)
                if item.body != nil { headers.add(name: .contentType, value: "application/json") }
                let response = try await client.send(item.method, path, headers: headers, body: item.body.map { ByteBuffer(string: $0) })
                #expect(response.status == .badRequest, "\(item)")
                let error = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView)).error
                #expect(error.field == item.field, "\(item)")
                #expect(error.code == item.code, "\(item)")
                #expect(!error.message.isEmpty)
            }
            for table in tables { #expect(try await t.count(table) == before[table], "\(table) changed") }
        }
    }

    @Test("a form with a bad field shows the message beside it and writes nothing", arguments: TestDatabase.all)
    func formErrors(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let browser = TestClient(t.app)
            try await browser.login("shaanxi-coordinator", Fixture.password)
            let csrf = try await browser.csrf(from: "/pairings/new")
            let before = try await t.count("pairings")
            let response = try await browser.form("/pairings", ["_csrf": csrf, "eastCode": "320506", "westCode": "6105", "validFrom": "2025"])
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains(#"<span class="field-error">双方须为同一层级"#))
            #expect(response.body.string.contains(#"value="6105""#))
            #expect(try await t.count("pairings") == before)
        }
    }

    struct ErrorBody: Decodable {
        struct Inner: Decodable { var code: String; var message: String; var field: String? }
        var error: Inner
    }
}
