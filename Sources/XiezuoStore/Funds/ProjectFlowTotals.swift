import Foundation
import SQLKit
import XiezuoCore

/// The running flow totals kept on each project row (`flows_committed`, `flows_disbursed`, `flows_spent`): every flow
/// write adds to them in its transaction, the migration and `xiezuo facts rebuild` recompute them from the flows.
enum ProjectFlowTotals {
    static let columns = ["flows_committed", "flows_disbursed", "flows_spent"]

    /// The column a flow type adds to.
    static func column(for type: FlowType) -> String {
        switch type {
        case .commitment: "flows_committed"
        case .disbursement: "flows_disbursed"
        case .expenditure: "flows_spent"
        }
    }

    /// Sets every project's totals to the sums of its flows.
    static func recompute(on sql: any SQLDatabase) async throws {
        let assignments = FlowType.allCases.map { type in
            "\(column(for: type)) = COALESCE((SELECT SUM(f.amount) FROM fund_flows f WHERE f.project_id = projects.id AND f.type = '\(type.rawValue)'), 0)"
        }
        try await sql.raw(SQLQueryString("UPDATE projects SET " + assignments.joined(separator: ", "))).run()
    }

    /// Adds accepted flows to their projects' totals: one statement a project.
    static func add(_ flows: [FundFlow], on sql: any SQLDatabase) async throws {
        var deltas: [UUID: FlowTotals] = [:]
        for flow in flows { deltas[flow.projectID, default: FlowTotals()].add(flow) }
        for (id, delta) in deltas {
            var update = sql.update("projects")
            for (type, amount) in [(FlowType.commitment, delta.committed), (.disbursement, delta.disbursed), (.expenditure, delta.spent)] where amount != 0 {
                update = update.set(SQLIdentifier(column(for: type)),
                                    to: SQLBinaryExpression(SQLIdentifier(column(for: type)), .add, SQLBind(amount)))
            }
            try await update.where("id", .equal, SQLBind(id)).run()
        }
    }
}
