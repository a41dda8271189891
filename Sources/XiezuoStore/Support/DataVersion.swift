import FluentKit
import Foundation
import Synchronization

/// "Has anything changed since?" for caches of what the database shows (the public page cache): the global change
/// sequence, read again at most every `interval` — or at once after this process committed a write, so a page read
/// after one's own write never shows what was there before. Writes of other processes (a second server, a sync run
/// beside the server) show after at most `interval`.
public final class DataVersion: Sendable {
    /// How stale a version may be when this process wrote nothing since.
    public let interval: TimeInterval
    private struct State {
        var sequence: Int64 = -1
        var readAt: UInt64 = 0
        var commits = -1
    }
    private let state = Mutex(State())

    public init(interval: TimeInterval = 0.1) {
        self.interval = interval
    }

    /// The change sequence as of at most `interval` ago (or of this process's last commit).
    public func current(on database: any Database) async throws -> Int64 {
        let now = DispatchTime.now().uptimeNanoseconds
        let commits = LocalCommits.count
        let known = state.withLock { state -> Int64? in
            guard state.commits == commits, now &- state.readAt < UInt64(interval * 1e9) else { return nil }
            return state.sequence
        }
        if let known { return known }
        let sequence = try await ChangeSequence.current(on: database)
        state.withLock { state in
            // Keeps the newest reading when two overlap.
            if sequence >= state.sequence || state.commits != commits {
                state = State(sequence: sequence, readAt: now, commits: commits)
            }
        }
        return sequence
    }
}

/// The write transactions this process has committed, counted after each commit (``Database/writeTransaction(_:)``,
/// the flow writer's groups, a sync's pages).
public enum LocalCommits {
    private static let counter = Mutex(0)

    /// How many so far.
    public static var count: Int { counter.withLock { $0 } }

    /// Counts one commit.
    static func add() { counter.withLock { $0 += 1 } }
}
