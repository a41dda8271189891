import FluentKit
import Foundation
import XiezuoCore

/// A row of `audit_log`.
final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_log"

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "action") var action: String
    @Field(key: "entity") var entity: String
    @Field(key: "entity_id") var entityID: String
    @OptionalField(key: "region_code") var regionCode: String?
    @OptionalField(key: "partner_region_code") var partnerRegionCode: String?
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?

    init() {}

    var entry: AuditEntry {
        AuditEntry(id: id!, at: at, actorID: actorID, actorName: actorName, action: action, entity: entity,
                   entityID: entityID, regionCode: regionCode, partnerRegionCode: partnerRegionCode, before: before, after: after)
    }
}
