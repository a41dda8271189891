import Foundation
import NIOConcurrencyHelpers
import Vapor
import XiezuoCore
import XiezuoStore

/// Public pages answered to visitors without a session, kept as rendered while nothing in the database changes.
///
/// A public page read by a visitor with no session and no token (most of the platform's readers: workers looking for
/// a job, buyers browsing products) shows the same thing to every such visitor of one language on one day, until a
/// write changes the database. So the first answer is kept, keyed by the path with its query, the language and the
/// day, and given again while the global change sequence (``DataVersion``: read again at most every 100 ms, at once
/// after this process's own writes) stays where it was. Measured: 7–18 times the pages a second (docs/performance.md).
///
/// Only `GET` of the public paths below; only when the request carries no cookie but `lang` and no `Authorization`;
/// only a `200` HTML answer that sets no cookie. Signed-in people always get a fresh page. At most ``maximumEntries``
/// pages and ``maximumBytes`` bytes are kept; past either, the cache starts over. An answer from the cache carries
/// `X-Cache: hit`.
final class PageCache: AsyncMiddleware {
    /// The first path segments of the public pages kept (`/` itself included).
    static let publicRoots: Set<String> = ["", "jobs", "products", "industries", "parks", "brands", "training", "gigs", "workshops",
                                           "regions"]
    static let maximumEntries = 2_000
    static let maximumBytes = 64 << 20

    private struct Entry {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders
        var body: ByteBuffer
    }
    private struct State {
        var version: Int64 = -1
        var entries: [String: Entry] = [:]
        var bytes = 0
    }
    private let state = NIOLockedValueBox(State())
    private let version: DataVersion

    init(version: DataVersion) {
        self.version = version
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let key = Self.key(for: request) else { return try await next.respond(to: request) }
        let current = try await version.current(on: request.db)
        let hit = state.withLockedValue { state -> Entry? in
            if state.version != current { state = State(version: current) }
            return state.entries[key]
        }
        if let hit {
            var headers = hit.headers
            headers.replaceOrAdd(name: "X-Cache", value: "hit")
            return Response(status: hit.status, headers: headers, body: .init(buffer: hit.body))
        }
        let response = try await next.respond(to: request)
        guard response.status == .ok, response.headers.first(name: .setCookie) == nil,
              response.headers.contentType?.subType == "html", let body = response.body.buffer,
              body.readableBytes <= Self.maximumBytes / 64 else { return response }
        let entry = Entry(status: response.status, headers: response.headers, body: body)
        state.withLockedValue { state in
            guard state.version == current else { return }
            if state.entries.count >= Self.maximumEntries || state.bytes + body.readableBytes > Self.maximumBytes {
                state = State(version: current)
            }
            state.entries[key] = entry
            state.bytes += body.readableBytes
        }
        return response
    }

    /// The cache key of a request that may be answered from the cache: the language, the day, the host and the path
    /// with its query; nil for every other request.
    static func key(for request: Request) -> String? {
        guard request.method == .GET, request.headers[.authorization].isEmpty else { return nil }
        let root = request.url.path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true).first.map(String.init) ?? ""
        guard publicRoots.contains(root) else { return nil }
        // Any cookie but the language's may carry a session (a cart, a flash, a sign-in).
        if request.headers[.cookie].contains(where: { header in
            header.split(separator: ";").contains { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("lang=") }
        }) { return nil }
        // The host too: no public page shows it today, but a page that did must not be given to another host's visitors.
        return "\(request.language.rawValue) \(request.today) \(request.headers.first(name: .host) ?? "") \(request.url.string)"
    }
}
