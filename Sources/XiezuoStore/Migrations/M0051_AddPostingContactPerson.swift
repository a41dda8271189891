import FluentKit

/// A posting's contact person (联系人): optional, shown to signed-in workers, never sent to partners.
struct M0051_AddPostingContactPerson: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("job_postings").field("contact_person", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("job_postings").deleteField("contact_person").update()
    }
}
