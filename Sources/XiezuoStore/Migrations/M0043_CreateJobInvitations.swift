import FluentKit
import SQLKit

/// Invitations to apply: the posting's side found a worker among the candidates (pseudonymous) and asks them to
/// apply. One per worker and posting.
struct M0043_CreateJobInvitations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("job_invitations")
            .id()
            .field("posting_id", .uuid, .required, .references("job_postings", "id", onDelete: .cascade))
            .field("worker_id", .uuid, .required, .references("workers", "id", onDelete: .cascade))
            .field("invited_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "posting_id", "worker_id")
            .create()
        try await (database as! any SQLDatabase).create(index: "job_invitations_worker").on("job_invitations").column("worker_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("job_invitations").delete()
    }
}
