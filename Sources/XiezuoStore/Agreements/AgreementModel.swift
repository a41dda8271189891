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
    /// The grading rules; nil for the standard ones.
    @OptionalField(key: "grading") var grading: StoredBody<GradingRulesStoredV1>?
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    static func scopeKey(_ pairingID: UUID?) -> String { pairingID?.uuidString ?? "province" }

    func agreement(targets: [String: Int64]) throws -> Agreement {
        Agreement(id: id!, year: year, pairingID: pairingID, title: title, shareThreshold: shareThreshold, targets: targets,
                  grading: try grading?.value(in: StoredRow(Self.schema, id: id)))
    }
}

/// How an agreement's ``GradingRules`` are kept in `agreements.grading`: version 1 (see ``StoredShape``); thresholds in
/// basis points.
struct GradingRulesStoredV1: StoredShape {
    static let version = 1
    var v: Int
    var weights: [String: Int]
    var good: Int
    var fairlyGood: Int
    var average: Int

    init(_ value: GradingRules) {
        v = Self.version
        weights = value.weights
        good = value.good
        fairlyGood = value.fairlyGood
        average = value.average
    }

    func value(in row: StoredRow) throws -> GradingRules {
        try row.check(version: v, reads: Self.version)
        return GradingRules(weights: weights, good: good, fairlyGood: fairlyGood, average: average)
    }
}
