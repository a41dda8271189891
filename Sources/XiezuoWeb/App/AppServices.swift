import NIOConcurrencyHelpers
import Prometheus
import Vapor
import XiezuoCore
import XiezuoSQLite
import XiezuoStore

/// What the app holds for its whole life: settings, strings, the region tree and the metrics registry.
/// Stored in `Application.storage`, passed explicitly, never global.
public final class AppServices: Sendable {
    public let settings: Settings
    public let localizer: Localizer
    public let hasher: any PasswordHashing
    public let metrics: PrometheusCollectorRegistry
    /// Seals phone and ID numbers at rest.
    public let cipher: PersonalDataCipher
    /// Where "now" comes from: the system's clock, or a test's own.
    public let clock: Clock
    /// The job board's in-memory index, kept current from the change sequence.
    public let jobSearch = JobSearch()
    /// Per-address and per-account limits (sign-in, second factor, orders without an account).
    public let rateLimits = RateLimits()
    private let regionBox = NIOLockedValueBox(RegionDirectory([]))
    private let terminalLanguageBox = NIOLockedValueBox(Language.forTerminal())

    init(settings: Settings, localizer: Localizer, hasher: any PasswordHashing, clock: Clock = .system) throws {
        self.clock = clock
        if let key = settings.dataKey {
            guard let cipher = PersonalDataCipher(base64: key) else { throw SettingsError.invalid("XIEZUO_DATA_KEY", "(not 32 bytes of base64)") }
            self.cipher = cipher
        } else {
            cipher = try PersonalDataCipher.loadOrCreate(keyFile: settings.dataKeyFile)
        }
        self.settings = settings
        self.localizer = localizer
        self.hasher = hasher
        self.metrics = PrometheusCollectorRegistry()
    }

    /// The language of command-line output, from the environment (tests fix it).
    public var terminalLanguage: Language {
        get { terminalLanguageBox.withLockedValue { $0 } }
        set { terminalLanguageBox.withLockedValue { $0 = newValue } }
    }

    /// The region tree; empty until ``Bootstrap`` has loaded the reference data.
    public var regions: RegionDirectory {
        get { regionBox.withLockedValue { $0 } }
        set { regionBox.withLockedValue { $0 = newValue } }
    }
}

extension Application {
    private struct ServicesKey: StorageKey { typealias Value = AppServices }

    /// The app's services; set by ``XiezuoApp/configure(_:settings:)``.
    public var xiezuo: AppServices {
        get {
            guard let services = storage[ServicesKey.self] else { fatalError("XiezuoApp.configure has not run") }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }
}

extension Application {
    private struct FlowWriterKey: StorageKey { typealias Value = FundFlowWriter }

    /// The process's fund-flow writer; set by ``XiezuoApp/configure(_:settings:database:)`` once the database is.
    public var flowWriter: FundFlowWriter {
        get {
            guard let writer = storage[FlowWriterKey.self] else { fatalError("XiezuoApp.configure has not run") }
            return writer
        }
        set { storage[FlowWriterKey.self] = newValue }
    }
}

extension Application {
    private struct SQLiteWriterKey: StorageKey { typealias Value = SQLiteWriter }

    /// On an SQLite file, the process's own connection for its busiest write transactions (fund flows, a sync's
    /// pages); nil otherwise.
    public var sqliteWriter: SQLiteWriter? {
        get { storage[SQLiteWriterKey.self] }
        set { storage[SQLiteWriterKey.self] = newValue }
    }

    private struct SQLiteReaderKey: StorageKey { typealias Value = SQLiteReader }

    /// On an SQLite file, the process's own connections for reads of many rows (the change feed's pages); nil
    /// otherwise.
    public var sqliteReader: SQLiteReader? {
        get { storage[SQLiteReaderKey.self] }
        set { storage[SQLiteReaderKey.self] = newValue }
    }

    /// The job-sharing hub over the app's database, reading feed pages through ``sqliteReader`` and writing received
    /// pages through ``sqliteWriter`` when there are.
    public var exchange: JobExchange {
        JobExchange(database: db, regions: xiezuo.regions, platform: xiezuo.settings.platformID, reader: sqliteReader, writer: sqliteWriter, clock: xiezuo.clock)
    }
}
