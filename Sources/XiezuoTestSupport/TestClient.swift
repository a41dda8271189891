import Foundation
import NIOConcurrencyHelpers
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoStore

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

    /// Signs in through the login form, and the second-factor forms when the account has or needs one: the fixture's
    /// admins and coordinators have ``Fixture/secondFactorSecret``; an admin or coordinator without one enrols the
    /// secret the setup page shows (kept for later sign-ins). Answers the last response.
    @discardableResult
    public func login(_ username: String, _ password: String, next: String = "/") async throws -> TestingHTTPResponse {
        let token = try await csrf()
        let response = try await form("/login", ["_csrf": token, "username": username, "password": password, "next": next])
        switch response.headers.first(name: .location) {
        case "/login/second-factor": return try await secondFactor(username)
        case "/login/second-factor/setup": return try await enrol(username, at: "/login/second-factor/setup")
        default: return response
        }
    }

    /// Enrols the secret the setup page at `path` shows, with its current code; answers the page of recovery codes.
    @discardableResult
    public func enrol(_ username: String, at path: String) async throws -> TestingHTTPResponse {
        let page = try await send(.GET, path).body.string
        guard let range = page.range(of: #"class="secret-key">[A-Z2-7 ]+<"#, options: .regularExpression),
              let secret = XiezuoCore.Base32.decode(String(page[range].dropFirst(#"class="secret-key">"#.count).dropLast())) else {
            throw TestClientError.noSecret(path)
        }
        Self.secrets.withLockedValue { $0[key(username)] = secret }
        let token = try await csrf(from: path)
        return try await form(path, ["_csrf": token, "code": TOTP.code(secret: secret, counter: nextCounter(username))])
    }

    /// Answers the second-factor form with the next code this app has not seen used (a code is accepted once: three
    /// sign-ins of one account fit in each 30-second step).
    @discardableResult
    public func secondFactor(_ username: String) async throws -> TestingHTTPResponse {
        let token = try await csrf(from: "/login/second-factor")
        let secret = Self.secrets.withLockedValue { $0[key(username)] } ?? Fixture.secondFactorSecret
        return try await form("/login/second-factor", ["_csrf": token, "code": TOTP.code(secret: secret, counter: nextCounter(username))])
    }

    /// Keys the used steps by app (an id kept in the app's storage: a later app can live at the same address) and user.
    private func key(_ username: String) -> String {
        let id = app.storage[AppIdentity.self] ?? {
            let id = UUID().uuidString
            app.storage[AppIdentity.self] = id
            return id
        }()
        return id + "/" + username
    }

    private struct AppIdentity: StorageKey { typealias Value = String }

    /// The earliest time step the server still accepts that this account has not used (the server takes each step
    /// once, in increasing order): the one before now's (unless the clock is about to turn, when it would be two
    /// back by the time the server checks), now's, or the next: three sign-ins of one account in each 30 seconds.
    private func nextCounter(_ username: String) -> Int64 {
        let date = app.xiezuo.clock.now, now = TOTP.counter(at: date), key = key(username)
        let turning = date.timeIntervalSince1970.truncatingRemainder(dividingBy: TOTP.step) > TOTP.step - 5
        return Self.usedSteps.withLockedValue { used -> Int64 in
            let next = max(turning ? now : now - 1, (used[key] ?? Int64.min) + 1)
            used[key] = next
            return next
        }
    }

    private static let usedSteps = NIOLockedValueBox<[String: Int64]>([:])
    private static let secrets = NIOLockedValueBox<[String: [UInt8]]>([:])
}

/// Something a test expected from a page was not there.
public enum TestClientError: Error {
    case noCSRFToken(String)
    case noSecret(String)
}

extension HTTPHeaders {
    /// Headers with a bearer token.
    public static func bearer(_ token: String) -> HTTPHeaders { ["Authorization": "Bearer \(token)"] }
}
