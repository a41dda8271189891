import Foundation
import Logging
import NIOConcurrencyHelpers
import VaporCSQLite

/// Copies an SQLite file's write-ahead log back into the file on a connection and thread of its own, so the
/// ``SQLiteWriter``'s commits do not wait for it.
///
/// SQLite normally has the connection whose commit takes the log past 1,000 pages copy it back there and then, and
/// wait for the disk (with `synchronous=NORMAL`, a checkpoint is where SQLite syncs). A sync commits every 20,000
/// postings, so every one of its commits also did a checkpoint, on the one thread everything else waited for. The
/// writer now turns its own checkpoints off and reports each commit (`sqlite3_wal_hook`); a commit that leaves the
/// log at least ``defaultPages`` long gets a `PASSIVE` checkpoint here meanwhile, which never blocks the writer or a reader.
/// A request that arrives while one runs makes one more run after it.
public final class SQLiteCheckpointer: Sendable {
    /// The log's length in pages after which a commit asks for a checkpoint (SQLite's own default).
    public static let defaultPages: Int32 = 1_000

    /// The log's length in pages after which the writer waits for the checkpoints under way before its next
    /// transaction (``SQLiteWriter/transaction(_:)``). SQLite starts the log over only when a transaction begins after
    /// everything in it was copied back; a writer that never waited for that made the log grow for as long as it wrote
    /// (1.6 GB in a sync of a million postings), and every page SQLite looked up in it cost more. Measured on that sync
    /// (docs/performance.md): 4,096, 8,192 and 16,384 pages ran alike; the shortest keeps the log under ~100 MB.
    public static let defaultRestartPages: Int32 = 4_096

    /// See ``defaultPages`` and ``defaultRestartPages``.
    let pages: Int32, restartPages: Int32
    private let path: String
    private let logger: Logger
    private let thread = SQLiteThreads(count: 1)
    private struct State {
        var running = false
        var again = false
        /// The log's length in pages after the last commit.
        var logPages: Int32 = 0
        /// Callers of ``drained()`` waiting for the checkpoints to stop.
        var waiting: [CheckedContinuation<Void, Never>] = []
        /// Checkpoints done.
        var completed = 0
    }
    private let state = NIOLockedValueBox(State())
    /// The checkpoint connection, opened on first use; only used on the checkpointer's thread.
    private let connection = NIOLockedValueBox<ConnectionBox?>(nil)

    init(path: String, logger: Logger, pages: Int32 = defaultPages, restartPages: Int32 = defaultRestartPages) {
        self.path = path
        self.logger = logger
        self.pages = pages
        self.restartPages = restartPages
    }

    /// Checkpoints completed so far.
    var completed: Int { state.withLockedValue { $0.completed } }

    /// The log's length in pages after the last commit.
    var logPages: Int32 { state.withLockedValue { $0.logPages } }

    /// True when the last commit left the log at least ``restartPages`` long.
    var logIsLong: Bool { logPages >= restartPages }

    /// Notes the log's length after a commit, and asks for a checkpoint when it is at least ``pages`` long.
    func committed(logPages: Int32) {
        state.withLockedValue { $0.logPages = logPages }
        if logPages >= pages { request() }
    }

    /// Returns once no checkpoint is under way or asked for.
    func drained() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLockedValue { state in
                if state.running { state.waiting.append(continuation) }
                return !state.running
            }
            if idle { continuation.resume() }
        }
    }

    /// Asks for a checkpoint soon; returns at once.
    func request() {
        let start = state.withLockedValue { state -> Bool in
            if state.running {
                state.again = true
                return false
            }
            state.running = true
            return true
        }
        guard start else { return }
        Task { [self] in
            do {
                try await thread.run { [self] in
                    repeat { try checkpoint() } while another()
                }
            } catch {
                stop()
                // After shutdown the file is checkpointed as its last connection closes.
                if case SQLiteThreadsError.shutDown? = error as? SQLiteThreadsError { return }
                logger.warning("SQLite checkpoint failed: \(error)")
            }
        }
    }

    /// After a checkpoint: true when a request came while it ran, so another runs; otherwise the checkpoints stop
    /// (in the same turn of the lock, so a request is either seen here or starts a new run).
    private func another() -> Bool {
        let (again, waiting) = state.withLockedValue { state -> (Bool, [CheckedContinuation<Void, Never>]) in
            state.completed += 1
            if state.again {
                state.again = false
                return (true, [])
            }
            state.running = false
            defer { state.waiting = [] }
            return (false, state.waiting)
        }
        for continuation in waiting { continuation.resume() }
        return again
    }

    /// Marks the checkpoints stopped and lets the callers of ``drained()`` go on.
    private func stop() {
        let waiting = state.withLockedValue { state in
            state.running = false
            state.again = false
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Stops the thread and closes the connection (after the writer's last commit).
    func close() async {
        await thread.shutdown { [self] in
            connection.withLockedValue { $0?.connection.close(); $0 = nil }
        }
    }

    private func checkpoint() throws {
        let open = try connection.withLockedValue { box in
            if let box { return box.connection }
            let opened = try SQLiteDirectConnection(path: path)
            for pragma in SQLiteWriter.connectionPragmas { try opened.execute(pragma) }
            box = ConnectionBox(connection: opened)
            return opened
        }
        try open.checkpoint()
    }

    /// The connection, kept between calls on the one thread.
    private struct ConnectionBox: @unchecked Sendable {
        let connection: SQLiteDirectConnection
    }
}

extension SQLiteDirectConnection {
    /// Runs a `PASSIVE` checkpoint: copies as much of the log back as it can without waiting for anyone. Another
    /// connection's checkpoint under way (the event loops' connections still checkpoint their own commits) is no
    /// failure: the next request copies what is left.
    func checkpoint() throws {
        let code = sqlite_nio_sqlite3_wal_checkpoint_v2(try liveHandle(), nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        guard code == SQLITE_OK || code == SQLITE_BUSY else { throw error(code) }
    }

    /// Turns this connection's own checkpoints off and reports each of its commits to `checkpointer`, which must
    /// outlive the connection.
    func handCheckpoints(to checkpointer: SQLiteCheckpointer) throws {
        try execute("PRAGMA wal_autocheckpoint=0")
        sqlite_nio_sqlite3_wal_hook(try liveHandle(), { context, _, _, pages in
            if let context { Unmanaged<SQLiteCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(logPages: pages) }
            return SQLITE_OK
        }, Unmanaged.passUnretained(checkpointer).toOpaque())
    }
}
