import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import SQLKit

/// A connection of its own to an SQLite file, on a thread of its own, for the process's write transactions that
/// are large or frequent (a sync's pages, grouped fund flows).
///
/// Unlike the event loops' connections, it keeps its prepared statements (SQLiteNIO prepares every query again:
/// the 1,000-row upsert of a sync spent as long being prepared as being bound), and the hot loops of a transaction
/// run on its thread in one call (``run(_:)``) instead of hopping to the thread pool once per statement.
/// Everything else goes through SQLKit as usual (``SQLiteWriter/transaction(_:)`` hands over an `SQLDatabase`).
///
/// SQLite itself comes from SQLiteNIO's copy of the library (`VaporCSQLite`), so this connection and the app's share
/// one library and its file locks.
public final class SQLiteWriter: @unchecked Sendable {
    /// The file's path.
    public let path: String
    let logger: Logger
    let eventLoop: any EventLoop
    /// One transaction at a time: statements of two callers must not interleave on one connection. Shared with the
    /// app's other connections to the file (``SQLiteWriteGate``), so no two of the process's connections ever wait
    /// for each other in SQLite's busy handler.
    private let gate: SQLiteWriteGate
    /// The thread, started on first use.
    private let thread = SQLiteThreads(count: 1)
    /// Copies the log back into the file while the writer goes on (see ``SQLiteCheckpointer``).
    let checkpointer: SQLiteCheckpointer
    /// The open connection; only touched on the writer's thread.
    private var connection: SQLiteDirectConnection?

    /// Creates a writer for the SQLite file at `path`; nothing is opened until the first transaction. Its checkpoints
    /// start at `checkpointPages` pages of log and it lets the log start over from `restartPages` (see
    /// ``SQLiteCheckpointer``; tests use small numbers).
    public init(path: String, eventLoop: any EventLoop, logger: Logger, gate: SQLiteWriteGate = SQLiteWriteGate(),
                checkpointPages: Int32 = SQLiteCheckpointer.defaultPages, restartPages: Int32 = SQLiteCheckpointer.defaultRestartPages) {
        self.path = path
        self.gate = gate
        self.eventLoop = eventLoop
        self.logger = logger
        checkpointer = SQLiteCheckpointer(path: path, logger: logger, pages: checkpointPages, restartPages: restartPages)
    }

    /// The settings of every connection of the app's to an SQLite file (the event loops' ones get them in
    /// `Bootstrap.prepareDatabase`). All are per connection.
    public static let connectionPragmas = [
        // Foreign keys are checked (Fluent's SQLite driver turns them on for its own connections too).
        "PRAGMA foreign_keys=ON",
        // In WAL mode, NORMAL syncs at checkpoints instead of at every commit: the database stays consistent after a
        // crash, and a power cut can lose only the last commits.
        "PRAGMA synchronous=NORMAL",
        // Two connections may write at once: the second waits for the first's commit (every write transaction starts
        // by taking the change sequence, so it holds no snapshot to lose) instead of failing with "database is locked".
        "PRAGMA busy_timeout=10000",
        // A 64 MB page cache and memory-mapped reads instead of a read(2) per page.
        "PRAGMA cache_size=-65536", "PRAGMA mmap_size=1073741824",
        // Temporary files in memory: a statement that writes many rows inside a transaction keeps the pages it
        // changes in a statement journal, which SQLite otherwise spills to a temporary file after 64 KB (a fifth of
        // a sync's SQLite time went to writing it).
        "PRAGMA temp_store=MEMORY",
    ]

    /// Runs `body` on the writer's thread with its connection (opened on first use). Inside a transaction, for the
    /// statements of a hot loop; the connection must not escape `body`.
    public func run<T: Sendable>(_ body: @escaping @Sendable (SQLiteDirectConnection) throws -> T) async throws -> T {
        try await thread.run { [self] in
            if let connection { return try body(connection) }
            let opened = try SQLiteDirectConnection(path: path)
            for pragma in Self.connectionPragmas { try opened.execute(pragma) }
            try opened.handCheckpoints(to: checkpointer)
            connection = opened
            return try body(opened)
        }
    }

    /// Runs `body` in one write transaction of the writer's connection, committed when `body` returns and rolled back
    /// when it throws. `BEGIN IMMEDIATE` takes the write lock first (waiting through the busy timeout for other
    /// connections' writes), so nothing the transaction reads can go stale before it writes. Transactions of several
    /// callers take turns.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(self) { try await self.transactionOnThread(body) }
    }

    private func transactionOnThread<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        await gate.enter()
        defer { gate.leave() }
        // Lets the log start over (see SQLiteCheckpointer.restartPages).
        if checkpointer.logIsLong { await checkpointer.drained() }
        try await run { [logger] connection in
            // A transaction left open (a bug: COMMIT and ROLLBACK always run) would hold the write lock for good.
            if !connection.isInAutocommit {
                logger.error("the SQLite writer found a transaction left open; rolling it back")
                try connection.execute("ROLLBACK")
            }
            try connection.execute("BEGIN IMMEDIATE")
        }
        do {
            let result = try await body(SQLiteWriterDatabase(writer: self))
            try await run { try $0.execute("COMMIT") }
            return result
        } catch {
            do {
                try await run { try $0.execute("ROLLBACK") }
            } catch {
                logger.error("rollback failed: \(error)")
            }
            throw error
        }
    }

    /// Closes the connection and stops the thread (at shutdown, after the last transaction).
    public func close() async {
        // After the transaction under way, if any.
        await gate.enter()
        defer { gate.leave() }
        await thread.shutdown { [self] in
            connection?.close()
            connection = nil
        }
        await checkpointer.close()
    }
}

/// The writer's thread runs its transactions' code too, not only their statements: between two statements, the
/// transaction would otherwise wait for a thread of Swift's shared pool, which a sync keeps busy reading and checking
/// pages (the writer's thread was idle a third of the time).
extension SQLiteWriter: TaskExecutor {
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        thread.submit { [self] onThread in
            if onThread {
                job.runSynchronously(on: asUnownedTaskExecutor())
            } else {
                // Shut down: the job still has to run once, on the shared pool.
                globalConcurrentExecutor.enqueue(ExecutorJob(job))
            }
        }
    }
}
