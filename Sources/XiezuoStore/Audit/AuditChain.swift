import Crypto
import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// The audit log's hash chain (tamper evidence, GB/T 22239 level 3). Every entry carries its place in the chain
/// (`chain_seq`, 1, 2, 3 … with no gaps) and `entry_hash` = SHA-256 of the previous entry's hash and of its own
/// content. The head (`audit_chain`: the last place and hash) is updated in the same transaction as the entries, and
/// the first statement of that update takes the lock that makes writers append one after another.
///
/// An entry edited in the database no longer fits its hash; a deleted one leaves a gap, or a head that no entry
/// matches; an inserted one does not fit the chain. ``verify(on:pageSize:)`` finds the first such entry.
public enum AuditChain {
    /// The hash before the first entry.
    static let genesis = String(repeating: "0", count: 64)

    /// An entry's fields as they are hashed; `at` counts whole milliseconds, which both databases keep exactly.
    struct Content {
        var id: UUID
        var at: Date
        var actorID: UUID?
        var actorName: String
        var action: String
        var entity: String
        var entityID: String
        var regionCode: String?
        var partnerRegionCode: String?
        var before: String?
        var after: String?
    }

    /// Whole milliseconds since 1970: the time as stored and hashed.
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// `date` rounded to whole milliseconds.
    static func stored(_ date: Date) -> Date { Date(timeIntervalSince1970: Double(milliseconds(date)) / 1000) }

    /// The hash of an entry that follows `previous` at place `seq`.
    static func hash(previous: String, seq: Int64, _ content: Content) -> String {
        // Fields separated by U+001F and marked present or absent, so no two different entries share a text.
        var text = previous + "\u{1F}" + String(seq) + "\u{1F}" + content.id.uuidString.lowercased() + "\u{1F}" + String(milliseconds(content.at))
        for field in [content.actorID?.uuidString.lowercased(), content.actorName, content.action, content.entity, content.entityID,
                      content.regionCode, content.partnerRegionCode, content.before, content.after] {
            text += field.map { "\u{1F}+" + $0 } ?? "\u{1F}-"
        }
        return Hex.encode(SHA256.hash(data: Data(text.utf8)))
    }

    /// Takes the next `count` places in the chain (locking the head until the transaction ends) and answers the first
    /// place and the hash before it.
    static func reserve(_ count: Int, on sql: any SQLDatabase) async throws -> (first: Int64, previous: String) {
        guard let row = try await sql.raw("""
            UPDATE audit_chain SET seq = seq + \(bind: Int64(count)) WHERE id = 1 RETURNING seq, hash
            """).first() else { throw AuditChainError.missingHead }
        let last = try row.decode(column: "seq", as: Int64.self)
        return (last - Int64(count) + 1, try row.decode(column: "hash", as: String.self))
    }

    /// Records the chain's new head hash.
    static func advance(to hash: String, on sql: any SQLDatabase) async throws {
        try await sql.update("audit_chain").set("hash", to: SQLBind(hash)).where("id", .equal, SQLBind(1)).run()
    }

    /// What a verification found.
    public struct Verification: Sendable, Equatable {
        /// Entries checked.
        public var checked: Int
        /// The first entry that does not fit, by its place (or the place where one is missing), with the reason:
        /// `hash` (edited), `gap` (missing entries), `head` (the last entries deleted), `unchained` (an entry
        /// without a place).
        public var failure: (seq: Int64, id: UUID?, reason: String)?

        public var isIntact: Bool { failure == nil }

        public static func == (a: Verification, b: Verification) -> Bool {
            a.checked == b.checked && a.failure?.seq == b.failure?.seq && a.failure?.id == b.failure?.id && a.failure?.reason == b.failure?.reason
        }
    }

    /// Walks the chain from the first entry and stops at the first that does not fit.
    public static func verify(on database: any Database, pageSize: Int = 5_000) async throws -> Verification {
        let sql = database as! any SQLDatabase
        var previous = genesis
        var expected: Int64 = 1
        var checked = 0
        if let row = try await sql.raw("SELECT id FROM audit_log WHERE chain_seq IS NULL LIMIT 1").first() {
            return Verification(checked: 0, failure: (0, try row.decode(column: "id", as: UUID.self), "unchained"))
        }
        while true {
            let rows = try await sql.raw("""
                SELECT id, at, actor_id, actor_name, action, entity, entity_id, region_code, partner_region_code, before, after,
                       chain_seq, entry_hash
                FROM audit_log WHERE chain_seq >= \(bind: expected) ORDER BY chain_seq LIMIT \(bind: pageSize)
                """).all()
            for row in rows {
                let seq = try row.decode(column: "chain_seq", as: Int64.self)
                let id = try row.decode(column: "id", as: UUID.self)
                guard seq == expected else { return Verification(checked: checked, failure: (expected, nil, "gap")) }
                let content = Content(id: id, at: try row.decode(column: "at", as: Date.self),
                                      actorID: try row.decode(column: "actor_id", as: UUID?.self),
                                      actorName: try row.decode(column: "actor_name", as: String.self),
                                      action: try row.decode(column: "action", as: String.self),
                                      entity: try row.decode(column: "entity", as: String.self),
                                      entityID: try row.decode(column: "entity_id", as: String.self),
                                      regionCode: try row.decode(column: "region_code", as: String?.self),
                                      partnerRegionCode: try row.decode(column: "partner_region_code", as: String?.self),
                                      before: try row.decode(column: "before", as: String?.self),
                                      after: try row.decode(column: "after", as: String?.self))
                let hash = hash(previous: previous, seq: seq, content)
                guard hash == (try row.decode(column: "entry_hash", as: String?.self)) else {
                    return Verification(checked: checked, failure: (seq, id, "hash"))
                }
                previous = hash
                expected += 1
                checked += 1
            }
            if rows.count < pageSize { break }
        }
        guard let head = try await sql.raw("SELECT seq, hash FROM audit_chain WHERE id = 1").first() else { throw AuditChainError.missingHead }
        if try head.decode(column: "seq", as: Int64.self) != expected - 1 || (try head.decode(column: "hash", as: String.self)) != previous {
            return Verification(checked: checked, failure: (expected, nil, "head"))
        }
        return Verification(checked: checked, failure: nil)
    }
}

/// The chain's head row is missing (the migration did not run, or it was deleted).
public enum AuditChainError: Error, CustomStringConvertible {
    case missingHead
    public var description: String { "the audit chain's head (audit_chain) is missing" }
}
