import FluentKit
import SQLKit
import Foundation
import XiezuoCore

/// Writes audit entries. Callers pass the transaction's database so the entry commits or rolls back with the write.
enum AuditRecorder {
    /// Records one write with JSON summaries of the record before and after it.
    static func record<Before: Encodable, After: Encodable>(
        on database: any Database, by principal: Principal, action: String, entity: String, entityID: String,
        regionCode: String?, partnerRegionCode: String? = nil, before: Before?, after: After?
    ) async throws {
        let entries = [try Entry(by: principal, action: action, entity: entity, entityID: entityID, regionCode: regionCode,
                                 partnerRegionCode: partnerRegionCode, before: before, after: after)]
        // The chain needs its reservation, entries and new head in one transaction.
        if database.inTransaction {
            try await record(entries, on: database as! any SQLDatabase)
        } else {
            try await database.writeTransaction { tx in try await record(entries, on: tx as! any SQLDatabase) }
        }
    }

    /// One audit entry, its summaries rendered.
    struct Entry {
        var principal: Principal
        var action: String
        var entity: String
        var entityID: String
        var regionCode: String?
        var partnerRegionCode: String?
        var before: String?
        var after: String?

        init<Before: Encodable, After: Encodable>(by principal: Principal, action: String, entity: String, entityID: String,
                                                  regionCode: String?, partnerRegionCode: String? = nil,
                                                  before: Before?, after: After?) throws {
            self.principal = principal
            self.action = action
            self.entity = entity
            self.entityID = entityID
            self.regionCode = regionCode
            self.partnerRegionCode = partnerRegionCode
            // Plain calls: `before.map(summary)` made a closure of the generic function, capturing the metatypes.
            if let before { self.before = try summary(before) } else { self.before = nil }
            if let after { self.after = try summary(after) } else { self.after = nil }
        }
    }

    /// Records several writes of one transaction (the caller's: `sql` must be inside one) in as few statements as the
    /// bind limits allow, each entry chained to the one before it (``AuditChain``).
    static func record(_ entries: [Entry], on sql: any SQLDatabase) async throws {
        guard !entries.isEmpty else { return }
        // Plain SQL: every write of the platform comes here, and a Fluent model's create costs more than the insert.
        let now = AuditChain.stored(Date())
        var (seq, previous) = try await AuditChain.reserve(entries.count, on: sql)
        for start in stride(from: 0, to: entries.count, by: 400) {
            var insert = sql.insert(into: AuditEntryModel.schema)
                .columns("id", "at", "actor_id", "actor_name", "action", "entity", "entity_id", "region_code", "partner_region_code", "before",
                         "after", "chain_seq", "entry_hash")
            for entry in entries[start..<min(start + 400, entries.count)] {
                let id = UUID()
                let hash = AuditChain.hash(previous: previous, seq: seq, AuditChain.Content(
                    id: id, at: now, actorID: entry.principal.accountID, actorName: entry.principal.name, action: entry.action,
                    entity: entry.entity, entityID: entry.entityID, regionCode: entry.regionCode, partnerRegionCode: entry.partnerRegionCode,
                    before: entry.before, after: entry.after))
                insert = insert.values(SQLBind(id), SQLBind(now), SQLBind(entry.principal.accountID), SQLBind(entry.principal.name),
                                       SQLBind(entry.action), SQLBind(entry.entity), SQLBind(entry.entityID), SQLBind(entry.regionCode),
                                       SQLBind(entry.partnerRegionCode), SQLBind(entry.before), SQLBind(entry.after), SQLBind(seq), SQLBind(hash))
                previous = hash
                seq += 1
            }
            try await insert.run()
        }
        try await AuditChain.advance(to: previous, on: sql)
    }

    /// A compact, stable JSON rendering of a record.
    static func summary(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// Nothing, for the missing side of a create or delete.
struct NoSummary: Encodable {}
