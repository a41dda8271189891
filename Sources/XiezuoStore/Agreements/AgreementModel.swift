import FluentKit
import Foundation
import XiezuoCore

/// A row of `agreements`; its targets live in `agreement_targets`.
final class AgreementModel: Model, @unchecked Sendable {
    static let schema = "agreements"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @OptionalField(key: "pairing_id") var pairingID: UUID?
    /// `province`, or the pairing's id: with `year` it is unique.
    @Field(key: "scope_key") var scopeKey: String
    @Field(key: "title") var title: String
    @Field(key: "share_threshold") var shareThreshold: Int
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    static func scopeKey(_ pairingID: UUID?) -> String { pairingID?.uuidString ?? "province" }

    func agreement(targets: [String: Int64]) -> Agreement {
        Agreement(id: id!, year: year, pairingID: pairingID, title: title, shareThreshold: shareThreshold, targets: targets)
    }
}
