import Foundation
import Vapor
import XiezuoCore
import XiezuoStore

/// Pulls a partner's change feed page by page and applies it: each group of pages and the cursor move in one
/// transaction, so an interrupted sync resumes where it stopped and a repeated one changes nothing.
struct PartnerSync {
    let application: Application
    /// The feed URL, e.g. `http://127.0.0.1:8081/api/v1/exchange/jobs`; a base URL gets that path appended.
    let feedURL: String
    let token: String
    /// The cursor's name; by default the URL's scheme, host and port.
    let partner: String
    var pageSize = 1000
    /// Records written per transaction: pages are grouped until they hold this many (two groups are in memory at
    /// once, the one being written and the next). Measured on 1,000,000 postings (docs/performance.md, seventh
    /// session): 5,000 a transaction synced 18,900/s with 233 MB of heap, 20,000 about 23,000/s with 385 MB, 50,000
    /// about 24,000/s with 631 MB.
    var rowsPerTransaction = 20_000
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
        let exchange = application.exchange
        var report = SyncReport()
        let start = try await exchange.cursor(for: partner)
        // Pages are written in groups of about `rowsPerTransaction` records, one transaction each (see
        // `JobExchange.apply(_:from:next:)` for why), while the next group is fetched and checked; within that,
        // a page is checked while the next one is fetched, and a group hands the request for the page after it to
        // the next group, so the sender always has a page to prepare.
        var (group, ahead) = try await fetchGroup(after: nil, start: start, ahead: nil, exchange: exchange, log: log)
        while let last = group.last?.page {
            let pages = group
            let carried = ahead
            async let following = fetchGroup(after: last, start: start, ahead: carried, exchange: exchange, log: log)
            do {
                report.add(try await exchange.apply(pages.map(\.checked), from: partner, next: last.next))
            } catch {
                // The next group may already have asked for the page after it: that request is cancelled too.
                (try? await following)?.ahead?.fetch.cancel()
                throw error
            }
            for (page, _) in pages where page.malformed > 0 {
                report.received += page.malformed
                report.skipped["malformed_json", default: 0] += page.malformed
                log(application.operatorLine("cli.sync_log_not_objects", ["count": String(page.malformed), "after": String(page.after)]))
            }
            if let latest = last.latest, latest > start { progress(min(1, Double(last.next - start) / Double(latest - start))) }
            (group, ahead) = try await following
        }
        progress(1)
        return report
    }

    /// A page asked for before it is needed: the cursor it was asked for and the request in flight.
    struct Ahead: Sendable {
        var after: Int64
        var fetch: Task<Fetched, any Error>

        /// The fetched page; cancelling the waiting task cancels the request's retries too.
        var value: Fetched {
            get async throws { try await withTaskCancellationHandler { try await fetch.value } onCancel: { fetch.cancel() } }
        }
    }

    /// The pages after `previous` (from `start` when nil), fetched and checked, until they hold `rowsPerTransaction`
    /// records or the feed ends; and the request for the page after them, already on its way. Empty when
    /// `previous` was the last.
    ///
    /// The sender is never left waiting: while a page is read and checked, the next is already asked for, also
    /// across groups (`ahead` is the one the previous group asked for). When the sender's headers say where the
    /// next page starts (`Xiezuo-Next`, `Xiezuo-Has-More`), it is asked for before this one is even read. The
    /// headers are checked against the body: if they disagree, the page they pointed to is dropped and the body's
    /// is fetched.
    func fetchGroup(after previous: Page?, start: Int64, ahead carried: Ahead?, exchange: JobExchange,
                    log: @escaping @Sendable (String) -> Void) async throws -> (group: [(page: Page, checked: JobExchange.CheckedPage)], ahead: Ahead?) {
        var group: [(page: Page, checked: JobExchange.CheckedPage)] = []
        var records = 0
        let from: Int64? = if let previous { previous.continues ? previous.next : nil } else { start }
        var next: Fetched?
        if let carried, carried.after == from {
            next = try await carried.value
        } else {
            carried?.fetch.cancel()
            if let from { next = try await fetchBody(after: from, log: log) }
        }
        while let fetched = next {
            try Task.checkCancellation()
            var ahead: Ahead?
            if let hint = fetched.hint, hint.hasMore, hint.next > fetched.after { ahead = self.ahead(hint.next, log: log) }
            do {
                let page = try await read(fetched, log: log)
                if let asked = ahead, !page.continues || asked.after != page.next {
                    asked.fetch.cancel()
                    ahead = nil
                }
                if ahead == nil, page.continues { ahead = self.ahead(page.next, log: log) }
                records += page.received
                group.append((page, try check(page, exchange: exchange, log: log)))
            } catch {
                ahead?.fetch.cancel()
                throw error
            }
            guard let asked = ahead else { break }
            if records >= rowsPerTransaction { return (group, asked) }
            next = try await asked.value
        }
        return (group, nil)
    }

    /// Asks for the page after `after` now, to be awaited later.
    func ahead(_ after: Int64, log: @escaping @Sendable (String) -> Void) -> Ahead {
        Ahead(after: after, fetch: Task { try await fetchBody(after: after, log: log) })
    }

    /// A page's records checked, refused outright if the page comes from this very platform.
    func check(_ page: Page, exchange: JobExchange, log: @escaping @Sendable (String) -> Void) throws -> JobExchange.CheckedPage {
        if page.platform == application.xiezuo.settings.platformID { throw SyncError.samePlatform(page.platform) }
        let origins: Set<String>? = acceptRelayed ? nil : [page.platform]
        return exchange.check(page.records, origins: origins) { record, reason in
            log(application.operatorLine("cli.sync_log_skipped", ["origin": record.originLabel, "seq": record.seq.map(String.init) ?? "?",
                                                                  "reason": reason]))
        }
    }

    /// One page as the feed sends it.
    struct Page {
        /// The records that are JSON objects.
        var records: [JobFeedRecord]
        /// Items that are not JSON objects (counted as `malformed_json`).
        var malformed: Int
        /// Items on the page, objects or not.
        var received: Int { records.count + malformed }
        /// The cursor the page was asked for.
        var after: Int64 = 0
        var next: Int64
        var hasMore: Bool
        var platform: String
        var latest: Int64?

        /// More pages follow and the cursor moved (a feed whose `next` stands still would be read forever).
        var continues: Bool { hasMore && next > after }

        /// Reads a fetched body (see ``init(json:)``).
        init(_ fetched: Fetched) throws {
            try self.init(json: fetched.body)
            after = fetched.after
        }

        /// Reads a page with ``JSONPullReader`` (a fifth of a sync's CPU went to `JSONDecoder` here); throws when
        /// the body is not JSON or lacks `items`, `next`, `hasMore` or `platform`, and the page is fetched again.
        init(json bytes: ByteBuffer) throws {
            var records: [JobFeedRecord]?, malformed = 0, next: Int64?, hasMore: Bool?, platform: String?, latest: Int64?
            try JSONPullReader.read(bytes.readableBytesView) { reader in
                guard try reader.peek() == .object else { throw SyncError.badPage }
                try reader.readObject { reader, key in
                    if key.is("items"), records == nil {
                        var read: [JobFeedRecord] = []
                        try reader.readArray { reader in
                            if let record = try JobFeedRecord.read(&reader) { read.append(record) } else { malformed += 1 }
                        }
                        records = read
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
            guard let records, let next, let hasMore, let platform else { throw SyncError.badPage }
            (self.records, self.malformed, self.next, self.hasMore, self.platform, self.latest) = (records, malformed, next, hasMore, platform, latest)
        }
    }

    /// A fetched body, not yet read, with where the sender's headers say the next page starts.
    struct Fetched: Sendable {
        /// The cursor the page was asked for.
        var after: Int64
        var body: ByteBuffer
        /// `Xiezuo-Next` and `Xiezuo-Has-More`, when the sender sent both.
        var hint: (next: Int64, hasMore: Bool)?
    }

    /// One page's body, fetched again with exponential backoff on network errors and server errors.
    func fetchBody(after: Int64, log: @Sendable (String) -> Void) async throws -> Fetched {
        try await retrying(log: log) { try await response(after: after) }
    }

    /// A fetched body read; if it cannot be, the page is fetched (and read) again, the first fetch counting as the
    /// first of the `attempts`.
    func read(_ fetched: Fetched, log: @Sendable (String) -> Void) async throws -> Page {
        do {
            return try Page(fetched)
        } catch let error as SyncError where !error.isRetryable {
            throw error
        } catch {
            return try await retrying(after: error, log: log) { try Page(try await response(after: fetched.after)) }
        }
    }

    /// Runs `body` until it succeeds, at most `attempts` times (counting a `firstFailure` that already happened),
    /// doubling the delay after each retryable failure.
    func retrying<T>(after firstFailure: (any Error)? = nil, log: @Sendable (String) -> Void, _ body: () async throws -> T)
        async throws -> T {
        var delay = backoff
        var attempt = 1
        var failure = firstFailure
        while true {
            if let error = failure {
                guard attempt < attempts else { throw SyncError.gaveUp(attempts, String(describing: error)) }
                let milliseconds = delay.components.seconds * 1_000 + delay.components.attoseconds / 1_000_000_000_000_000
                log(application.operatorLine("cli.sync_log_retrying", ["attempt": String(attempt), "error": String(describing: error),
                                                                       "ms": String(milliseconds)]))
                try await Task.sleep(for: delay)
                delay *= 2
                attempt += 1
            }
            do {
                return try await body()
            } catch let error as SyncError where !error.isRetryable {
                throw error
            } catch {
                failure = error
            }
        }
    }

    /// One request for the page after `after`: its body, or the error its status means.
    func response(after: Int64) async throws -> Fetched {
        let response = try await application.client.get(URI(string: "\(feedURL)?after=\(after)&limit=\(pageSize)")) {
            $0.headers.bearerAuthorization = BearerAuthorization(token: token)
        }
        switch response.status.code {
        case 200:
            guard let body = response.body else { throw SyncError.emptyBody }
            var hint: (next: Int64, hasMore: Bool)?
            if let next = response.headers.first(name: "Xiezuo-Next").flatMap({ Int64($0) }),
               let hasMore = response.headers.first(name: "Xiezuo-Has-More").flatMap({ Bool($0) }) {
                hint = (next, hasMore)
            }
            return Fetched(after: after, body: body, hint: hint)
        case 401, 403:
            throw SyncError.refused(response.status.code)
        case 408, 429, 500...599:
            throw SyncError.status(response.status.code)
        default:
            throw SyncError.rejected(response.status.code, response.body.map { String(buffer: $0) } ?? "")
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
