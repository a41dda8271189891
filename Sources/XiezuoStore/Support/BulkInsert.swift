import SQLKit

/// Multi-row `INSERT`s for generated data: as many rows per statement as stay under both databases' bind limits
/// (SQLite 32,766, PostgreSQL 65,535).
enum BulkInsert {
    /// Inserts `rows` (each in `columns` order) into `table`.
    static func run(_ rows: [[any SQLExpression]], into table: String, columns: [String], on sql: any SQLDatabase) async throws {
        let chunk = max(1, 16_000 / columns.count)
        for start in stride(from: 0, to: rows.count, by: chunk) {
            var builder = sql.insert(into: table).columns(columns)
            for row in rows[start..<min(start + chunk, rows.count)] { builder = builder.values(row) }
            try await builder.run()
        }
    }
}
