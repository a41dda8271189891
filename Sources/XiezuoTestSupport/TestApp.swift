import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoStore
import XiezuoWeb

/// Known passwords and accounts of the test fixture.
public enum Fixture {
    /// The password of every fixture account.
    /// The second-factor secret of the fixture's admins and coordinators.
    public static let secondFactorSecret: [UInt8] = Array("xiezuo-fixture-2fa!!".utf8)
    public static let password = "test-password-2025"
}

/// A configured, migrated app over a fresh database of its own, with the admin and demo accounts.
public struct TestApp: Sendable {
    public let app: Application
    public let database: TestDatabase
    /// The SQLite file, when the test runs on SQLite (its `-wal` companion holds recent writes).
    public var sqlitePath: String? = nil
    /// The app's clock: it starts at the moment the test starts and moves only when the test moves it.
    public var clock = ManualClock()
    /// Today by the app's clock.
    public var today: Day { clock.clock.today }
    /// The settings the app was configured with (the data key, the database).
    public var settings: Settings? = nil
    /// The app's PostgreSQL schema, for a second app on the same database (``withSecondServer(_:)``).
    public var postgresSchema: String? = nil

    /// The region tree as loaded.
    public var regions: RegionDirectory { app.xiezuo.regions }

    /// Repositories over the app's database.
    public var accounts: AccountRepository {
        AccountRepository(database: app.db, regions: regions, hasher: app.xiezuo.hasher, clock: app.xiezuo.clock)
    }
    public var pairings: PairingRepository { PairingRepository(database: app.db, regions: regions) }
    public var tokens: TokenRepository { TokenRepository(database: app.db, clock: app.xiezuo.clock) }
    public var audit: AuditRepository { AuditRepository(database: app.db) }

    /// The fixture account with this user name.
    public func account(_ username: String) async throws -> Account {
        guard let account = try await accounts.find(username: username) else { fatalError("no fixture account \(username)") }
        return account
    }

    /// The principal of a fixture account.
    public func principal(_ username: String) async throws -> Principal { try await account(username).principal }

    /// Rows in a table, read with plain SQL so tests see what is really stored.
    public func count(_ table: String) async throws -> Int {
        let sql = app.db as! any SQLDatabase
        let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }
}

extension TestApp {
    /// Runs `body` with a second app — another server, as a second `xiezuo serve` behind the same load balancer — on
    /// this app's PostgreSQL database (the same schema, the same data key), with its own connections, job index, flow
    /// writer and periodic jobs, on this app's clock. Shut down afterwards; the database is
    /// this app's to remove.
    public func withSecondServer(_ body: (TestApp) async throws -> Void) async throws {
        guard let settings, let postgresSchema, case .postgres(let url) = database else {
            fatalError("a second server needs the app's PostgreSQL database")
        }
        var configuration = try SQLPostgresConfiguration(url: url)
        configuration.searchPath = [postgresSchema]
        configuration.coreConfiguration.options.connectTimeout = TestDatabase.connectTimeout
        let postgresFactory = DatabaseConfigurationFactory.postgres(configuration: configuration, maxConnectionsPerEventLoop: 2,
                                                                    connectionPoolTimeout: .seconds(60))
        let app = try await Application.make(.testing)
        app.logger.logLevel = .error
        let clock = self.clock
        do {
            try XiezuoApp.configure(app, settings: settings, database: postgresFactory, clock: clock.clock)
            app.xiezuo.terminalLanguage = .zhHans
            _ = try await Bootstrap.prepareDatabase(app)
            try await body(TestApp(app: app, database: database, clock: clock, settings: settings, postgresSchema: postgresSchema))
        } catch {
            try? await app.asyncShutdown()
            throw DatabaseErrorDetail.wrapping(error)
        }
        try await app.asyncShutdown()
    }
}

extension TestDatabase {
    /// How long a test's connection to PostgreSQL may take to open. The driver's 10 s was not enough on CI's two
    /// cores with every test opening connections at once (a run failed with "Connect timeout (10 s)").
    public static let connectTimeout = TimeAmount.seconds(60)
}

/// Runs `body` with a fresh app over `database`, and removes the database afterwards.
///
/// SQLite gets a temporary file; PostgreSQL a schema of its own (via `search_path`), so tests can run in parallel.
/// `seed` creates the admin and demo accounts with ``Fixture/password``.
/// `settings` adjusts the settings before the app is configured (a metrics token, an order hold).
public func withTestApp(_ database: TestDatabase, seed: Bool = true, platform: String = "xiezuo",
                        settings adjust: (inout Settings) -> Void = { _ in },
                        _ body: (TestApp) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .error
    let clock = ManualClock()
    let name = "xz_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
    let settings: Settings
    let dataKey = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
    var factory: DatabaseConfigurationFactory?
    var sqlitePath: String?
    switch database {
    case .sqlite:
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sqlite").path
        sqlitePath = path
        settings = Settings(database: .sqlite(path: path), bcryptCost: 4, platformID: platform, dataKey: dataKey)
    case .postgres(let url):
        var configuration = try SQLPostgresConfiguration(url: url)
        configuration.searchPath = [String(name)]
        configuration.coreConfiguration.options.connectTimeout = TestDatabase.connectTimeout
        factory = .postgres(configuration: configuration, maxConnectionsPerEventLoop: 2, connectionPoolTimeout: .seconds(60))
        settings = Settings(database: .postgres(url: url), bcryptCost: 4, platformID: platform, dataKey: dataKey)
    }
    do {
        var settings = settings
        adjust(&settings)
        try XiezuoApp.configure(app, settings: settings, database: factory, clock: clock.clock)
        app.xiezuo.terminalLanguage = .zhHans
        if case .postgres = database {
            try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA \(unsafeRaw: String(name))").run()
        }
        _ = try await Bootstrap.prepareDatabase(app)
        if seed { try await seedFixture(app) }
        try await body(TestApp(app: app, database: database, sqlitePath: sqlitePath, clock: clock, settings: settings,
                               postgresSchema: factory == nil ? nil : String(name)))
    } catch {
        try? await cleanUp(app, database: database, schema: String(name), sqlitePath: sqlitePath)
        throw DatabaseErrorDetail.wrapping(error)
    }
    try await cleanUp(app, database: database, schema: String(name), sqlitePath: sqlitePath)
}

/// PostgresNIO's `PSQLError` describes itself as "Generic description to prevent accidental leakage…", so a test that
/// fails on PostgreSQL would not say what the server answered. Tests rethrow it as this error, which carries the full
/// reflection (the server's message, code and the statement).
public struct DatabaseErrorDetail: Error, CustomStringConvertible {
    public let description: String

    static func wrapping(_ error: any Error) -> any Error {
        guard error is PSQLError else { return error }
        return DatabaseErrorDetail(description: String(reflecting: error))
    }
}

private func cleanUp(_ app: Application, database: TestDatabase, schema: String, sqlitePath: String?) async throws {
    if case .postgres = database {
        try? await (app.db as! any SQLDatabase).raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run()
    }
    try await app.asyncShutdown()
    if let sqlitePath {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: sqlitePath + suffix) }
    }
}

private func seedFixture(_ app: Application) async throws {
    let accounts = AccountRepository(database: app.db, regions: app.xiezuo.regions, hasher: app.xiezuo.hasher, clock: app.xiezuo.clock)
    _ = try await accounts.create(AccountDraft(username: "admin", displayName: "管理员", role: "admin",
                                               jurisdiction: nil, password: Fixture.password), by: .system)
    _ = try await DemoData.load(accounts: accounts, password: Fixture.password, on: app.db)
    // Admins and coordinators sign in with a second factor: the fixture's have ``Fixture/secondFactorSecret``, and
    // ``TestClient/login(_:_:)`` answers with its codes.
    try await (app.db as! any SQLDatabase).update("accounts")
        .set("totp_sealed", to: SQLBind(try app.xiezuo.cipher.seal(Base32.encode(Fixture.secondFactorSecret))))
        .set("totp_enabled_at", to: SQLBind(Date())).set("recovery_hashes", to: SQLBind("[]"))
        .where("role", .in, SQLBind.group(["admin", "coordinator"])).run()
}

extension TestApp {
    public var projects: ProjectRepository { ProjectRepository(database: app.db, regions: regions) }
    public var flows: FundFlowRepository { FundFlowRepository(database: app.db, writer: app.flowWriter, clock: app.xiezuo.clock) }
    public var agreements: AgreementRepository { AgreementRepository(database: app.db) }
    public var facts: FactStore { FactStore(database: app.db) }
    public var dashboards: DashboardRepository { DashboardRepository(database: app.db, regions: regions, clock: app.xiezuo.clock) }
    public var periods: PeriodRepository { PeriodRepository(database: app.db, regions: regions, clock: app.xiezuo.clock) }
    public var employers: EmployerRepository { EmployerRepository(database: app.db, regions: regions, cipher: app.xiezuo.cipher) }
    public var jobs: JobRepository { JobRepository(database: app.db, regions: regions, platform: app.xiezuo.settings.platformID, clock: app.xiezuo.clock) }
    public var exchange: JobExchange { app.exchange }
    public var board: JobBoard { JobBoard(database: app.db, search: app.xiezuo.jobSearch, clock: app.xiezuo.clock) }

    /// Starts the HTTP server on a free loopback port and returns the port; stop it with ``stopServer()``.
    public func startServer() async throws -> Int {
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        guard let port = app.http.server.shared.localAddress?.port else { fatalError("the server has no port") }
        return port
    }

    /// Stops the server started by ``startServer()``.
    public func stopServer() async {
        await app.server.shutdown()
    }

    /// The pairing between two regions, as loaded from the reference data.
    public func pairing(_ east: String, _ west: String) async throws -> Pairing {
        guard let pairing = try await pairings.list(region: west, page: Paging(perPage: 200)).items
            .first(where: { $0.eastCode == east && $0.westCode == west }) else { fatalError("no pairing \(east)-\(west)") }
        return pairing
    }
}

/// A valid employer draft for tests: a credit code with its right check character built from `serial`.
public func sampleEmployer(_ serial: Int, region: String = "320118", name: String? = nil) -> EmployerDraft {
    EmployerDraft(creditCode: CreditCode.completing("91" + region + String(format: "%09d", serial)), name: name ?? "测试用人单位\(serial)有限公司",
                  regionCode: region, industry: "制造", contactName: "王经理", contactPhone: "13812345678")
}

/// A valid job draft for tests, open for 60 days; override what the test is about.
public func sampleJob(_ title: String = "中式烹调师", county: String = "320118", occupation: String = "4-03-02-01",
                      wage: ClosedRange<Int64> = 600_000...800_000, benefits: [String] = ["board", "lodging"],
                      description: String = "负责中餐烹饪。") -> JobDraft {
    let validThrough = Day(Date().addingTimeInterval(60 * 86_400)).description
    return JobDraft(title: title, occupationCode: occupation, description: description, countyCode: county, wageMin: wage.lowerBound,
                    wageMax: wage.upperBound, wageType: "fixed", headcount: 5, education: "junior_high", ageMin: 18, ageMax: 50,
                    benefits: benefits, validThrough: validThrough)
}

/// A valid project draft for tests; override what the test is about.
public func sampleProject(_ code: String, county: String = "611026", pairing: UUID? = nil, year: Int = 2025,
                          area: String = "featured_industry", persons: Int = 100, poor: Int = 40) -> ProjectDraft {
    ProjectDraft(code: code, name: "木耳产业设备更新 \(code)", countyCode: county, pairingId: pairing, year: year, actionArea: area,
                 category: "设备更新", budget: 500_000_000, plannedStart: "\(year)-03-01", plannedEnd: "\(year)-11-30",
                 households: 30, persons: persons, povertyLiftedHouseholds: 12, povertyLiftedPersons: poor,
                 description: "生成的测试项目")
}

extension TestApp {
    public var industries: FeaturedIndustryRepository { FeaturedIndustryRepository(database: app.db, regions: regions, clock: app.xiezuo.clock) }
    public var parks: ParkRepository { ParkRepository(database: app.db, regions: regions, clock: app.xiezuo.clock) }
    public var enterprises: EnterpriseRepository { EnterpriseRepository(database: app.db, regions: regions, clock: app.xiezuo.clock) }
    public var promotionEvents: PromotionEventRepository { PromotionEventRepository(database: app.db, regions: regions, clock: app.xiezuo.clock) }
    public var enclaves: EnclaveRepository { EnclaveRepository(database: app.db, clock: app.xiezuo.clock) }
}

/// A valid featured-industry draft for tests (柞水木耳 by default).
public func sampleIndustry(_ name: String = "柞水木耳", county: String = "611026", role: String = "leading", since: Int = 2021) -> FeaturedIndustryDraft {
    FeaturedIndustryDraft(name: name, countyCode: county, category: "食用菌", role: role, since: since, areaMu: 12_000, outputValue: 1_000_000_000,
                          upgrades: [UpgradeDraft(kind: "technology", date: "2023-05-10", description: "全产业链追溯系统")],
                          leadingEnterprises: ["测试木耳公司"], cooperatives: ["测试合作社"], productionBases: ["测试基地"], chainHouseholds: 800,
                          linkedHouseholds: 600, incomeIncrease: 300_000, mechanisms: ["wage", "order_purchase"], description: "测试用")
}

/// A valid park draft for tests (商州 with 南京 by default).
public func samplePark(_ name: String = "栖商产业园", county: String = "611002", partner: String = "3201", form: String = "park_in_park",
                       established: String? = "2022-06-01") -> ParkDraft {
    ParkDraft(name: name, countyCode: county, form: form, partnerCode: partner, established: established, plannedAreaMu: 1_000,
              builtAreaMu: 400, description: "测试用")
}

/// A valid enterprise draft for tests.
public func sampleEnterprise(_ name: String = "国飞无人机", park: UUID? = nil, county: String? = "611002", origin: String = "3201",
                             investment: Int64 = 200_000_000_00) -> EnterpriseDraft {
    EnterpriseDraft(name: name, originCode: origin, chain: "电子信息", parkId: park, countyCode: park == nil ? county : nil,
                    plannedInvestment: investment, actualInvestment: investment / 2, jobs: 120, jobsRural: 80, jobsPovertyLifted: 20)
}

extension TestApp {
    public var workers: WorkerRepository { WorkerRepository(database: app.db, regions: regions, cipher: app.xiezuo.cipher, clock: app.xiezuo.clock) }
    public var applications: ApplicationRepository { ApplicationRepository(database: app.db, regions: regions, clock: app.xiezuo.clock) }
    public var matching: WorkerMatching { WorkerMatching(database: app.db, search: app.xiezuo.jobSearch, cipher: app.xiezuo.cipher, clock: app.xiezuo.clock) }
}

/// A fictitious ID-card number with a right check character: region `region`, born `birth` (`yyyyMMdd`), sequence
/// `serial` (odd: a man).
public func sampleIDNumber(_ serial: Int, region: String = "611026", birth: String = "19900101") -> String {
    IDCardNumber.completing(region + birth + String(format: "%03d", serial % 1000))!
}

/// A valid worker draft for tests (a poverty-lifted worker of 柞水县 who wants to be a cook).
public func sampleWorker(_ serial: Int, home: String = "611026001", name: String? = nil, poverty: String = "poverty_lifted",
                         occupations: [String] = ["4-03-02-01"], minWage: Int64 = 400_000) -> WorkerDraft {
    WorkerDraft(name: name ?? "测试务工人员\(serial)", idNumber: sampleIDNumber(serial, region: String(home.prefix(6))), phone: "13912345678",
                homeCode: home, povertyStatus: poverty, education: "junior_high", skills: ["中式烹调"], wishedOccupations: occupations,
                preferredPlaces: [], pairedCities: true, minWage: minWage, certificates: [], consent: true, sensitiveConsent: true)
}

extension TestApp {
    public var brands: LaborBrandRepository { LaborBrandRepository(database: app.db, regions: regions, clock: app.xiezuo.clock) }
    public var training: TrainingRepository { TrainingRepository(database: app.db, regions: regions, clock: app.xiezuo.clock) }
    public var workshops: WorkshopRepository { WorkshopRepository(database: app.db, regions: regions, clock: app.xiezuo.clock) }
    public var gigs: GigRepository { GigRepository(database: app.db, regions: regions, clock: app.xiezuo.clock) }
    public var trips: TripRepository { TripRepository(database: app.db, regions: regions, clock: app.xiezuo.clock) }

    /// A figure of the region's dashboard for this year.
    public func actual(_ region: String, _ code: String, year: Int? = nil) async throws -> Int64? {
        try await dashboards.region(region, year: year ?? today.year, by: try await principal("admin"), today: today).figures.first { $0.code == code }?.actual
    }
}

/// A labour brand of 柞水县 for tests.
public func sampleBrand(_ name: String = "柞水木耳工", county: String = "611026", occupation: String = "4-03-02-01", since: Int = 2022,
                        units: Int = 1) -> LaborBrandDraft {
    LaborBrandDraft(name: name, countyCode: county, occupationCode: occupation, level: "county", since: since,
                    leadingUnits: (0..<units).map { .init(name: "\(name)引领单位\($0 + 1)", kind: "enterprise") })
}

/// A project-based programme of 柞水县 running from `start` to `end`.
public func sampleTraining(_ name: String = "中式烹调培训班", county: String = "611026", start: String, end: String, seats: Int = 10,
                           brand: UUID? = nil) -> TrainingProgrammeDraft {
    TrainingProgrammeDraft(name: name, mode: "project_based", occupationCode: "4-03-02-01", provider: "柞水县职教中心", countyCode: county,
                           brandId: brand, seats: seats, startsOn: start, endsOn: end, subsidy: 150_000)
}

extension TestApp {
    public var products: ProductRepository { ProductRepository(database: app.db, clock: app.xiezuo.clock) }
    public var orders: OrderRepository { OrderRepository(database: app.db, regions: regions, cipher: app.xiezuo.cipher, clock: app.xiezuo.clock) }
    public var sales: SalesLedger { SalesLedger(database: app.db, regions: regions, clock: app.xiezuo.clock) }
    public var consumption: ConsumptionRegisters { ConsumptionRegisters(database: app.db, regions: regions, clock: app.xiezuo.clock) }
    public var panels: ConsumptionPanelsReader { ConsumptionPanelsReader(database: app.db, regions: regions) }

    /// A supplier in 柞水县 (a cooperative) with one product, taken through every certification step to published.
    public func publishedProduct(_ name: String = "柞水黑木耳", price: Int64 = 3_900, stock: Int = 100, serial: Int = 1) async throws -> Product {
        let admin = try await principal("admin")
        let supplier = try await employers.create(EmployerDraft(
            creditCode: CreditCode.completing("93611026" + String(format: "%09d", serial))!, name: "柞水木耳合作社\(serial)", regionCode: "611026",
            industry: "农产品", contactName: "王经理", contactPhone: "13912345678"), by: admin)
        var product = try await products.create(ProductDraft(name: name, category: "edible_fungi", specification: "250克/袋", unit: "袋", price: price,
                                                             stock: stock), supplier: supplier.id, by: admin)
        for _ in 0..<4 { product = try await products.decide(product.id, approve: true, by: admin) }
        return product
    }
}

/// A valid open posting of the feed from the platform `shaanxi` (version 1, in 山阳县) for tests of received records.
public func sampleFeedRecord(_ id: String, title: String = "厨师") -> JobFeedRecord {
    var record = JobFeedRecord()
    record.originPlatform = "shaanxi"
    record.originId = id
    record.originVersion = 1
    record.status = "open"
    record.title = title
    record.occupationalCategory = "4-03-02-01"
    record.jobLocation = JobFeedRecord.Place(countyCode: "611024")
    record.hiringOrganization = JobFeedRecord.Organization(name: "山阳县饭店", taxID: CreditCode.completing("91611024000000001"))
    record.wageMinFen = 400_000
    record.totalJobOpenings = 3
    record.validThrough = Day(Date().addingTimeInterval(30 * 86_400)).description
    return record
}
