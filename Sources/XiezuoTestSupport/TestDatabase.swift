import Foundation

/// A database the store and web tests run against: always SQLite, and PostgreSQL too when
/// `XIEZUO_TEST_POSTGRES_URL` is set (CI sets it).
public enum TestDatabase: Sendable, CustomStringConvertible {
    case sqlite
    case postgres(url: String)

    /// Every database available in this run; use as the arguments of a parameterised test.
    public static var all: [TestDatabase] {
        var databases: [TestDatabase] = [.sqlite]
        if let url = ProcessInfo.processInfo.environment["XIEZUO_TEST_POSTGRES_URL"], !url.isEmpty {
            databases.append(.postgres(url: url))
        }
        return databases
    }

    /// PostgreSQL alone, when this run has it (tests of several servers on one database); empty otherwise.
    public static var postgres: [TestDatabase] {
        all.filter { if case .postgres = $0 { true } else { false } }
    }

    public var description: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgres: "PostgreSQL"
        }
    }
}

extension TestDatabase {
    /// Each database with the SQLite fast path (the process's own SQLite connections for flows, a sync's pages and
    /// the feed), and SQLite once more without it (`Settings.sqliteFastPath = false`, the same work through SQLKit):
    /// the arguments of the tests of the work the fast path does.
    public static var withAndWithoutFastPath: [(TestDatabase, Bool)] {
        all.map { ($0, true) } + [(.sqlite, false)]
    }
}
