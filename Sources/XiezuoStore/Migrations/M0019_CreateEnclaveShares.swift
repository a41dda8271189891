import FluentKit
import SQLKit

/// The agreed statistics sharing of enclave parks (飞地经济), per span of years.
struct M0019_CreateEnclaveShares: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("enclave_shares")
            .id()
            .field("park_id", .uuid, .required, .references("parks", "id"))
            .field("from_year", .int, .required)
            .field("to_year", .int)
            .field("body", .string, .required)
            .field("change_seq", .int64, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "enclave_shares_park").on("enclave_shares").column("park_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("enclave_shares").delete()
    }
}
