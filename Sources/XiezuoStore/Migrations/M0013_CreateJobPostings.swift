import FluentKit
import SQLKit

/// Job postings, local and received from partner platforms. `(origin_platform, origin_id)` identifies a posting
/// on every node; `change_seq` orders the partner feed; `duplicate_key` recognises the same job on two platforms.
struct M0013_CreateJobPostings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("job_postings")
            .id()
            .field("employer_id", .uuid, .references("employers", "id"))
            .field("employer_name", .string, .required)
            .field("employer_credit_code", .string, .required)
            .field("title", .string, .required)
            .field("occupation_code", .string, .required)
            .field("description", .string, .required)
            .field("county_code", .string, .required)
            .field("wage_min", .int64, .required)
            .field("wage_max", .int64, .required)
            .field("wage_type", .string, .required)
            .field("headcount", .int, .required)
            .field("education", .string, .required)
            .field("age_min", .int)
            .field("age_max", .int)
            .field("benefits", .string, .required)
            .field("valid_through", .string, .required)
            .field("status", .string, .required)
            .field("origin_platform", .string, .required)
            .field("origin_id", .string, .required)
            .field("origin_version", .int64, .required)
            .field("duplicate_key", .string, .required)
            .field("posted_at", .datetime, .required)
            .field("change_seq", .int64, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "origin_platform", "origin_id", name: "job_postings_origin")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "job_postings_change_seq").on("job_postings").column("change_seq").run()
        try await sql.create(index: "job_postings_employer").on("job_postings").column("employer_id").run()
        try await sql.create(index: "job_postings_duplicate").on("job_postings").column("duplicate_key").run()
        try await sql.create(index: "job_postings_status_county").on("job_postings").column("status").column("county_code").run()
        // The expiry sweep looks for live postings past their last day.
        try await sql.create(index: "job_postings_status_valid").on("job_postings").column("status").column("valid_through").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("job_postings").delete()
    }
}
