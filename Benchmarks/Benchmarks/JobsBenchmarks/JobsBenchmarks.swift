// The job-board search target of the labour capability: a 2–4 character Chinese query plus a place filter,
// first page, over 1,000,000 open postings. The same queries as Benchmarks/jobs/tantivy_search.py.
//
// Prepare the data once:
//   XIEZUO_DATABASE_URL=/tmp/xiezuo-jobs.sqlite swift run -c release xiezuo demo --jobs 1000000
// then, from Benchmarks/:
//   XIEZUO_BENCH_JOBS_DB=/tmp/xiezuo-jobs.sqlite swift package benchmark --target JobsBenchmarks
import Benchmark
import Foundation
import Vapor
import XiezuoCore
import XiezuoStore
import XiezuoWeb

nonisolated(unsafe) var app: Application!
nonisolated(unsafe) var queries: [(text: String, region: String)] = []
nonisolated(unsafe) var index = JobSearchIndex()
nonisolated(unsafe) var profiles: [MatchProfile] = []
nonisolated(unsafe) var openPostings: [JobPosting] = []

/// Resident memory of this process in bytes (Linux).
func residentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) else { return 0 }
    return kilobytes * 1024
}

/// The peer of the matching benchmark: score every open posting with the same scoring, keep the best per duplicate
/// group, sort, take the top.
func bruteForceMatches(_ profile: MatchProfile, limit: Int) -> [UUID] {
    var best: [String: (score: Int, posted: Date, id: UUID)] = [:]
    let prepared = MatchScoring.Prepared(profile)
    for posting in openPostings {
        guard let score = MatchScoring.score(prepared, posting: posting) else { continue }
        if let current = best[posting.duplicateKey], (current.score, current.posted) >= (score.score, posting.postedAt) { continue }
        best[posting.duplicateKey] = (score.score, posting.postedAt, posting.id)
    }
    return best.values.sorted { ($0.score, $0.posted) > ($1.score, $1.posted) }.prefix(limit).map(\.id)
}

/// Sends one request through the whole middleware stack in memory, as a client's request would go.
func send(_ path: String) async throws -> Response {
    let request = Request(application: app, method: .GET, url: URI(string: path), on: app.eventLoopGroup.next())
    let response = try await app.responder.respond(to: request).get()
    guard response.status == .ok else { fatalError("\(path): \(response.status) \(response.body.string ?? "")") }
    return response
}

func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], timeUnits: .microseconds,
                                           warmupIterations: 24, maxDuration: .seconds(10), maxIterations: 2_400)

    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = .error
        return handler
    }

    Benchmark.setup = {
        guard let path = ProcessInfo.processInfo.environment["XIEZUO_BENCH_JOBS_DB"] else {
            fatalError("set XIEZUO_BENCH_JOBS_DB to a database prepared with `xiezuo demo --jobs 1000000`")
        }
        let file = ProcessInfo.processInfo.environment["XIEZUO_BENCH_QUERIES"] ?? "jobs/queries.tsv"
        queries = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t").map(String.init)
            return parts.count == 2 && !line.hasPrefix("#") ? (parts[0], parts[1]) : nil
        }
        let created = try await Application.make(.production)
        created.logger.logLevel = .error
        try XiezuoApp.configure(created, settings: Settings(database: .sqlite(path: path), bcryptCost: 4, dataKeyFile: path + ".key"))
        _ = try await Bootstrap.prepareDatabase(created)
        app = created
        let start = ContinuousClock.now
        index = try await created.xiezuo.jobSearch.current(on: created.db, today: Day(Date()))
        let built = ContinuousClock.now - start
        var report = "index built from the database in \(built): \(index.count) open postings\n"
        for query in queries {
            let hits = index.search(JobQuery(text: query.text, region: query.region), today: Day(Date()), offset: 0, limit: 20)
            report += "\(query.text)\t\(query.region)\t\(hits.total)\n"
        }
        try report.write(toFile: "/tmp/xiezuo-jobs-hits.tsv", atomically: true, encoding: .utf8)

        // Matching: twenty generated worker profiles from the demo counties, wishing the demo jobs' occupations.
        let pairings = try await PairingRepository(database: created.db, regions: created.xiezuo.regions).list(page: Paging(perPage: 200)).items
        let homes = ["611026", "611022", "610528", "610827", "610922", "611024", "610924", "611021", "610921", "610124"]
        let wishes = [["4-03-02-01"], ["4-10-03-05"], ["6-25-04-07", "6-31"], ["4-02"], ["4-10-01-06"], ["6-18-02-04"], ["3-02-02-02"], ["4-07"]]
        profiles = (0..<20).map { n in
            let home = homes[n % homes.count]
            let paired = pairings.filter { home.hasPrefix($0.westCode) }.map(\.eastCode).sorted { ($0.count, $1) > ($1.count, $0) }
            return MatchProfile(occupations: wishes[n % wishes.count], preferredPlaces: n % 3 == 0 ? ["3205"] : [], pairedCities: paired,
                                homeCounty: home, minWage: Int64(3_000 + 500 * (n % 8)) * 100)
        }
        let before = residentBytes()
        openPostings = try await JobBoard(database: created.db, search: created.xiezuo.jobSearch).openPostings()
        let peerBytes = residentBytes() - before
        var agreement = 0
        for profile in profiles {
            let fast = index.matches(for: profile, today: Day(Date()), limit: 20).map(\.score.score)
            let slow = bruteForceMatches(profile, limit: 20).compactMap { id in openPostings.first { $0.id == id } }
                .compactMap { MatchScoring.score(profile, posting: $0)?.score }
            if fast == slow { agreement += 1 }
        }
        let matcherBytes = index.numbered * (16 + 1 + 4 + 4 + 4 + 4 + 8 + 1 + 4 + 4 + 4)
        try """
        open postings in the index: \(index.count); resident after the index: \(before / 1_048_576) MiB
        matcher's arrays (ids, live, county, occupation key, both ordinals, wage, benefits, last day, posted, group): \(matcherBytes / 1_048_576) MiB
        the peer's \(openPostings.count) JobPosting values: about \(peerBytes / 1_048_576) MiB more resident
        profiles whose top-20 scores agree between the index and the brute force: \(agreement) of \(profiles.count)

        """.write(toFile: "/tmp/xiezuo-match-report.txt", atomically: true, encoding: .utf8)
    }

    Benchmark.teardown = {
        try await app.asyncShutdown()
        app = nil
    }

    Benchmark("Job search API: query + place, first page",
              configuration: .init(scalingFactor: .one)) { benchmark in
        for iteration in benchmark.scaledIterations {
            let query = queries[iteration % queries.count]
            blackHole(try await send("/api/v1/jobs?q=\(encoded(query.text))&region=\(query.region)&perPage=20"))
        }
    }

    Benchmark("Top 20 jobs for one worker (index scan)",
              configuration: .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(10), maxIterations: 1_000)) { benchmark in
        let today = Day(Date())
        for iteration in benchmark.scaledIterations {
            blackHole(index.matches(for: profiles[iteration % profiles.count], today: today, limit: 20))
        }
    }

    Benchmark("Top 20 jobs for one worker, brute force over the postings (peer)",
              configuration: .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(10), maxIterations: 100)) { benchmark in
        for iteration in benchmark.scaledIterations {
            blackHole(bruteForceMatches(profiles[iteration % profiles.count], limit: 20))
        }
    }

    Benchmark("Job search engine only: query + place, first page") { benchmark in
        let today = Day(Date())
        for iteration in benchmark.scaledIterations {
            let query = queries[iteration % queries.count]
            blackHole(index.search(JobQuery(text: query.text, region: query.region), today: today, offset: 0, limit: 20))
        }
    }
}
