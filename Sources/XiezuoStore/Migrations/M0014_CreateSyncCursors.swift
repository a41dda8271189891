import FluentKit

/// How far this node has read each partner's change feed.
struct M0014_CreateSyncCursors: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sync_cursors")
            .field("partner", .string, .identifier(auto: false))
            .field("after_seq", .int64, .required)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sync_cursors").delete()
    }
}
