import FluentKit
import SQLKit

/// The global change sequence (`change_seq`) that every write bumps, and the record of one-off seeding steps.
struct M0006_CreateChangeSequence: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("change_sequence")
            .field("name", .string, .identifier(auto: false))
            .field("value", .int64, .required)
            .create()
        try await database.schema("seed_state")
            .field("step", .string, .identifier(auto: false))
            .field("done_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.insert(into: "change_sequence").columns("name", "value").values(SQLBind("global"), SQLBind(Int64(0))).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("seed_state").delete()
        try await database.schema("change_sequence").delete()
    }
}
