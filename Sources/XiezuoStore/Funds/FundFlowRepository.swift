import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// Fund flows: recorded against the rules (approved projects, no future dates, disbursed ≤ committed,
/// spent ≤ disbursed) with their facts in the same transaction.
public struct FundFlowRepository: Sendable {
    let database: any Database
    let writer: FundFlowWriter?

    /// Creates a repository over `database`. With a `writer`, flows are recorded through it, together with the
    /// flows other requests record at the same moment; without one, each in a transaction of its own.
    public init(database: any Database, writer: FundFlowWriter? = nil) {
        self.database = database
        self.writer = writer
    }

    /// Records a flow on a project in the principal's jurisdiction.
    public func record(on projectID: UUID, _ draft: FlowDraft, by principal: Principal, today: Day = Day(Date())) async throws -> FundFlow {
        let request = FlowRequest(projectID: projectID, draft: draft, principal: principal, today: today)
        if let writer { return try await writer.record(request) }
        return try await database.transaction { tx in try await Self.record([request], on: tx as! any SQLDatabase)[0].get() }
    }

    /// A project's flows, newest first, if the project is in the principal's jurisdiction.
    public func list(of projectID: UUID, by principal: Principal) async throws -> [FundFlow] {
        _ = try await ProjectRepository(database: database, regions: RegionDirectory([])).scoped(projectID, by: principal, on: database)
        return try await FundFlowModel.query(on: database).filter(\.$projectID == projectID)
            .sort(\.$day, .descending).sort(\.$createdAt, .descending).all().map(\.flow)
    }

    /// The project's committed, disbursed and spent totals.
    public func totals(of projectID: UUID, by principal: Principal) async throws -> FlowTotals {
        try await ProjectRepository(database: database, regions: RegionDirectory([])).scoped(projectID, by: principal, on: database).flowTotals
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
