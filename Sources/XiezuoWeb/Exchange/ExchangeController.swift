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
                     response: .object("JobFeedPage"),
                     responseHeaders: [("Xiezuo-Next", "integer", "The body's `next`, so the following page can be asked for before this one is read"),
                                       ("Xiezuo-Has-More", "boolean", "The body's `hasMore`")],
                     secured: true),
    ]

    func feed(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        guard Permissions.canReadExchangeFeed(principal) else { throw DomainError.forbidden }
        let after = Int64(try request.queryInt("after") ?? 0)
        guard after >= 0 else { throw DomainError.invalid("after", "negative") }
        let limit = try request.queryInt("limit") ?? 500
        guard (1...5_000).contains(limit) else { throw DomainError.invalid("limit", "out_of_range", ["max": "5000"]) }
        try await request.jobs.expireDue()
        let page = try await request.exchange.feed(after: after, limit: limit)
        let latest = try await request.exchange.latestChange()
        // Written by hand (FeedJSON): pages are large, and Foundation's encoder cost more than reading the page.
        var json = FeedJSON(capacity: page.records.count * 1_600 + 200) // a record is ~1.3 KB: no regrowth
        json.beginObject()
        json.key("items")
        json.beginArray()
        for record in page.records { record.write(to: &json) }
        json.endArray()
        json.member("next", page.next)          // the `after` to ask for next
        json.member("hasMore", page.hasMore)
        json.member("platform", request.services.settings.platformID)
        json.member("latest", latest)           // the highest change number now, for a reader's progress
        json.endObject()
        // `next` and `hasMore` again as headers, so a reader can ask for the following page before reading this one.
        return Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8",
                                               "Xiezuo-Next": String(page.next), "Xiezuo-Has-More": String(page.hasMore)],
                        body: .init(buffer: ByteBuffer(bytes: json.bytes)))
    }
}
