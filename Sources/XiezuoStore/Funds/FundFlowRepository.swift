import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// Fund flows: recorded against the rules (approved projects, no future dates, disbursed ≤ committed,
/// spent ≤ disbursed) with their facts in the same transaction.
public struct FundFlowRepository: Sendable {
    let database: any Database

    /// Creates a repository over `database`.
    public init(database: any Database) { self.database = database }

    /// Records a flow on a project in the principal's jurisdiction.
    ///
    /// The transaction first takes the next change-sequence number, which serialises writers on both databases,
    /// so two flows cannot both pass the totals check against the same old totals.
    public func record(on projectID: UUID, _ draft: FlowDraft, by principal: Principal, today: Day = Day(Date())) async throws -> FundFlow {
        try await database.transaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let projects = ProjectRepository(database: tx, regions: RegionDirectory([]))
            let project = try await projects.scoped(projectID, by: principal, on: tx).project
            guard Permissions.canEditProject(principal, countyCode: project.countyCode) else { throw DomainError.forbidden }
            let flow = try draft.validated(for: project, totals: try await Self.totals(of: projectID, on: tx), today: today, id: UUID())
            // Plain SQL: the model's create costs more than the insert on this hot path.
            try await (tx as! any SQLDatabase).insert(into: FundFlowModel.schema)
                .columns("id", "project_id", "type", "source", "amount", "day", "month", "voucher", "note", "change_seq", "created_at")
                .values(SQLBind(flow.id), SQLBind(flow.projectID), SQLBind(flow.type.rawValue), SQLBind(flow.source.rawValue), SQLBind(flow.amount),
                        SQLBind(flow.date.description), SQLBind(flow.date.monthKey), SQLBind(flow.voucher), SQLBind(flow.note), SQLBind(seq),
                        SQLBind(Date()))
                .run()
            let sum = FlowSum(type: flow.type, source: flow.source, month: flow.date.monthKey, amount: flow.amount)
            try await FactStore(database: tx).book(FactRules.contributions(of: [sum], project: project))
            try await AuditRecorder.record(on: tx, by: principal, action: "create", entity: "fund_flow", entityID: flow.id.uuidString,
                                           regionCode: project.countyCode, before: Optional<FundFlow>.none, after: flow)
            return flow
        }
    }

    /// A project's flows, newest first, if the project is in the principal's jurisdiction.
    public func list(of projectID: UUID, by principal: Principal) async throws -> [FundFlow] {
        _ = try await ProjectRepository(database: database, regions: RegionDirectory([])).scoped(projectID, by: principal, on: database)
        return try await FundFlowModel.query(on: database).filter(\.$projectID == projectID)
            .sort(\.$day, .descending).sort(\.$createdAt, .descending).all().map(\.flow)
    }

    /// The project's committed, disbursed and spent totals.
    public func totals(of projectID: UUID, by principal: Principal) async throws -> FlowTotals {
        _ = try await ProjectRepository(database: database, regions: RegionDirectory([])).scoped(projectID, by: principal, on: database)
        return try await Self.totals(of: projectID, on: database)
    }

    static func totals(of projectID: UUID, on database: any Database) async throws -> FlowTotals {
        let rows = try await (database as! any SQLDatabase).select().column("type")
            .column(sumAsBigint("amount"), as: "total")
            .from("fund_flows").where("project_id", .equal, SQLBind(projectID)).groupBy("type").all()
        var totals = FlowTotals()
        for row in rows {
            let total = try row.decode(column: "total", as: Int64.self)
            switch FlowType(rawValue: try row.decode(column: "type", as: String.self)) {
            case .commitment: totals.committed = total
            case .disbursement: totals.disbursed = total
            case .expenditure: totals.spent = total
            case nil: break
            }
        }
        return totals
    }

    /// A project's flows summed by type, source and month, as the fact rules take them.
    static func sums(of projectID: UUID, on database: any Database) async throws -> [FlowSum] {
        let rows = try await (database as! any SQLDatabase).select().columns("type", "source", "month")
            .column(sumAsBigint("amount"), as: "total")
            .from("fund_flows").where("project_id", .equal, SQLBind(projectID))
            .groupBy("type").groupBy("source").groupBy("month").all()
        return try rows.compactMap { row in
            guard let type = FlowType(rawValue: try row.decode(column: "type", as: String.self)),
                  let source = FundSource(rawValue: try row.decode(column: "source", as: String.self)) else { return nil }
            return FlowSum(type: type, source: source, month: try row.decode(column: "month", as: Int.self),
                           amount: try row.decode(column: "total", as: Int64.self))
        }
    }
}
