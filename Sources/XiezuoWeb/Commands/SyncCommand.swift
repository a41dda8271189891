import Foundation
import Vapor
import XiezuoCore
import XiezuoStore

/// `xiezuo sync --from URL --token T` pulls a partner's job feed; `xiezuo sync --file feed.jsonl` takes the same
/// records from a file handed over by a platform that cannot call an API.
struct SyncCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "from", help: "The partner's base URL or feed URL")
        var from: String?
        @Option(name: "token", help: "The partner token (xz_…) the partner issued to this node")
        var token: String?
        @Option(name: "file", help: "A JSON-lines file of feed records instead of a URL")
        var file: String?
        @Option(name: "partner", help: "Name of the cursor kept for this partner (default: the URL's host and port)")
        var partner: String?
        @Option(name: "limit", help: "Records per page, 1–5000 (default 1000)")
        var limit: Int?
        @Option(name: "per-commit", help: "Records written per transaction, 1–1000000 (default 20000; more are faster and use more memory)")
        var perCommit: Int?
        @Option(name: "retries", help: "Attempts per page on network errors (default 5)")
        var retries: Int?
        @Option(name: "backoff-ms", help: "First wait between attempts in milliseconds, doubled each time (default 500)")
        var backoffMs: Int?
        @Flag(name: "accept-relayed", help: "Also take postings the partner relays from other platforms (default: only its own)")
        var acceptRelayed: Bool
        init() {}
    }

    var help: String { "Pulls job postings from a partner platform's change feed (or a .jsonl file) and applies them." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        _ = try await Bootstrap.prepareDatabase(app)
        let bar = context.console.progressBar(title: app.xiezuo.localizer.text("cli.syncing", app.xiezuo.terminalLanguage))
        let log: @Sendable (String) -> Void = { app.logger.warning("\($0)") }
        let run: ((Double) -> Void) async throws -> SyncReport
        let perCommit = signature.perCommit
        if let perCommit, !(1...1_000_000).contains(perCommit) { throw context.failure("cli.sync_bad_per_commit") }
        switch (signature.from, signature.file) {
        case (let url?, nil):
            guard let token = signature.token, !token.isEmpty else { throw context.failure("cli.sync_needs_token") }
            var sync: PartnerSync
            do {
                sync = try PartnerSync(application: app, url: url, token: token, partner: signature.partner)
            } catch let error as SyncError {
                throw failure(error, context)
            }
            if let limit = signature.limit {
                guard (1...5_000).contains(limit) else { throw context.failure("cli.sync_bad_limit") }
                sync.pageSize = limit
            }
            if let perCommit { sync.rowsPerTransaction = perCommit }
            if let retries = signature.retries { sync.attempts = max(1, retries) }
            if let backoff = signature.backoffMs { sync.backoff = .milliseconds(max(0, backoff)) }
            sync.acceptRelayed = signature.acceptRelayed
            run = { [sync] progress in try await sync.run(progress: progress, log: log) }
        case (nil, let path?):
            var sync = FileSync(application: app, path: path)
            if let perCommit { sync.rowsPerTransaction = perCommit }
            run = { [sync] progress in try await sync.run(progress: progress, log: log) }
        default:
            throw context.failure("cli.sync_needs_source")
        }
        bar.start()
        let report: SyncReport
        do {
            report = try await run { bar.activity.currentProgress = $0 }
        } catch let error as SyncError {
            bar.fail()
            throw failure(error, context)
        } catch {
            bar.fail()
            throw context.failure("cli.sync_failed", ["reason": String(describing: error)])
        }
        bar.succeed()
        context.say("cli.sync_report", ["received": String(report.received), "created": String(report.created),
                                        "updated": String(report.updated), "removed": String(report.removed),
                                        "skipped": String(report.skippedTotal)], style: .success)
        for (reason, count) in report.skipped.sorted(by: { $0.key < $1.key }) {
            context.say("cli.sync_skipped", ["reason": reason, "count": String(count)])
        }
    }
}

extension SyncCommand {
    /// The localised command-line error for a failed sync.
    func failure(_ error: SyncError, _ context: CommandContext) -> CommandLineError {
        let services = context.application.xiezuo
        return context.failure("cli.sync_failed", ["reason": services.localizer.text(error.messageKey, services.terminalLanguage, error.arguments)])
    }
}

/// Applies a JSON-lines file of feed records in batches, one transaction each; a line that is not a record is
/// skipped with its number.
struct FileSync {
    let application: Application
    let path: String
    /// Records per batch (`--per-commit`; see `PartnerSync.rowsPerTransaction`).
    var rowsPerTransaction = 20_000

    func run(progress: (Double) -> Void, log: (String) -> Void) async throws -> SyncReport {
        guard let data = FileManager.default.contents(atPath: path) else { throw SyncError.unreadableFile(path) }
        let exchange = application.exchange
        var report = SyncReport()
        var batch: [JobFeedRecord] = []
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        func flush() async throws {
            guard !batch.isEmpty else { return }
            report.add(try await exchange.apply(batch, from: "file:" + path, next: nil) { record, reason in
                log(application.operatorLine("cli.sync_log_skipped_record", ["origin": record.originLabel, "reason": reason]))
            })
            batch.removeAll(keepingCapacity: true)
        }
        for (number, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if trimmed.isEmpty { continue }
            if let record = try? JSONPullReader.read(trimmed, { try JobFeedRecord.read(&$0) }) {
                batch.append(record)
            } else {
                report.received += 1
                report.skipped["malformed_json", default: 0] += 1
                log(application.operatorLine("cli.sync_log_skipped_line", ["line": String(number + 1), "reason": "malformed_json"]))
            }
            if batch.count >= rowsPerTransaction {
                try await flush()
                progress(Double(number + 1) / Double(lines.count))
            }
        }
        try await flush()
        progress(1)
        return report
    }
}

extension Application {
    /// A localised line for the operator's log of a sync, in the command line's language.
    func operatorLine(_ key: String, _ arguments: [String: String]) -> String {
        xiezuo.localizer.text(key, xiezuo.terminalLanguage, arguments)
    }
}

extension JobFeedRecord {
    /// `platform/id` of the record's origin as received (`?` for what is missing), for log lines.
    var originLabel: String { "\(originPlatform ?? "?")/\(originId ?? "?")" }
}
