import FluentKit
import SQLKit

/// Orders by status and time placed, so the search for unpaid orders past their hold (every minute, and before each
/// order takes stock) reads only those.
struct M0041_IndexUnpaidOrders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).create(index: "orders_status_created").on("orders").column("status").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "orders_status_created").run()
    }
}
