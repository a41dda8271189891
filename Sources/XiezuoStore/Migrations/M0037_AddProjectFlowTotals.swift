import FluentKit
import SQLKit

/// Each project's running flow totals (committed, disbursed, spent), kept by every flow write, so checking a new flow
/// against them reads one row instead of summing the project's flows. Filled from the flows already recorded.
struct M0037_AddProjectFlowTotals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite alters a table one column at a time.
        for column in ProjectFlowTotals.columns {
            try await database.schema("projects").field(.string(column), .int64, .required, .sql(.default(0))).update()
        }
        try await ProjectFlowTotals.recompute(on: database as! any SQLDatabase)
    }

    func revert(on database: any Database) async throws {
        for column in ProjectFlowTotals.columns { try await database.schema("projects").deleteField(.string(column)).update() }
    }
}
