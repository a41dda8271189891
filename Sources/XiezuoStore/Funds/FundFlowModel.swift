import FluentKit
import Foundation
import XiezuoCore

/// A row of `fund_flows`.
final class FundFlowModel: Model, @unchecked Sendable {
    static let schema = "fund_flows"

    @ID(key: .id) var id: UUID?
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "type") var type: String
    @Field(key: "source") var source: String
    @Field(key: "amount") var amount: Int64
    @Field(key: "day") var day: String
    @Field(key: "month") var month: Int
    @OptionalField(key: "voucher") var voucher: String?
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "reverses_id") var reversesID: UUID?
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    convenience init(_ flow: FundFlow, changeSeq: Int64) {
        self.init()
        id = flow.id
        projectID = flow.projectID
        type = flow.type.rawValue
        source = flow.source.rawValue
        amount = flow.amount
        day = flow.date.description
        month = flow.date.monthKey
        voucher = flow.voucher
        note = flow.note
        reversesID = flow.reverses
        reason = flow.reason
        self.changeSeq = changeSeq
    }

    var flow: FundFlow {
        get throws {
            let row = StoredRow(Self.schema, id: id)
            return FundFlow(id: id!, projectID: projectID, type: try row.choice(type, as: FlowType.self, column: "type"),
                            source: try row.choice(source, as: FundSource.self, column: "source"), amount: amount,
                            date: try row.day(day, column: "day"), voucher: voucher, note: note, reverses: reversesID, reason: reason)
        }
    }
}
