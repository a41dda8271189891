import FluentKit
import Foundation
import SQLKit

/// Turns of the periodic jobs among several servers on one database: a job runs once a period across them.
///
/// A server whose timer fires takes the job's turn if no server took it within the period (`periodic_runs`: one row
/// per job with the time and server of its last run; the claim is one conditional `UPDATE`, so two servers asking at
/// once cannot both win). On PostgreSQL the claim and the run also hold a session-level advisory lock on the job
/// (`pg_try_advisory_lock`), so a run that outlasts its period is never joined by a second one; a server that finds
/// it held skips the turn. On SQLite (one server per file) the claim alone serves.
public enum PeriodicTurn {
    /// This process, as `periodic_runs.ran_by` names it.
    public static let server = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"

    /// Runs `body` if this server takes the turn of `job` at `now`: no run started within `period` seconds before (a
    /// tenth of it is allowed for timers firing early) and, on PostgreSQL, no run under way. Returns whether it ran.
    @discardableResult
    public static func take(_ job: String, every period: TimeInterval, now: Date, on database: any Database,
                            _ body: @escaping @Sendable () async throws -> Void) async throws -> Bool {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name == "postgresql" else {
            guard try await claim(job, period: period, now: now, on: sql) else { return false }
            try await body()
            return true
        }
        // One connection for the lock and its release: an advisory lock belongs to the session that took it.
        return try await database.withConnection { connection in
            let session = connection as! any SQLDatabase
            let key = lockKey(job)
            let locked = try await session.raw("SELECT pg_try_advisory_lock(\(bind: key)) AS locked").first()?
                .decode(column: "locked", as: Bool.self) ?? false
            guard locked else { return false }
            do {
                let claimed = try await claim(job, period: period, now: now, on: session)
                if claimed { try await body() }
                _ = try await session.raw("SELECT pg_advisory_unlock(\(bind: key))").all()
                return claimed
            } catch {
                _ = try? await session.raw("SELECT pg_advisory_unlock(\(bind: key))").all()
                throw error
            }
        }
    }

    /// Claims the job's turn: true if its last run started `period` (less a tenth) or more before `now`.
    static func claim(_ job: String, period: TimeInterval, now: Date, on sql: any SQLDatabase) async throws -> Bool {
        let at = now.timeIntervalSince1970
        try await sql.raw("""
            INSERT INTO periodic_runs (job, ran_at, ran_by) VALUES (\(bind: job), 0, '') ON CONFLICT (job) DO NOTHING
            """).run()
        let claimed = try await sql.raw("""
            UPDATE periodic_runs SET ran_at = \(bind: at), ran_by = \(bind: server)
            WHERE job = \(bind: job) AND ran_at <= \(bind: at - period * 0.9) RETURNING job
            """).first()
        return claimed != nil
    }

    /// The advisory lock's number for a job: a stable 63-bit digest of its name (FNV-1a).
    static func lockKey(_ job: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in ("xiezuo.periodic." + job).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash >> 1)
    }
}
