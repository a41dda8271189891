import Foundation
import NIOConcurrencyHelpers

/// Connections of the process's own to an SQLite file, on threads of their own, for reads that return many rows at
/// once (the change feed's pages): the statements stay prepared, and rows are read by column position in place.
///
/// Through SQLiteNIO, every row of a page became an array of values with a dictionary of column names, and every
/// value was looked up by name and copied again; that was a third of the feed's CPU. Connections are opened on first
/// use, one per thread at most, and read only (`PRAGMA query_only`).
public final class SQLiteReader: Sendable {
    /// The file's path.
    public let path: String
    private let threads: SQLiteThreads
    /// Connections not in use. Each is used by one thread at a time: taken from here and put back after the read.
    private let idle = NIOLockedValueBox<[IdleConnection]>([])
    /// Settings run on each connection after ``SQLiteWriter/connectionPragmas`` (which they may override).
    private let pragmas: [String]

    /// A reader of the SQLite file at `path` with `threads` threads (so as many reads at once); nothing is opened
    /// until the first read.
    public init(path: String, threads: Int = 2) {
        self.path = path
        self.threads = SQLiteThreads(count: threads)
        pragmas = []
    }

    /// A reader for passes over a whole table (the job index's build, and the searches answered by the database
    /// meanwhile), on one thread: without memory-mapped reads and with a small page cache, so the pages it reads
    /// stay in the kernel's cache and do not count as the process's memory (mapped, a million postings' 900 MB file
    /// stayed resident in the server after one such search).
    public static func scanning(path: String) -> SQLiteReader {
        SQLiteReader(path: path, threads: 1, pragmas: ["PRAGMA mmap_size=0", "PRAGMA cache_size=-2048"])
    }

    private init(path: String, threads: Int, pragmas: [String]) {
        self.path = path
        self.threads = SQLiteThreads(count: threads)
        self.pragmas = pragmas
    }

    /// Runs `body` with a connection, on one of the reader's threads; the connection must not escape `body`.
    public func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteDirectConnection) throws -> T) async throws -> T {
        try await threads.run { [self] in
            let connection = try idle.withLockedValue { $0.popLast()?.connection } ?? open()
            defer { idle.withLockedValue { $0.append(IdleConnection(connection: connection)) } }
            return try body(connection)
        }
    }

    /// Stops the threads, then closes the connections (at shutdown).
    public func close() async {
        await threads.shutdown()
        for idle in idle.withLockedValue({ idle in defer { idle = [] }; return idle }) { idle.connection.close() }
    }

    private func open() throws -> SQLiteDirectConnection {
        let connection = try SQLiteDirectConnection(path: path)
        for pragma in SQLiteWriter.connectionPragmas + ["PRAGMA query_only=ON"] + pragmas { try connection.execute(pragma) }
        return connection
    }

    /// A connection kept for the next read; only one thread uses it at a time (the lock hands it over).
    private struct IdleConnection: @unchecked Sendable {
        let connection: SQLiteDirectConnection
    }
}
