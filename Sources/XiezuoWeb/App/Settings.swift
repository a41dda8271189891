import Foundation

/// The platform's configuration, read once from environment variables with development defaults.
public struct Settings: Sendable {
    /// Where the data lives.
    public enum DatabaseLocation: Sendable, Equatable {
        /// An SQLite file (the embedded default).
        case sqlite(path: String)
        /// A PostgreSQL server.
        case postgres(url: String)

        /// True for the embedded SQLite default.
        public var isSQLite: Bool { if case .sqlite = self { true } else { false } }
    }

    /// `XIEZUO_DATABASE_URL`: an SQLite path (or `sqlite://path`) or a `postgres://` URL; default `xiezuo.sqlite`.
    public var database: DatabaseLocation
    /// `XIEZUO_HOST`, default 127.0.0.1.
    public var hostname: String
    /// `XIEZUO_PORT`, default 8080.
    public var port: Int
    /// `XIEZUO_BCRYPT_COST`, default 12; tests lower it.
    public var bcryptCost: Int
    /// `XIEZUO_LOG_FORMAT`: `json` for one JSON object per line, otherwise Vapor's text format.
    public var logFormat: String
    /// `XIEZUO_SECURE_COOKIES=1` marks the session cookie Secure (behind HTTPS).
    public var secureCookies: Bool
    /// `XIEZUO_PLATFORM_ID`: this node's name in the job exchange (the origin of postings made here), default `xiezuo`.
    public var platformID: String
    /// `XIEZUO_DATA_KEY`: base64 of the 32-byte key that seals phone and ID numbers; when absent the key file is used.
    public var dataKey: String?
    /// `XIEZUO_DATA_KEY_FILE`: where the key is kept when `XIEZUO_DATA_KEY` is not set; created on first run.
    /// Default: next to the SQLite file (`xiezuo.sqlite.key`), or `xiezuo.key` in the working directory.
    public var dataKeyFile: String
    /// `XIEZUO_ORDER_HOLD_MINUTES`: how long an unpaid shop order holds its stock before it expires (1–1440, default 30).
    public var orderHoldMinutes: Int
    /// `XIEZUO_TRUST_FORWARDED_FOR=1`: the client's address is the last one a reverse proxy adds to
    /// `X-Forwarded-For` (set it only behind a proxy that sets that header), for per-address limits.
    public var trustForwardedFor: Bool
    /// `XIEZUO_METRICS_TOKEN`: the bearer secret that reads `/metrics` on the public address.
    public var metricsToken: String?
    /// `XIEZUO_METRICS_ADDRESS`: `host:port` of a second listener that serves `/metrics` alone, to anyone who reaches it.
    public var metricsAddress: String?
    /// `XIEZUO_SQLITE_FAST_PATH=0` sends the hot writes (fund flows, a sync's pages) and the feed's reads on an SQLite
    /// file through SQLKit and the event loops' connections instead of the process's own SQLite connections
    /// (`SQLiteWriter`, `SQLiteReader`): the same work, slower, without the hand-written machinery. Default on.
    public var sqliteFastPath = true
    /// `XIEZUO_RELOAD_TEMPLATES=1` reads the page templates from disk on every request (while editing them); by
    /// default they are parsed once.
    public var reloadTemplates = false
    /// `XIEZUO_PAGE_CACHE=0` turns off the cache of public pages answered to visitors without a session
    /// (``PageCache``). Default on.
    public var pageCache = true
    /// `XIEZUO_PAGE_CACHE_MS`: how stale (in milliseconds, 0–10000, default 100) a cached public page may be after
    /// another process's write (a second server's); this process's own writes show at once.
    public var pageCacheMilliseconds = 100

    /// Creates settings explicitly.
    public init(database: DatabaseLocation, hostname: String = "127.0.0.1", port: Int = 8080, bcryptCost: Int = 12,
                logFormat: String = "text", secureCookies: Bool = false, platformID: String = "xiezuo",
                dataKey: String? = nil, dataKeyFile: String? = nil, orderHoldMinutes: Int = 30, trustForwardedFor: Bool = false,
                metricsToken: String? = nil, metricsAddress: String? = nil) {
        self.database = database
        self.hostname = hostname
        self.port = port
        self.bcryptCost = bcryptCost
        self.logFormat = logFormat
        self.secureCookies = secureCookies
        self.platformID = platformID
        self.dataKey = dataKey
        self.orderHoldMinutes = orderHoldMinutes
        self.trustForwardedFor = trustForwardedFor
        self.metricsToken = metricsToken
        self.metricsAddress = metricsAddress
        switch database {
        case .sqlite(let path) where path != ":memory:": self.dataKeyFile = dataKeyFile ?? path + ".key"
        default: self.dataKeyFile = dataKeyFile ?? "xiezuo.key"
        }
    }

    /// Reads the settings from an environment dictionary.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        let database = try parseDatabase(env["XIEZUO_DATABASE_URL"] ?? "xiezuo.sqlite")
        var port = 8080
        if let text = env["XIEZUO_PORT"] {
            guard let value = Int(text), (0...65535).contains(value) else { throw SettingsError.invalid("XIEZUO_PORT", text) }
            port = value
        }
        var cost = 12
        if let text = env["XIEZUO_BCRYPT_COST"] {
            guard let value = Int(text), (4...31).contains(value) else { throw SettingsError.invalid("XIEZUO_BCRYPT_COST", text) }
            cost = value
        }
        let platform = env["XIEZUO_PLATFORM_ID"] ?? "xiezuo"
        guard !platform.isEmpty, platform.count <= 40,
              platform.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            throw SettingsError.invalid("XIEZUO_PLATFORM_ID", platform)
        }
        var hold = 30
        if let text = env["XIEZUO_ORDER_HOLD_MINUTES"] {
            guard let value = Int(text), (1...1440).contains(value) else { throw SettingsError.invalid("XIEZUO_ORDER_HOLD_MINUTES", text) }
            hold = value
        }
        let metricsToken = env["XIEZUO_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if let metricsToken, metricsToken.count < 16 { throw SettingsError.invalid("XIEZUO_METRICS_TOKEN", "(at least 16 characters)") }
        let metricsAddress = env["XIEZUO_METRICS_ADDRESS"].flatMap { $0.isEmpty ? nil : $0 }
        if let metricsAddress, parseAddress(metricsAddress) == nil { throw SettingsError.invalid("XIEZUO_METRICS_ADDRESS", metricsAddress) }
        var fastPath = true
        if let text = env["XIEZUO_SQLITE_FAST_PATH"] {
            guard text == "0" || text == "1" else { throw SettingsError.invalid("XIEZUO_SQLITE_FAST_PATH", text) }
            fastPath = text == "1"
        }
        var settings = Settings(database: database, hostname: env["XIEZUO_HOST"] ?? "127.0.0.1", port: port, bcryptCost: cost,
                        logFormat: env["XIEZUO_LOG_FORMAT"] ?? "text", secureCookies: env["XIEZUO_SECURE_COOKIES"] == "1",
                        platformID: platform, dataKey: env["XIEZUO_DATA_KEY"], dataKeyFile: env["XIEZUO_DATA_KEY_FILE"],
                        orderHoldMinutes: hold, trustForwardedFor: env["XIEZUO_TRUST_FORWARDED_FOR"] == "1",
                        metricsToken: metricsToken, metricsAddress: metricsAddress)
        settings.sqliteFastPath = fastPath
        for (name, value) in [("XIEZUO_RELOAD_TEMPLATES", env["XIEZUO_RELOAD_TEMPLATES"]), ("XIEZUO_PAGE_CACHE", env["XIEZUO_PAGE_CACHE"])] {
            if let value, value != "0" && value != "1" { throw SettingsError.invalid(name, value) }
        }
        settings.reloadTemplates = env["XIEZUO_RELOAD_TEMPLATES"] == "1"
        settings.pageCache = env["XIEZUO_PAGE_CACHE"] != "0"
        if let text = env["XIEZUO_PAGE_CACHE_MS"] {
            guard let value = Int(text), (0...10_000).contains(value) else { throw SettingsError.invalid("XIEZUO_PAGE_CACHE_MS", text) }
            settings.pageCacheMilliseconds = value
        }
        return settings
    }

    /// Splits `host:port` (`[::1]:9090` for IPv6); nil unless the port is 1–65535.
    public static func parseAddress(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    /// Parses `XIEZUO_DATABASE_URL`.
    public static func parseDatabase(_ value: String) throws -> DatabaseLocation {
        if value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") { return .postgres(url: value) }
        if value.hasPrefix("sqlite://") { return .sqlite(path: String(value.dropFirst("sqlite://".count))) }
        guard !value.isEmpty, !value.contains("://") else { throw SettingsError.invalid("XIEZUO_DATABASE_URL", value) }
        return .sqlite(path: value)
    }
}

/// A configuration value that cannot be used.
public enum SettingsError: Error, CustomStringConvertible {
    case invalid(String, String)

    public var description: String {
        switch self {
        case .invalid(let name, let value): "\(name)=\(value) is not valid"
        }
    }
}
