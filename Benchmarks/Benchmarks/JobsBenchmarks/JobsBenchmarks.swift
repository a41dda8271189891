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

    Benchmark("Job search engine only: query + place, first page") { benchmark in
        let today = Day(Date())
        for iteration in benchmark.scaledIterations {
            let query = queries[iteration % queries.count]
            blackHole(index.search(JobQuery(text: query.text, region: query.region), today: today, offset: 0, limit: 20))
        }
    }
}
