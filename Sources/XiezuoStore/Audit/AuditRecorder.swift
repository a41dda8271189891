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
        // Plain SQL: every write of the platform comes here, and a Fluent model's create costs more than the insert.
        try await (database as! any SQLDatabase).insert(into: AuditEntryModel.schema)
            .columns("id", "at", "actor_id", "actor_name", "action", "entity", "entity_id", "region_code", "partner_region_code", "before", "after")
            .values(SQLBind(UUID()), SQLBind(Date()), SQLBind(principal.accountID), SQLBind(principal.name), SQLBind(action), SQLBind(entity),
                    SQLBind(entityID), SQLBind(regionCode), SQLBind(partnerRegionCode), SQLBind(try before.map(summary)),
                    SQLBind(try after.map(summary)))
            .run()
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
