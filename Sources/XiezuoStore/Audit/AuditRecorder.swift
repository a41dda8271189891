import FluentKit
import Foundation
import XiezuoCore

/// Writes audit entries. Callers pass the transaction's database so the entry commits or rolls back with the write.
enum AuditRecorder {
    /// Records one write with JSON summaries of the record before and after it.
    static func record<Before: Encodable, After: Encodable>(
        on database: any Database, by principal: Principal, action: String, entity: String, entityID: String,
        regionCode: String?, partnerRegionCode: String? = nil, before: Before?, after: After?
    ) async throws {
        let model = AuditEntryModel()
        model.id = UUID()
        model.at = Date()
        model.actorID = principal.accountID
        model.actorName = principal.name
        model.action = action
        model.entity = entity
        model.entityID = entityID
        model.regionCode = regionCode
        model.partnerRegionCode = partnerRegionCode
        model.before = try before.map(summary)
        model.after = try after.map(summary)
        try await model.create(on: database)
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
