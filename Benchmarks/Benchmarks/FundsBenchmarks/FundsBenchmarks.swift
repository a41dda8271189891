// The dashboard and flow-recording targets of the funds and indicators capability.
//
// Prepare the data once (100,000 projects, about 1,000,000 fund flows):
//   XIEZUO_DATABASE_URL=/tmp/xiezuo-bench.sqlite swift run -c release xiezuo demo --scale 278
// then, from Benchmarks/:
//   XIEZUO_BENCH_DB=/tmp/xiezuo-bench.sqlite swift package benchmark --target FundsBenchmarks
import Benchmark
import Foundation
import Vapor
import XiezuoCore
import XiezuoStore
import XiezuoWeb

nonisolated(unsafe) var app: Application!
nonisolated(unsafe) var token = ""
nonisolated(unsafe) var flowProject = UUID()

/// Sends one request through the whole middleware stack in memory, as a client's request would go.
func send(_ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> Response {
    var headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
    if body != nil { headers.add(name: .contentType, value: "application/json") }
    let request = Request(application: app, method: method, url: URI(string: path), headers: headers,
                          collectedBody: body.map { ByteBuffer(string: $0) }, on: app.eventLoopGroup.next())
    let response = try await app.responder.respond(to: request).get()
    guard response.status.code < 300 else { fatalError("\(method) \(path): \(response.status) \(response.body.string ?? "")") }
    return response
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], timeUnits: .microseconds,
                                           warmupIterations: 20, maxDuration: .seconds(10), maxIterations: 2_000)

    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = .error
        return handler
    }

    Benchmark.setup = {
        guard let path = ProcessInfo.processInfo.environment["XIEZUO_BENCH_DB"] else {
            fatalError("set XIEZUO_BENCH_DB to a database prepared with `xiezuo demo --scale 278`")
        }
        let created = try await Application.make(.production)
        created.logger.logLevel = .error
        try XiezuoApp.configure(created, settings: Settings(database: .sqlite(path: path), bcryptCost: 4))
        _ = try await Bootstrap.prepareDatabase(created)
        app = created
        let accounts = AccountRepository(database: created.db, regions: created.xiezuo.regions, hasher: created.xiezuo.hasher)
        let admin = try await accounts.find(username: "admin")!
        token = try await TokenRepository(database: created.db).create(for: admin.id, name: "benchmark", by: .system).secret
        let project = try await ProjectRepository(database: created.db, regions: created.xiezuo.regions)
            .create(ProjectDraft(code: "BENCH-\(UUID().uuidString.prefix(8))", name: "基准测试项目", countyCode: "611026", year: 2025,
                                 actionArea: "featured_industry", category: "设备更新"), status: .approved, by: .system)
        flowProject = project.id
        // The figures DuckDB must reproduce, for docs/performance.md.
        let response = try await send(.GET, "/api/v1/dashboard?year=2025&region=61")
        try response.body.string?.write(toFile: "/tmp/xiezuo-dashboard-61-2025.json", atomically: true, encoding: .utf8)
    }

    Benchmark.teardown = {
        try await app.asyncShutdown()
        app = nil
    }

    Benchmark("Province dashboard API (61, 2025)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await send(.GET, "/api/v1/dashboard?year=2025&region=61"))
        }
    }

    Benchmark("County dashboard API (611026, 2025)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await send(.GET, "/api/v1/dashboard?year=2025&region=611026"))
        }
    }

    Benchmark("Record a fund flow through the API", configuration: .init(maxDuration: .seconds(10), maxIterations: 5_000)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await send(.POST, "/api/v1/projects/\(flowProject)/flows",
                                     body: #"{"type":"commitment","source":"jiangsu_aid","amount":100,"date":"2025-06-01"}"#))
        }
    }
}
