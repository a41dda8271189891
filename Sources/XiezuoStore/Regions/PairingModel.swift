import FluentKit
import Foundation
import XiezuoCore

/// A row of `pairings`.
final class PairingModel: Model, @unchecked Sendable {
    static let schema = "pairings"

    @ID(key: .id) var id: UUID?
    @Field(key: "east_code") var eastCode: String
    @Field(key: "west_code") var westCode: String
    @Field(key: "level") var level: String
    @OptionalField(key: "valid_from") var validFrom: Int?
    @OptionalField(key: "valid_to") var validTo: Int?
    @Field(key: "confidence") var confidence: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var pairing: Pairing {
        get throws {
            Pairing(id: id!, eastCode: eastCode, westCode: westCode,
                    level: try StoredRow(Self.schema, id: id).choice(level, as: RegionLevel.self, column: "level"),
                    validFrom: validFrom, validTo: validTo, confidence: confidence, note: note)
        }
    }
}
