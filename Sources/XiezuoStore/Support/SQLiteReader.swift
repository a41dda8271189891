import Foundation
import NIOConcurrencyHelpers
import NIOPosix

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

    /// A reader of the SQLite file at `path` with `threads` threads (so as many reads at once); nothing is opened
    /// until the first read.
    public init(path: String, threads: Int = 2) {
        self.path = path
        self.threads = SQLiteThreads(count: threads)
    }

    /// Runs `body` with a connection, on one of the reader's threads; the connection must not escape `body`.
    func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteDirectConnection) throws -> T) async throws -> T {
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
        for pragma in SQLiteWriter.connectionPragmas + ["PRAGMA query_only=ON"] { try connection.execute(pragma) }
        return connection
    }

    /// A connection kept for the next read; only one thread uses it at a time (the lock hands it over).
    private struct IdleConnection: @unchecked Sendable {
        let connection: SQLiteDirectConnection
    }
}

/// Threads of the process's own for blocking SQLite calls, started on first use and refusing work once shut down.
final class SQLiteThreads: Sendable {
    private enum State {
        case notStarted
        case running(NIOThreadPool)
        case shutDown
    }
    private let count: Int
    private let state = NIOLockedValueBox(State.notStarted)

    init(count: Int) { self.count = count }

    /// Runs `body` on one of the threads; throws `SQLiteThreadsError.shutDown` once they are shut down. Work once
    /// given always runs, even if the waiting task is cancelled meanwhile: a transaction's `COMMIT` or `ROLLBACK`
    /// must not be skipped (NIO's `runIfActive` drops queued work of a cancelled task).
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            submit { onThread in
                guard onThread else { return continuation.resume(throwing: SQLiteThreadsError.shutDown) }
                continuation.resume(with: Result { try body() })
            }
        }
    }

    /// Has `body` run on one of the threads, after the work given before it, with `true`; once they are shut down,
    /// calls it at once with `false`.
    func submit(_ body: @escaping @Sendable (_ onThread: Bool) -> Void) {
        guard let pool = pool() else { return body(false) }
        pool.submit { state in
            if case .active = state { body(true) } else { body(false) }
        }
    }

    /// The threads, started if they were not; nil once shut down.
    private func pool() -> NIOThreadPool? {
        state.withLockedValue { state in
            switch state {
            case .running(let pool): return pool
            case .shutDown: return nil
            case .notStarted:
                let started = NIOThreadPool(numberOfThreads: count)
                started.start()
                state = .running(started)
                return started
            }
        }
    }

    /// Runs `last` on a thread if they were started, then stops them; later calls of ``run(_:)`` throw.
    func shutdown(after last: (@Sendable () -> Void)? = nil) async {
        let pool = state.withLockedValue { state -> NIOThreadPool? in
            defer { state = .shutDown }
            if case .running(let pool) = state { return pool }
            return nil
        }
        guard let pool else { return }
        if let last { try? await pool.runIfActive(last) }
        try? await pool.shutdownGracefully()
    }
}

/// Work given to ``SQLiteThreads`` after they were shut down (at the app's shutdown).
public enum SQLiteThreadsError: Error, CustomStringConvertible {
    case shutDown

    public var description: String { "the SQLite connection's threads are shut down" }
}
