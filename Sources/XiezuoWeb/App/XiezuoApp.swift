import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import LogOutput
import LeafKit
import Vapor
import XiezuoCore
import XiezuoSQLite
import XiezuoStore

/// Builds the Vapor application: database, sessions, views, middleware, routes and commands.
public enum XiezuoApp {
    /// Configures `app` for `settings`. Does not touch the database; ``Bootstrap`` does that.
    ///
    /// `database` replaces the configuration derived from `settings.database`; tests use it to give each test its
    /// own PostgreSQL schema, and `clock` the time (a test's own clock, which it sets instead of waiting).
    public static func configure(_ app: Application, settings: Settings, database: DatabaseConfigurationFactory? = nil,
                                 clock: Clock = .system) throws {
        // bcrypt gets threads of its own: a quarter-second hash on the app's pool (as many threads as cores) would hold
        // up the SQLite statements that run there, so two sign-ins at once stalled every database call.
        let bcryptPool = NIOThreadPool(numberOfThreads: System.coreCount)
        bcryptPool.start()
        app.xiezuo = try AppServices(settings: settings, localizer: try Localizer(),
                                     hasher: BcryptHasher(cost: settings.bcryptCost, threadPool: bcryptPool), clock: clock)
        // On SQLite, every write of the process holds one gate, and on a file (the fast path) every transaction runs
        // on the process's one writer (SerialWritesDatabase, SQLiteWriter): the process's connections never wait for
        // each other in SQLite's sleeping busy handler. The writer also writes fund-flow groups and a sync's pages,
        // and the change feed's pages are read through connections of its own (SQLiteReader); all are closed at
        // shutdown.
        let gate = SQLiteWriteGate()
        var writer: SQLiteWriter?
        if case .sqlite(let path) = settings.database, database == nil, path != ":memory:", settings.sqliteFastPath {
            let made = SQLiteWriter(path: path, eventLoop: app.eventLoopGroup.next(), logger: app.logger, gate: gate)
            writer = made
            app.sqliteWriter = made
            app.sqliteReader = SQLiteReader(path: path, threads: System.coreCount)
            app.xiezuo.jobSearch.scan(path: path)
        }
        switch settings.database {
        case _ where database != nil:
            if settings.database.isSQLite {
                app.databases.use(.serialWrites(database!, gate: gate, writer: writer), as: .sqlite)
            } else {
                app.databases.use(database!, as: .psql)
            }
        case .sqlite(let path):
            // One connection per event loop for reads (WAL: they never wait for the writer). A burst can keep a
            // request waiting longer than the default 10 s on a busy machine; it should wait, not fail.
            app.databases.use(.serialWrites(.sqlite(.file(path), connectionPoolTimeout: .seconds(60)), gate: gate, writer: writer), as: .sqlite)
        case .postgres(let url):
            // Writes queue on the change sequence's row lock; a burst should wait for a connection, not fail after 10 s.
            app.databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: .seconds(60)), as: .psql)
        }
        // One flow writer per process, so concurrent flows are written in groups (see FundFlowWriter).
        if let writer {
            app.flowWriter = FundFlowWriter(.sqliteWriter(writer), logger: app.logger)
        } else {
            app.flowWriter = FundFlowWriter(.database(app.db), logger: app.logger)
        }
        app.lifecycle.use(SQLiteShutdown())
        app.lifecycle.use(ThreadPoolShutdown(pool: bcryptPool))
        app.migrations.add(XiezuoMigrations.all)
        app.migrations.add(SessionRecord.migration)
        SessionSetup.configure(app, secure: settings.secureCookies)

        let views = resourcePath("Views")
        app.views.use(.leaf)
        app.leaf.sources = LeafSources.singleSource(NIOLeafFiles(fileio: app.fileio, limits: [.toSandbox, .onlyLeafExtensions],
                                                                 sandboxDirectory: views, viewDirectory: views))
        // Parsed once: lexing and parsing the templates on every request was a fifth of a page's time.
        app.leaf.cache.isEnabled = !settings.reloadTemplates
        app.leaf.tags["t"] = LocalizeTag()
        app.leaf.tags["csrf"] = CSRFFieldTag()
        app.leaf.tags["csrfIfSession"] = SessionCSRFFieldTag()
        app.leaf.tags["lang"] = LanguageTag()
        app.leaf.tags["time"] = TimeTag()

        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        ContentConfiguration.global.use(encoder: encoder, for: .json)
        app.routes.defaultMaxBodySize = "1mb"

        app.middleware = Middlewares()
        app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
        app.middleware.use(MetricsMiddleware(registry: app.xiezuo.metrics))
        app.middleware.use(SecurityHeadersMiddleware(hsts: settings.secureCookies))
        app.middleware.use(XiezuoErrorMiddleware())
        app.middleware.use(BodyCollectionMiddleware())
        app.middleware.use(RequestNumbersMiddleware())
        app.middleware.use(FileMiddleware(publicDirectory: resourcePath("Public") + "/"))
        if settings.pageCache {
            app.middleware.use(PageCache(version: DataVersion(interval: Double(settings.pageCacheMilliseconds) / 1000)))
        }
        app.middleware.use(app.sessions.middleware)
        app.middleware.use(PrincipalMiddleware())
        app.middleware.use(FlashMiddleware())

        try routes(app)
        app.asyncCommands.use(XiezuoServeCommand(), as: "serve", isDefault: true)
        app.asyncCommands.use(MigrateAndLoadCommand(), as: "migrate")
        app.asyncCommands.use(DemoCommand(), as: "demo")
        app.asyncCommands.use(UserCommands(), as: "user")
        app.asyncCommands.use(TokenCommands(), as: "token")
        app.asyncCommands.use(FactsCommands(), as: "facts")
        app.asyncCommands.use(SyncCommand(), as: "sync")
        app.asyncCommands.use(AuditCommands(), as: "audit")
        app.asyncCommands.use(BackupCommand(), as: "backup")
    }

    /// Every route collection.
    static func routes(_ app: Application) throws {
        try app.register(collection: HomeController())
        try app.register(collection: OperationsController())
        try app.register(collection: LoginController())
        try app.register(collection: SecondFactorController())
        try app.register(collection: SignUpController())
        try app.register(collection: RegionsController())
        try app.register(collection: OccupationsController())
        try app.register(collection: PairingsController())
        try app.register(collection: AccountsAPIController())
        try app.register(collection: TokensController())
        try app.register(collection: AdminController())
        try app.register(collection: AuditController())
        try app.register(collection: DashboardController())
        try app.register(collection: ProjectsAPIController())
        try app.register(collection: ProjectsPageController())
        try app.register(collection: AgreementsController())
        try app.register(collection: PeriodsAPIController())
        try app.register(collection: PeriodsPageController())
        try app.register(collection: PeriodAssessmentController())
        try app.register(collection: AnnualReportController())
        try app.register(collection: PlacementsController())
        try app.register(collection: ImportController())
        try app.register(collection: CooperationAPIController())
        try app.register(collection: ManageCooperationController())
        try app.register(collection: JobsAPIController())
        try app.register(collection: EmployersAPIController())
        try app.register(collection: ExchangeController())
        try app.register(collection: JobBoardController())
        try app.register(collection: ManageJobsController())
        try app.register(collection: ApplicantsController())
        try app.register(collection: EmployersPageController())
        try app.register(collection: IndustryAPIController())
        try app.register(collection: EnterprisesAPIController())
        try app.register(collection: IndustryPagesController())
        try app.register(collection: ManageIndustryController())
        try app.register(collection: WorkersAPIController())
        try app.register(collection: WorkersPageController())
        try app.register(collection: LaborRegistersAPIController())
        try app.register(collection: GigsTripsAPIController())
        try app.register(collection: LaborPagesController())
        try app.register(collection: ManageLaborController())
        try app.register(collection: ConsumptionAPIController())
        try app.register(collection: OrdersAPIController())
        try app.register(collection: ConsumptionPagesController())
        try app.register(collection: ManageConsumptionController())
    }

    /// The directory of a bundled resource folder.
    static func resourcePath(_ folder: String) -> String {
        let url = Bundle.module.url(forResource: folder, withExtension: nil)
            ?? Bundle.module.bundleURL.appendingPathComponent(folder)
        return url.path
    }

    /// Sets up logging once per process: JSON lines, or Vapor's text format written in batches (`LogSink`, flushed
    /// before the start-up banner and at exit; warnings and errors at once).
    public static func bootstrapLogging(_ environment: inout Environment, format: String) throws {
        if format == "json" {
            let level = try Logger.Level.detect(from: &environment)
            LoggingSystem.bootstrap { label in
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        } else {
            let level = try Logger.Level.detect(from: &environment)
            LoggingSystem.bootstrap { label in
                var handler = TextLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
