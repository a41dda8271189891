import FluentKit
import SQLKit

/// The registers the assessment counts beside the four actions: persons exchanged (`personnel_exchanges`), village
/// pairings (`village_pairings`) and demonstration villages (`demonstration_villages`), in the register tables' shape
/// (`RegisterSchemaV1`), their bodies `jsonb` on PostgreSQL like every stored record since M0053.
struct M0055_CreateCooperationRegisters: AsyncMigration {
    static let tables = ["personnel_exchanges", "village_pairings", "demonstration_villages"]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in Self.tables {
            try await RegisterSchemaV1.create(table, on: database)
            if sql.dialect.name == "postgresql" {
                try await sql.raw("ALTER TABLE \(ident: table) ALTER COLUMN body TYPE jsonb USING body::jsonb").run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables.reversed() { try await database.schema(table).delete() }
    }
}
