import FluentKit
import SQLKit

/// The facts table of the indicator engine: one running sum per (region, pairing, month, indicator).
///
/// Rows are kept for every level a dashboard reads: a Shaanxi county, its city and province, the Jiangsu side of
/// the project's pairing and its ancestors (all with `pairing_id = ''`), and the pairing itself (with
/// `region_code = ''`). A dashboard reads a dozen rows per month instead of scanning the ledgers.
struct M0010_CreateFacts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.create(table: "facts")
            .column("region_code", type: .text, .notNull)
            .column("pairing_id", type: .text, .notNull)
            .column("month", type: .int, .notNull)
            .column("indicator", type: .text, .notNull)
            .column("value", type: .bigint, .notNull)
            .primaryKey("region_code", "pairing_id", "month", "indicator")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(table: "facts").run()
    }
}
