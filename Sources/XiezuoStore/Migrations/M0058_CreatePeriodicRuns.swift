import FluentKit
import SQLKit

/// When each periodic job (the expiry sweep, the order expiry) last ran, and on which server: several servers on one
/// database take turns through it (`PeriodicTurn`), so each job runs once a period across them.
struct M0058_CreatePeriodicRuns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("periodic_runs")
            .field("job", .string, .identifier(auto: false))
            .field("ran_at", .double, .required)
            .field("ran_by", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("periodic_runs").delete()
    }
}
