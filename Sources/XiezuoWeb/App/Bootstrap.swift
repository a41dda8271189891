import Fluent
import SQLKit
import Vapor
import XiezuoCore
import XiezuoSQLite
import XiezuoStore

/// First-run and every-run set-up: migrations, reference data, the admin account and the demo data set.
public enum Bootstrap {
    /// What a start did, for the start-up banner.
    public struct Outcome: Sendable {
        public var regionsLoaded = 0
        public var pairingsLoaded = 0
        /// The new admin password, when the admin account was created by this start.
        public var adminPassword: String?
        /// The demo accounts' shared password, when they were created by this start.
        public var demoPassword: String?
        public var demoAccounts: [Account] = []
        /// Generated demo projects and flows, when this start loaded them.
        public var demoFunds: DemoFunds.Report?
        /// Generated demo employers and postings, when this start loaded them.
        public var demoJobs: DemoJobs.Report?
        public var demoIndustry: DemoIndustry.Report?
        public var demoWorkers: DemoWorkers.Report?
        public var demoLabor: DemoLabor.Report?
        public var demoConsumption: DemoConsumption.Report?
        public var demoCooperation: DemoCooperation.Report?
    }

    /// Runs pending migrations, loads reference data not yet loaded and the region tree into memory.
    @discardableResult
    public static func prepareDatabase(_ app: Application) async throws -> Outcome {
        if app.xiezuo.settings.database.isSQLite {
            let first = app.databases.database(logger: app.logger, on: app.eventLoopGroup.next()) as! any SQLDatabase
            // A new file gets 16 KB pages (SQLite's default is 4 KB): a posting takes ~1.3 KB, and with three to a page
            // inserts spent their time splitting pages; a raw insert of 1,000,000 postings ran ~20 % faster. The size
            // is fixed when the file is first written, by the next statement on the same connection; on an existing
            // file this does nothing.
            _ = try await first.raw("PRAGMA page_size=16384").all()
            // Write-ahead logging lets page reads go on while a write commits; the setting stays with the file.
            _ = try await first.raw("PRAGMA journal_mode=WAL").all()
            // The connection settings (SQLiteWriter.connectionPragmas, each explained there) are per connection;
            // SQLite keeps one connection per event loop, so they are set on each.
            for eventLoop in app.eventLoopGroup.makeIterator() {
                if let database = app.databases.database(logger: app.logger, on: eventLoop) as? any SQLDatabase {
                    for pragma in SQLiteWriter.connectionPragmas { _ = try await database.raw(SQLQueryString(pragma)).all() }
                }
            }
        }
        try await migrate(app)
        let report = try await ReferenceData.loadIfNeeded(on: app.db)
        app.xiezuo.regions = try await RegionRepository(database: app.db).directory()
        var outcome = Outcome()
        outcome.regionsLoaded = report.regionsLoaded
        outcome.pairingsLoaded = report.pairingsLoaded
        return outcome
    }

    /// Runs the pending migrations and says so in one line (Fluent's migrator logs two lines a migration, at debug
    /// here): `applied 58 migrations (M0001_CreateRegions … M0058_CreatePeriodicRuns) in 412 ms`.
    static func migrate(_ app: Application) async throws {
        let migrator = Migrator(databases: app.databases, migrations: app.migrations, logger: app.logger,
                                on: app.eventLoopGroup.any(), migrationLogLevel: .debug)
        let started = DispatchTime.now().uptimeNanoseconds
        try await migrator.setupIfNeeded().get()
        let pending = try await migrator.previewPrepareBatch().get()
        guard !pending.isEmpty else { return }
        try await migrator.prepareBatch().get()
        let names = pending.map { $0.0.name.replacingOccurrences(of: "XiezuoStore.", with: "") }
        let milliseconds = (DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        app.logger.info("applied \(names.count) migrations (\(names.first ?? "") … \(names.last ?? "")) in \(milliseconds) ms")
    }

    /// Creates the admin account if none exists, and the demo accounts if `demo` and not loaded before.
    public static func seed(_ app: Application, demo: Bool, scale: Int = 1, into outcome: inout Outcome,
                            progress: @Sendable (Double) -> Void = { _ in }) async throws {
        let accounts = AccountRepository(database: app.db, regions: app.xiezuo.regions, hasher: app.xiezuo.hasher, clock: app.xiezuo.clock)
        if try await !accounts.exists(role: .admin) {
            let password = Secrets.password()
            _ = try await accounts.create(AccountDraft(username: "admin", displayName: "系统管理员", role: "admin",
                                                       jurisdiction: nil, password: password), by: .system)
            outcome.adminPassword = password
        }
        if demo, try await !SeedState.isDone("demo", on: app.db) {
            let password = Secrets.password()
            outcome.demoAccounts = try await DemoData.load(accounts: accounts, password: password, on: app.db)
            outcome.demoPassword = password
            outcome.demoFunds = try await DemoFunds.generate(scale: scale, regions: app.xiezuo.regions, on: app.db, progress: progress)
        }
        if demo, try await !SeedState.isDone("demo_industry", on: app.db) {
            // One transaction: a failure part-way leaves nothing behind to be duplicated by the next start.
            let regions = app.xiezuo.regions
            outcome.demoIndustry = try await app.db.writeTransaction { tx in
                let report = try await DemoIndustry.generate(regions: regions, on: tx)
                try await SeedState.markDone("demo_industry", on: tx)
                return report
            }
        }
        if demo, try await !SeedState.isDone("demo_jobs", on: app.db) {
            outcome.demoJobs = try await seedJobs(app, postings: 600)
            try await SeedState.markDone("demo_jobs", on: app.db)
        }
        if demo, try await !SeedState.isDone("demo_workers", on: app.db) {
            outcome.demoWorkers = try await seedWorkers(app)
        }
        if demo, try await !SeedState.isDone("demo_labor", on: app.db) {
            let regions = app.xiezuo.regions
            outcome.demoLabor = try await app.db.writeTransaction { tx in
                let report = try await DemoLabor.generate(regions: regions, on: tx)
                try await SeedState.markDone("demo_labor", on: tx)
                return report
            }
        }
        if demo, try await !SeedState.isDone("demo_consumption", on: app.db) {
            let (regions, cipher) = (app.xiezuo.regions, app.xiezuo.cipher)
            outcome.demoConsumption = try await app.db.writeTransaction { tx in
                let report = try await DemoConsumption.generate(regions: regions, cipher: cipher, on: tx)
                // The demo supplier account acts for the first supplier: its products, pictures and orders.
                if let supplier = report.firstSupplier,
                   let account = try await AccountRepository(database: tx, regions: regions, hasher: app.xiezuo.hasher, clock: app.xiezuo.clock).find(username: "demo-supplier"),
                   account.employerID == nil {
                    try await EmployerRepository(database: tx, regions: regions, cipher: cipher).link(account: account.id, to: supplier, by: .system)
                }
                try await SeedState.markDone("demo_consumption", on: tx)
                return report
            }
        }
        if demo, try await !SeedState.isDone("demo_cooperation", on: app.db) {
            let regions = app.xiezuo.regions
            outcome.demoCooperation = try await app.db.writeTransaction { tx in
                let report = try await DemoCooperation.generate(regions: regions, on: tx)
                try await SeedState.markDone("demo_cooperation", on: tx)
                return report
            }
        }
    }
}

extension Bootstrap {
    /// Generates demo employers and postings on this node and lets the demo enterprise account act for the first
    /// employer.
    public static func seedJobs(_ app: Application, postings: Int, progress: @Sendable (Double) -> Void = { _ in }) async throws -> DemoJobs.Report {
        let report = try await DemoJobs.generate(postings: postings, platform: app.xiezuo.settings.platformID,
                                                 regions: app.xiezuo.regions, cipher: app.xiezuo.cipher, on: app.db, progress: progress)
        if let employer = report.firstEmployer,
           let account = try await AccountRepository(database: app.db, regions: app.xiezuo.regions, hasher: app.xiezuo.hasher, clock: app.xiezuo.clock)
            .find(username: "demo-enterprise"), account.employerID == nil {
            try await EmployerRepository(database: app.db, regions: app.xiezuo.regions, cipher: app.xiezuo.cipher)
                .link(account: account.id, to: employer, by: .system)
        }
        return report
    }
}

extension Bootstrap {
    /// Generates the demo workers with their applications and placements, in one transaction with its seed mark.
    public static func seedWorkers(_ app: Application, count: Int = 180) async throws -> DemoWorkers.Report {
        let (regions, cipher, search) = (app.xiezuo.regions, app.xiezuo.cipher, app.xiezuo.jobSearch)
        return try await app.db.writeTransaction { tx in
            let report = try await DemoWorkers.generate(count: count, regions: regions, cipher: cipher, search: search, on: tx)
            try await SeedState.markDone("demo_workers", on: tx)
            return report
        }
    }
}

/// Random secrets for first-run passwords.
enum Secrets {
    /// A 16-character password from an alphabet without look-alike characters.
    static func password() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
