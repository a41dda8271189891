import Foundation
import Vapor
import XiezuoCore
import XiezuoStore

/// Pulls a partner's change feed page by page and applies it: each page and the cursor move in one transaction,
/// so an interrupted sync resumes where it stopped and a repeated one changes nothing.
struct PartnerSync {
    let application: Application
    /// The feed URL, e.g. `http://127.0.0.1:8081/api/v1/exchange/jobs`; a base URL gets that path appended.
    let feedURL: String
    let token: String
    /// The cursor's name; by default the URL's scheme, host and port.
    let partner: String
    var pageSize = 1000
    /// Attempts per page before giving up, and the first delay between them (doubled each time).
    var attempts = 5
    var backoff: Duration = .milliseconds(500)
    /// Accept postings the partner relays from other platforms; by default only its own are taken.
    var acceptRelayed = false

    init(application: Application, url: String, token: String, partner: String?) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme, ["http", "https"].contains(scheme),
              let host = components.host else {
            throw SyncError.badURL(url)
        }
        self.application = application
        self.token = token
        feedURL = components.path.hasSuffix("/exchange/jobs") ? url : url.trimmingSuffix("/") + "/api/v1/exchange/jobs"
        self.partner = partner ?? "\(scheme)://\(host)\(components.port.map { ":\($0)" } ?? "")"
    }

    /// Runs until the feed has no more pages. `progress` gets a fraction, `log` each retry and skipped record.
    func run(progress: (Double) -> Void = { _ in }, log: @escaping @Sendable (String) -> Void = { _ in }) async throws -> SyncReport {
        let exchange = JobExchange(database: application.db, regions: application.xiezuo.regions,
                                   platform: application.xiezuo.settings.platformID)
        var report = SyncReport()
        let start = try await exchange.cursor(for: partner)
        // The next page is fetched, decoded and checked while this one is written: the CPU work and the database's
        // each take a core.
        var page = try await fetchChecked(after: start, exchange: exchange, log: log)
        var after = start
        while true {
            let (current, checked) = page
            let more = current.hasMore && current.next > after
            after = current.next
            async let following = more ? fetchChecked(after: current.next, exchange: exchange, log: log) : nil
            report.add(try await exchange.apply(checked, from: partner, next: current.next))
            let malformed = current.items.filter { $0 == nil }.count
            if malformed > 0 {
                report.received += malformed
                report.skipped["malformed_json", default: 0] += malformed
                log("skipped \(malformed) items of the page after \(after) that are not JSON objects")
            }
            if let latest = current.latest, latest > start { progress(min(1, Double(current.next - start) / Double(latest - start))) }
            guard let next = try await following else { break }
            page = next
        }
        progress(1)
        return report
    }

    /// One page fetched and its records checked, refused outright if it comes from this very platform.
    func fetchChecked(after: Int64, exchange: JobExchange, log: @escaping @Sendable (String) -> Void) async throws
        -> (page: Page, checked: JobExchange.CheckedPage) {
        let page = try await fetch(after: after, log: log)
        if page.platform == application.xiezuo.settings.platformID { throw SyncError.samePlatform(page.platform) }
        let origins: Set<String>? = acceptRelayed ? nil : [page.platform]
        let checked = exchange.check(page.items.compactMap { $0 }, origins: origins) { record, reason in
            log("skipped \(record.originPlatform ?? "?")/\(record.originId ?? "?") seq \(record.seq.map(String.init) ?? "?"): \(reason)")
        }
        return (page, checked)
    }

    /// One page as the feed sends it.
    struct Page {
        /// The records; nil for an item that is not a JSON object (counted as `malformed_json`).
        var items: [JobFeedRecord?]
        var next: Int64
        var hasMore: Bool
        var platform: String
        var latest: Int64?

        /// Reads a page with ``JSONPullReader`` (a fifth of a sync's CPU went to `JSONDecoder` here); throws when
        /// the body is not JSON or lacks `items`, `next`, `hasMore` or `platform`, and the page is fetched again.
        init(json bytes: ByteBuffer) throws {
            var items: [JobFeedRecord?]?, next: Int64?, hasMore: Bool?, platform: String?, latest: Int64?
            try JSONPullReader.read(bytes.readableBytesView) { reader in
                guard try reader.peek() == .object else { throw SyncError.badPage }
                try reader.readObject { reader, key in
                    if key.is("items"), items == nil {
                        var records: [JobFeedRecord?] = []
                        try reader.readArray { reader in records.append(try JobFeedRecord.read(&reader)) }
                        items = records
                    } else if key.is("next"), next == nil {
                        next = try reader.int64OrNil()
                    } else if key.is("hasMore"), hasMore == nil {
                        hasMore = try reader.boolOrNil()
                    } else if key.is("platform"), platform == nil {
                        platform = try reader.stringOrNil()
                    } else if key.is("latest"), latest == nil {
                        latest = try reader.int64OrNil()
                    } else {
                        try reader.skipValue()
                    }
                }
            }
            guard let items, let next, let hasMore, let platform else { throw SyncError.badPage }
            (self.items, self.next, self.hasMore, self.platform, self.latest) = (items, next, hasMore, platform, latest)
        }
    }

    /// One page, retried with exponential backoff on network errors, truncated bodies and server errors.
    func fetch(after: Int64, log: @Sendable (String) -> Void) async throws -> Page {
        var delay = backoff
        var attempt = 1
        while true {
            do {
                let response = try await application.client.get(URI(string: "\(feedURL)?after=\(after)&limit=\(pageSize)")) {
                    $0.headers.bearerAuthorization = BearerAuthorization(token: token)
                }
                switch response.status.code {
                case 200:
                    guard let body = response.body else { throw SyncError.emptyBody }
                    return try Page(json: body)
                case 401, 403:
                    throw SyncError.refused(response.status.code)
                case 408, 429, 500...599:
                    throw SyncError.status(response.status.code)
                default:
                    throw SyncError.rejected(response.status.code, response.body.map { String(buffer: $0) } ?? "")
                }
            } catch let error as SyncError where !error.isRetryable {
                throw error
            } catch {
                guard attempt < attempts else { throw SyncError.gaveUp(attempts, String(describing: error)) }
                log("attempt \(attempt) failed (\(error)); retrying in \(delay)")
                try await Task.sleep(for: delay)
                delay *= 2
                attempt += 1
            }
        }
    }
}

/// Why a sync stopped; shown to the operator through the localised `sync_error.*` messages.
enum SyncError: Error, CustomStringConvertible {
    case badURL(String), emptyBody, badPage, refused(UInt), status(UInt), rejected(UInt, String), gaveUp(Int, String),
         samePlatform(String), unreadableFile(String)

    var isRetryable: Bool {
        switch self {
        case .emptyBody, .badPage, .status: true
        default: false
        }
    }

    /// The localisation key of the message and its values.
    var messageKey: String {
        switch self {
        case .badURL: "sync_error.bad_url"
        case .emptyBody: "sync_error.empty_body"
        case .badPage: "sync_error.bad_page"
        case .refused: "sync_error.refused"
        case .status: "sync_error.status"
        case .rejected: "sync_error.rejected"
        case .gaveUp: "sync_error.gave_up"
        case .samePlatform: "sync_error.same_platform"
        case .unreadableFile: "sync_error.unreadable_file"
        }
    }

    var arguments: [String: String] {
        switch self {
        case .badURL(let url): ["url": url]
        case .emptyBody, .badPage: [:]
        case .refused(let code), .status(let code): ["code": String(code)]
        case .rejected(let code, let body): ["code": String(code), "body": String(body.prefix(300))]
        case .gaveUp(let attempts, let last): ["attempts": String(attempts), "last": last]
        case .samePlatform(let id): ["platform": id]
        case .unreadableFile(let path): ["path": path]
        }
    }

    /// For logs: the key and its values.
    var description: String { "\(messageKey) \(arguments)" }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
