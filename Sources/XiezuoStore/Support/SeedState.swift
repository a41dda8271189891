import FluentKit
import Foundation
import SQLKit

/// Remembers one-off seeding steps (reference files, demo data) so a restart re-seeds nothing.
public enum SeedState {
    /// True when `step` has run before.
    public static func isDone(_ step: String, on database: any Database) async throws -> Bool {
        let sql = database as! any SQLDatabase
        return try await sql.select().column("step").from("seed_state").where("step", .equal, SQLBind(step)).first() != nil
    }

    /// Records that `step` has run.
    public static func markDone(_ step: String, on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.insert(into: "seed_state").columns("step", "done_at").values(SQLBind(step), SQLBind(Date())).run()
    }
}
