import Foundation
import NIOConcurrencyHelpers
import Vapor
import VaporTesting

/// A browser-like client for in-memory requests: keeps cookies between requests and finds CSRF tokens in forms.
public final class TestClient: Sendable {
    let app: Application
    private let jar = NIOLockedValueBox<[String: String]>([:])
    /// Extra headers sent with every request (e.g. `Accept-Language`).
    public let defaultHeaders: HTTPHeaders

    /// Creates a client with an empty cookie jar.
    public init(_ app: Application, headers: HTTPHeaders = [:]) {
        self.app = app
        self.defaultHeaders = headers
    }

    /// The cookies the server has set.
    public var cookies: [String: String] { jar.withLockedValue { $0 } }

    /// Sends a request with the jar's cookies and records any `Set-Cookie`.
    @discardableResult
    public func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws -> TestingHTTPResponse {
        var all = defaultHeaders
        for (name, value) in headers { all.replaceOrAdd(name: name, value: value) }
        let cookieHeader = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        if !cookieHeader.isEmpty { all.replaceOrAdd(name: .cookie, value: cookieHeader) }
        let response = try await app.testing().sendRequest(method, path, headers: all, body: body)
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            jar.withLockedValue { $0[parts[0]] = parts[1] }
        }
        return response
    }

    /// Sends a JSON body.
    @discardableResult
    public func json(_ method: HTTPMethod, _ path: String, _ text: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var all = headers
        all.replaceOrAdd(name: .contentType, value: "application/json")
        return try await send(method, path, headers: all, body: ByteBuffer(string: text))
    }

    /// Posts a URL-encoded form.
    @discardableResult
    public func form(_ path: String, _ fields: [String: String], headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var all = headers
        all.replaceOrAdd(name: .contentType, value: "application/x-www-form-urlencoded")
        let body = fields.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&")
        return try await send(.POST, path, headers: all, body: ByteBuffer(string: body))
    }

    /// The CSRF token of the form on `path`.
    public func csrf(from path: String = "/login") async throws -> String {
        let page = try await send(.GET, path)
        let html = page.body.string
        guard let range = html.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) else {
            throw TestClientError.noCSRFToken(path)
        }
        return String(html[range].dropFirst(#"name="_csrf" value=""#.count).dropLast())
    }

    /// Signs in through the login form.
    @discardableResult
    public func login(_ username: String, _ password: String) async throws -> TestingHTTPResponse {
        let token = try await csrf()
        return try await form("/login", ["_csrf": token, "username": username, "password": password, "next": "/"])
    }
}

/// Something a test expected from a page was not there.
public enum TestClientError: Error {
    case noCSRFToken(String)
}

extension HTTPHeaders {
    /// Headers with a bearer token.
    public static func bearer(_ token: String) -> HTTPHeaders { ["Authorization": "Bearer \(token)"] }
}
