import FluentKit
import SQLKit

/// Corrections by reversing entries (红字冲销). A fund flow or a sale is reversed by a row of its own ledger with the
/// opposite amount, which names the row it cancels (`reverses_id`, unique: an entry is reversed once) and why
/// (`reason`). A placement is reversed by a row of `placement_reversals`, one an application at most.
struct M0048_AddReversals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in ["fund_flows", "sales"] {
            // One column a statement: SQLite alters a table one column at a time.
            try await database.schema(table).field("reverses_id", .uuid).update()
            try await database.schema(table).field("reason", .string).update()
            try await sql.create(index: "\(table)_reverses").unique().on(table).column("reverses_id").run()
        }
        try await database.schema("placement_reversals")
            .field("application_id", .uuid, .identifier(auto: false), .references("applications", "id"))
            .field("reason", .string, .required)
            .field("day", .string, .required)
            .field("account_id", .uuid)
            .field("change_seq", .int64, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("placement_reversals").delete()
        let sql = database as! any SQLDatabase
        for table in ["sales", "fund_flows"] {
            try await sql.drop(index: "\(table)_reverses").run()
            for column in ["reason", "reverses_id"] { try await database.schema(table).deleteField(.string(column)).update() }
        }
    }
}
