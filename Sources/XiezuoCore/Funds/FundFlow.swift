import Foundation

/// The IATI transaction types a flow can have.
public enum FlowType: String, Sendable, Codable, CaseIterable {
    /// Funds promised to the project.
    case commitment
    /// Funds paid out to the project (到位).
    case disbursement
    /// Funds the project has spent.
    case expenditure
}

/// Where the money comes from.
public enum FundSource: String, Sendable, Codable, CaseIterable {
    /// 财政援助资金: Jiangsu's fiscal aid, the cooperation funds.
    case jiangsuAid = "jiangsu_aid"
    /// 社会捐助
    case socialDonation = "social_donation"
    /// 地方配套
    case localMatching = "local_matching"
    case other
}

/// One money movement on a project.
public struct FundFlow: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var projectID: UUID
    public var type: FlowType
    public var source: FundSource
    /// Amount in fen: positive, or negative for a reversal (红字冲销) of the flow `reverses`.
    public var amount: Int64
    /// The day it counts on; a reversal takes its original's, so that month's figures move back.
    public var date: Day
    public var voucher: String?
    public var note: String?
    /// For a reversal: the flow it cancels.
    public var reverses: UUID?
    /// For a reversal: why the original was wrong.
    public var reason: String?
    /// For an original that was reversed: the reversal (filled in when flows are listed).
    public var reversedBy: UUID?

    public init(id: UUID, projectID: UUID, type: FlowType, source: FundSource, amount: Int64, date: Day, voucher: String?, note: String?,
                reverses: UUID? = nil, reason: String? = nil, reversedBy: UUID? = nil) {
        self.id = id
        self.projectID = projectID
        self.type = type
        self.source = source
        self.amount = amount
        self.date = date
        self.voucher = voucher
        self.note = note
        self.reverses = reverses
        self.reason = reason
        self.reversedBy = reversedBy
    }

    /// The entry that cancels this one: the same project, type, source, day and voucher, the opposite amount.
    /// Refuses a reversal (never reversed) and, against the project's `totals`, a reversal that would leave more
    /// disbursed than committed or more spent than disbursed (reverse those first).
    public func reversal(id: UUID, reason: String, totals: FlowTotals) throws(DomainError) -> FundFlow {
        guard reverses == nil, amount > 0 else { throw .invalid("reason", "cannot_reverse_reversal") }
        switch type {
        case .commitment:
            guard totals.committed - amount >= totals.disbursed else {
                throw .invalid("reason", "reversal_below_disbursed", ["disbursed_fen": String(totals.disbursed)])
            }
        case .disbursement:
            guard totals.disbursed - amount >= totals.spent else {
                throw .invalid("reason", "reversal_below_spent", ["spent_fen": String(totals.spent)])
            }
        case .expenditure: break
        }
        return FundFlow(id: id, projectID: projectID, type: type, source: source, amount: -amount, date: date, voucher: voucher, note: nil,
                        reverses: self.id, reason: reason)
    }
}

/// A project's running totals by flow type, all sources together.
public struct FlowTotals: Sendable, Equatable {
    public var committed: Int64
    public var disbursed: Int64
    public var spent: Int64

    public init(committed: Int64 = 0, disbursed: Int64 = 0, spent: Int64 = 0) {
        self.committed = committed
        self.disbursed = disbursed
        self.spent = spent
    }

    /// Adds a flow that passed ``FlowDraft/validated(for:totals:today:id:)`` against these totals, so the next
    /// flow of the same group is checked against both.
    public mutating func add(_ flow: FundFlow) {
        switch flow.type {
        case .commitment: committed += flow.amount
        case .disbursement: disbursed += flow.amount
        case .expenditure: spent += flow.amount
        }
    }
}

/// What someone submits to record a flow.
public struct FlowDraft: Sendable, Codable, Equatable {
    public var type: String?
    public var source: String?
    public var amount: Int64?
    public var date: String?
    public var voucher: String?
    public var note: String?

    public init(type: String?, source: String?, amount: Int64?, date: String?, voucher: String? = nil, note: String? = nil) {
        self.type = type
        self.source = source
        self.amount = amount
        self.date = date
        self.voucher = voucher
        self.note = note
    }

    /// Checks the flow on its own and against the project: no date after `today`, only on approved projects,
    /// disbursed ≤ committed and spent ≤ disbursed after the flow.
    public func validated(for project: Project, totals: FlowTotals, today: Day, id: UUID) throws(DomainError) -> FundFlow {
        guard let typeText = try Validate.text(type, field: "type", max: 20), let type = FlowType(rawValue: typeText) else {
            throw .invalid("type", "unknown_flow_type")
        }
        guard let sourceText = try Validate.text(source, field: "source", max: 20), let source = FundSource(rawValue: sourceText) else {
            throw .invalid("source", "unknown_fund_source")
        }
        let amount = try Validate.fen(amount, field: "amount", required: true, positive: true)!
        guard let date = try Validate.day(date, field: "date") else { throw .invalid("date", "required") }
        guard date <= today else { throw .invalid("date", "date_in_future") }
        let voucher = try Validate.text(voucher, field: "voucher", max: 40, required: false)
        let note = try Validate.text(note, field: "note", max: 500, required: false)
        guard project.status.isApproved else { throw .invalid("projectId", "project_not_approved") }
        switch type {
        case .commitment: break
        case .disbursement:
            guard totals.disbursed + amount <= totals.committed else {
                throw .invalid("amount", "exceeds_committed", ["available_fen": String(totals.committed - totals.disbursed)])
            }
        case .expenditure:
            guard totals.spent + amount <= totals.disbursed else {
                throw .invalid("amount", "exceeds_disbursed", ["available_fen": String(totals.disbursed - totals.spent)])
            }
        }
        return FundFlow(id: id, projectID: project.id, type: type, source: source, amount: amount, date: date, voucher: voucher, note: note)
    }
}
