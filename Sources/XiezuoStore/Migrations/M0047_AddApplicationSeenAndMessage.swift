import FluentKit

/// What the worker's "我的申请" shows besides the status: the day the employer's side first opened the applicants page
/// after the application (seen), and the message it sent with its answer.
struct M0047_AddApplicationSeenAndMessage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite alters a table one column at a time.
        try await database.schema("applications").field("seen_on", .string).update()
        try await database.schema("applications").field("message", .string).update()
    }

    func revert(on database: any Database) async throws {
        for column in ["message", "seen_on"] {
            try await database.schema("applications").deleteField(.string(column)).update()
        }
    }
}
