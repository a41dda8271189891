// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "xiezuo",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "xiezuo", targets: ["xiezuo"]),
        // Libraries for the benchmark package in Benchmarks/, which depends on this one by path.
        .library(name: "XiezuoCore", targets: ["XiezuoCore"]),
        .library(name: "XiezuoStore", targets: ["XiezuoStore"]),
        .library(name: "XiezuoWeb", targets: ["XiezuoWeb"]),
        .library(name: "LogOutput", targets: ["LogOutput"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.14.3"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.86.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        /// Pure domain: value types, validation, masking. Imports nothing of ours and does no I/O.
        .target(name: "XiezuoCore"),
        /// A QR code encoder (byte mode, level M, versions 1–10) drawn as SVG, for second-factor enrolment: none of
        /// the packages this project may use draws QR codes. Depends on nothing.
        .target(name: "QRCode"),
        /// Spreadsheets in and out: an .xlsx writer that streams rows through temporary files, an .xlsx reader, and CSV
        /// in the encodings spreadsheet programs save (UTF-8 with or without BOM, UTF-16, GB18030). The ZIP container is
        /// ZIPFoundation's; the sheet XML is written and parsed here (docs/spreadsheets.md).
        .target(name: "Spreadsheet", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        /// Log lines written in batches from a thread of their own (a `write(2)` per request line was 6–12 % of a cached
        /// page's throughput): a sink and a text log handler for swift-log (docs/performance.md).
        .target(name: "LogOutput", dependencies: [.product(name: "Logging", package: "swift-log")]),
        /// The SQLite fast path: a writer, readers and a checkpointer with connections and threads of their own, calling
        /// the SQLite library SQLiteNIO links (docs/storage.md). The only target that calls SQLite's C interface.
        .target(
            name: "XiezuoSQLite",
            dependencies: [
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        /// Fluent models, migrations and repositories over SQLite and PostgreSQL.
        .target(
            name: "XiezuoStore",
            dependencies: [
                "XiezuoCore",
                "XiezuoSQLite",
                "Spreadsheet",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/Reference"), .copy("Resources/DemoPictures")]
        ),
        /// Vapor routes, controllers, views, middleware, localisation, OpenAPI and CLI commands.
        .target(
            name: "XiezuoWeb",
            dependencies: [
                "XiezuoCore",
                "XiezuoSQLite",
                "XiezuoStore",
                "QRCode",
                "Spreadsheet",
                "LogOutput",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources/Views"), .copy("Resources/Locales"), .copy("Resources/Public")]
        ),
        .executableTarget(name: "xiezuo", dependencies: ["XiezuoWeb"]),
        /// Fixtures and the temporary-database helper shared by the test targets.
        .target(
            name: "XiezuoTestSupport",
            dependencies: [
                "XiezuoCore", "XiezuoSQLite", "XiezuoStore", "XiezuoWeb",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            ]
        ),
        .testTarget(name: "XiezuoCoreTests", dependencies: ["XiezuoCore"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"]),
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet"]),
        .testTarget(name: "LogOutputTests", dependencies: ["LogOutput"]),
        .testTarget(
            name: "XiezuoStoreTests",
            dependencies: ["XiezuoStore", "XiezuoSQLite", "XiezuoTestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "XiezuoWebTests", dependencies: ["XiezuoWeb", "XiezuoTestSupport", "Spreadsheet"],
                    exclude: ["Fixtures/make_imports.py"], resources: [.copy("Fixtures/imports")]),
    ],
    swiftLanguageModes: [.v6]
)
