import NIOConcurrencyHelpers

/// The process's write lock on one SQLite file: a first-come, first-served lock for async callers.
///
/// SQLite lets one connection write at a time; a second one that tries sleeps in SQLite's busy handler (1 ms, then
/// longer, up to 100 ms a nap) until the lock is free, so under load writers waited for each other's naps rather
/// than for each other's work. Every write of the process — the ``SQLiteWriter``'s transactions and the event loops'
/// ones (Store's `SerialWritesDatabase`) — holds this gate while it writes, so writes queue here, in order, and
/// SQLite's lock is always free when a writer asks for it. Another process writing to the file (a command run
/// beside the server) still meets the busy handler.
public final class SQLiteWriteGate: Sendable {
    private struct State {
        var busy = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private let state = NIOLockedValueBox(State())

    public init() {}

    /// Waits until no one else holds the gate, then holds it.
    public func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = state.withLockedValue { state in
                if state.busy {
                    state.waiting.append(continuation)
                    return false
                }
                state.busy = true
                return true
            }
            if admitted { continuation.resume() }
        }
    }

    /// Lets the next caller in.
    public func leave() {
        let next = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.busy = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }

    /// Runs `body` holding the gate.
    public func holding<T>(_ body: () async throws -> T) async rethrows -> T {
        await enter()
        defer { leave() }
        return try await body()
    }

    /// How many callers wait for the gate now (for tests and metrics).
    public var waiting: Int { state.withLockedValue { $0.waiting.count } }
}
