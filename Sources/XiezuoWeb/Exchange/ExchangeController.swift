import Vapor
import XiezuoCore
import XiezuoStore

extension JobFeedRecord: Content {}

/// The partner change feed of job postings (DESIGN.md, "Job sharing between platforms"; format in docs/exchange.md).
struct ExchangeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "exchange", "jobs", use: feed)
    }

    static let operations: [APIOperation] = [
        APIOperation(.GET, "/api/v1/exchange/jobs", tag: "exchange",
                     summary: "Changes to job postings after a sequence number, in schema.org JobPosting vocabulary with tombstones (partner token)",
                     parameters: [.query("after", "Sequence number already read (0 for the start)", type: "integer"),
                                  .query("limit", "Records per page, 1–5000 (default 500)", type: "integer")],
                     response: .object("JobFeedPage"), secured: true),
    ]

    /// One feed page.
    struct Page: Content {
        var items: [JobFeedRecord]
        /// The `after` to ask for next.
        var next: Int64
        var hasMore: Bool
        /// The platform this feed comes from.
        var platform: String
        /// The highest change number now, so a reader can show its progress.
        var latest: Int64
    }

    /// Pages are large; the app's shared encoder sorts keys, which costs more than the rest of the encoding.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    func feed(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        guard Permissions.canReadExchangeFeed(principal) else { throw DomainError.forbidden }
        let after = Int64(try request.queryInt("after") ?? 0)
        guard after >= 0 else { throw DomainError.invalid("after", "negative") }
        let limit = try request.queryInt("limit") ?? 500
        guard (1...5_000).contains(limit) else { throw DomainError.invalid("limit", "out_of_range", ["max": "5000"]) }
        try await request.jobs.expireDue()
        let page = try await request.exchange.feed(after: after, limit: limit)
        let body = Page(items: page.records, next: page.next, hasMore: page.hasMore, platform: request.services.settings.platformID,
                        latest: try await request.exchange.latestChange())
        return Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"],
                        body: .init(data: try Self.encoder.encode(body)))
    }
}
