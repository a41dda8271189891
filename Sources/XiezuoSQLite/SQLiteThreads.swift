import NIOConcurrencyHelpers
import NIOPosix

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
        if let last {
            // Submitted rather than `runIfActive`, which would skip it for a cancelled task.
            await withCheckedContinuation { continuation in
                pool.submit { _ in
                    last()
                    continuation.resume()
                }
            }
        }
        try? await pool.shutdownGracefully()
    }
}

/// Work given to ``SQLiteThreads`` after they were shut down (at the app's shutdown).
public enum SQLiteThreadsError: Error, CustomStringConvertible {
    case shutDown

    public var description: String { "the SQLite connection's threads are shut down" }
}
