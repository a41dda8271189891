// swift-tools-version:6.1
// Benchmarks, run by hand (see docs/performance.md); a package of its own so `swift test` never builds them.
import PackageDescription

let package = Package(
    name: "xiezuo-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "xiezuo", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
    ],
    targets: [
        .executableTarget(
            name: "FundsBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "XiezuoCore", package: "xiezuo"),
                .product(name: "XiezuoStore", package: "xiezuo"),
                .product(name: "XiezuoWeb", package: "xiezuo"),
            ],
            path: "Benchmarks/FundsBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "JobsBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "XiezuoCore", package: "xiezuo"),
                .product(name: "XiezuoStore", package: "xiezuo"),
                .product(name: "XiezuoWeb", package: "xiezuo"),
            ],
            path: "Benchmarks/JobsBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ConsumptionBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "XiezuoCore", package: "xiezuo"),
                .product(name: "XiezuoStore", package: "xiezuo"),
                .product(name: "XiezuoWeb", package: "xiezuo"),
            ],
            path: "Benchmarks/ConsumptionBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The cost of a request log line, Vapor's console logger against LogOutput's batched handler.
        .executableTarget(
            name: "LogCost",
            dependencies: [.product(name: "Vapor", package: "vapor"), .product(name: "LogOutput", package: "xiezuo")],
            path: "Benchmarks/LogCost"
        ),
        // The hello-world peer of the HTTP benchmarks (Benchmarks/http/pages.sh).
        .executableTarget(
            name: "HelloVapor",
            dependencies: [.product(name: "Vapor", package: "vapor")],
            path: "Benchmarks/HelloVapor"
        ),
    ],
    swiftLanguageModes: [.v6]
)
