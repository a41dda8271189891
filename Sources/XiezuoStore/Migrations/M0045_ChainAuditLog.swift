import FluentKit
import Foundation
import SQLKit

/// The audit log becomes a hash chain (``AuditChain``): each entry gets its place and hash, and `audit_chain` keeps the
/// head. Entries already written are chained in the order they were written (time, then id).
struct M0045_ChainAuditLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("audit_log").field("chain_seq", .int64).update()
        try await database.schema("audit_log").field("entry_hash", .string).update()
        try await database.schema("audit_chain")
            .field("id", .int, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .create()
        var previous = AuditChain.genesis
        var seq: Int64 = 0
        var last: (at: Date, id: UUID)?
        while true {
            let page: [any SQLRow]
            if let last {
                page = try await sql.raw("""
                    SELECT id, at, actor_id, actor_name, action, entity, entity_id, region_code, partner_region_code, before, after
                    FROM audit_log WHERE at > \(bind: last.at) OR (at = \(bind: last.at) AND id > \(bind: last.id)) ORDER BY at, id LIMIT 1000
                    """).all()
            } else {
                page = try await sql.raw("""
                    SELECT id, at, actor_id, actor_name, action, entity, entity_id, region_code, partner_region_code, before, after
                    FROM audit_log ORDER BY at, id LIMIT 1000
                    """).all()
            }
            if page.isEmpty { break }
            for row in page {
                let id = try row.decode(column: "id", as: UUID.self)
                let at = try row.decode(column: "at", as: Date.self)
                seq += 1
                let hash = AuditChain.hash(previous: previous, seq: seq, AuditChain.Content(
                    id: id, at: at, actorID: try row.decode(column: "actor_id", as: UUID?.self),
                    actorName: try row.decode(column: "actor_name", as: String.self), action: try row.decode(column: "action", as: String.self),
                    entity: try row.decode(column: "entity", as: String.self), entityID: try row.decode(column: "entity_id", as: String.self),
                    regionCode: try row.decode(column: "region_code", as: String?.self),
                    partnerRegionCode: try row.decode(column: "partner_region_code", as: String?.self),
                    before: try row.decode(column: "before", as: String?.self), after: try row.decode(column: "after", as: String?.self)))
                try await sql.update("audit_log").set("chain_seq", to: SQLBind(seq))
                    .set("entry_hash", to: SQLBind(hash)).where("id", .equal, SQLBind(id)).run()
                previous = hash
                last = (at, id)
            }
        }
        try await sql.insert(into: "audit_chain").columns("id", "seq", "hash").values(SQLBind(1), SQLBind(seq), SQLBind(previous)).run()
        try await sql.create(index: "audit_log_chain").on("audit_log").column("chain_seq").unique().run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "audit_log_chain").run()
        try await database.schema("audit_chain").delete()
        try await database.schema("audit_log").deleteField("entry_hash").update()
        try await database.schema("audit_log").deleteField("chain_seq").update()
    }
}
