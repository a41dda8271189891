// The panel and order targets of the consumption-assistance capability.
//
// Prepare the data once (the demo set, then 10,000,000 sales rows):
//   swift build -c release --product xiezuo
//   XIEZUO_DATABASE_URL=/tmp/xiezuo-sales.sqlite .build/release/xiezuo demo
//   XIEZUO_DATABASE_URL=/tmp/xiezuo-sales.sqlite .build/release/xiezuo demo --sales 10000000
// then, from Benchmarks/:
//   XIEZUO_BENCH_SALES_DB=/tmp/xiezuo-sales.sqlite swift package benchmark --target ConsumptionBenchmarks
// and the peer: python3 Benchmarks/duckdb/consumption_panels.py /tmp/xiezuo-sales.sqlite
import Benchmark
import Foundation
import Vapor
import XiezuoCore
import XiezuoStore
import XiezuoWeb

nonisolated(unsafe) var app: Application!
nonisolated(unsafe) var token = ""
nonisolated(unsafe) var orderBody = ""

/// Sends one request through the whole middleware stack in memory, as a client's request would go.
func send(_ method: HTTPMethod, _ path: String, body: String? = nil, bearer: Bool = true, loop: (any EventLoop)? = nil) async throws -> Response {
    var headers: HTTPHeaders = bearer ? ["Authorization": "Bearer \(token)"] : [:]
    if body != nil { headers.add(name: .contentType, value: "application/json") }
    let request = Request(application: app, method: method, url: URI(string: path), headers: headers,
                          collectedBody: body.map { ByteBuffer(string: $0) }, on: loop ?? app.eventLoopGroup.next())
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
        guard let path = ProcessInfo.processInfo.environment["XIEZUO_BENCH_SALES_DB"] else {
            fatalError("set XIEZUO_BENCH_SALES_DB to a database prepared with `xiezuo demo` and `xiezuo demo --sales 10000000`")
        }
        let created = try await Application.make(.production)
        created.logger.logLevel = .error
        try XiezuoApp.configure(created, settings: Settings(database: .sqlite(path: path), bcryptCost: 4))
        _ = try await Bootstrap.prepareDatabase(created)
        app = created
        let accounts = AccountRepository(database: created.db, regions: created.xiezuo.regions, hasher: created.xiezuo.hasher)
        let admin = try await accounts.find(username: "admin")!
        token = try await TokenRepository(database: created.db).create(for: admin.id, name: "benchmark", by: .system).secret
        // A product with stock enough for every order the benchmark places.
        let product = try await ProductRepository(database: created.db).list(ProductFilter(), page: Paging(perPage: 1)).items[0]
        var draft = ProductDraft(name: product.name, brandId: product.brandID, category: product.category.rawValue, specification: product.specification,
                                 unit: product.unit, price: product.price, stock: 10_000_000, traceabilityCode: product.traceabilityCode)
        draft.description = product.description
        _ = try await ProductRepository(database: created.db).update(product.id, with: draft, by: .system)
        orderBody = #"{"buyerName":"基准测试","buyerPhone":"13812345678","address":"南京","buyerRegion":"3201","items":[{"productId":"\#(product.id)","quantity":1}]}"#
        // The figures DuckDB must reproduce, for docs/performance.md.
        let year = Day(Date()).year
        let response = try await send(.GET, "/api/v1/consumption/panels?year=\(year)&region=61")
        try response.body.string?.write(toFile: "/tmp/xiezuo-panels-61.json", atomically: true, encoding: .utf8)
    }

    Benchmark.teardown = {
        try await app.asyncShutdown()
        app = nil
    }

    Benchmark("Consumption panels API (61, this year)") { benchmark in
        let year = Day(Date()).year
        for _ in benchmark.scaledIterations {
            blackHole(try await send(.GET, "/api/v1/consumption/panels?year=\(year)&region=61"))
        }
    }

    Benchmark("Consumption panels API (611026, this year)") { benchmark in
        let year = Day(Date()).year
        for _ in benchmark.scaledIterations {
            blackHole(try await send(.GET, "/api/v1/consumption/panels?year=\(year)&region=611026"))
        }
    }

    Benchmark("Place an order through the API", configuration: .init(maxDuration: .seconds(10), maxIterations: 5_000)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await send(.POST, "/api/v1/orders", body: orderBody, bearer: false))
        }
    }

    // The same on one event loop, so every order uses the same SQLite connection (and its page cache).
    Benchmark("Place an order through the API, one event loop", configuration: .init(maxDuration: .seconds(10), maxIterations: 5_000)) { benchmark in
        let loop = app.eventLoopGroup.next()
        for _ in benchmark.scaledIterations {
            blackHole(try await send(.POST, "/api/v1/orders", body: orderBody, bearer: false, loop: loop))
        }
    }
}
