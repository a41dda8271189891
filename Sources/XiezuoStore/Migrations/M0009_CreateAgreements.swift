import FluentKit
import SQLKit

/// Yearly agreements and their targets per indicator.
struct M0009_CreateAgreements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("agreements")
            .id()
            .field("year", .int, .required)
            .field("pairing_id", .uuid, .references("pairings", "id"))
            .field("scope_key", .string, .required)
            .field("title", .string, .required)
            .field("share_threshold", .int, .required)
            .field("change_seq", .int64, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "year", "scope_key")
            .create()
        try await database.schema("agreement_targets")
            .field("agreement_id", .uuid, .required, .references("agreements", "id", onDelete: .cascade))
            .field("indicator", .string, .required)
            .field("target", .int64, .required)
            .compositeIdentifier(over: "agreement_id", "indicator")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("agreement_targets").delete()
        try await database.schema("agreements").delete()
    }
}
