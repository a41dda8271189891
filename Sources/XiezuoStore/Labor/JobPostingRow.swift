import Foundation
import SQLKit
import XiezuoCore

/// Reads postings with plain SQL. Fluent's model decoding goes through reflection for every row; the board's page
/// and the partner feed read many rows per request, so they decode here instead.
enum JobPostingRow {
    static let columns = [
        "id", "employer_id", "employer_name", "employer_credit_code", "title", "occupation_code", "description", "county_code",
        "wage_min", "wage_max", "wage_type", "headcount", "education", "age_min", "age_max", "benefits", "valid_through",
        "status", "origin_platform", "origin_id", "origin_version", "posted_at", "change_seq", "updated_at",
    ]

    /// The columns of a new row, in the order bulk inserts give their values.
    static let insertColumns = [
        "id", "employer_id", "employer_name", "employer_credit_code", "title", "occupation_code", "description", "county_code",
        "wage_min", "wage_max", "wage_type", "headcount", "education", "age_min", "age_max", "benefits", "valid_through",
        "status", "origin_platform", "origin_id", "origin_version", "duplicate_key", "posted_at", "change_seq", "created_at",
        "updated_at",
    ]

    /// Every open copy of the jobs with these duplicate keys, by key, origins in platform order. Status is checked
    /// here, not in SQL: with `status` in the WHERE clause SQLite may pick the status index and walk every open
    /// posting instead of the few rows of these keys.
    static func openOrigins(of keys: [String], on database: any SQLDatabase) async throws -> [String: [JobOrigin]] {
        guard !keys.isEmpty else { return [:] }
        let rows = try await database.select().columns("duplicate_key", "origin_platform", "origin_id", "origin_version", "status")
            .from("job_postings").where("duplicate_key", .in, SQLBind.group(keys)).all()
        var origins: [String: [JobOrigin]] = [:]
        for row in rows where try row.decode(column: "status", as: String.self) == JobStatus.open.rawValue {
            origins[try row.decode(column: "duplicate_key", as: String.self), default: []].append(
                JobOrigin(platform: try row.decode(column: "origin_platform", as: String.self),
                          id: try row.decode(column: "origin_id", as: String.self),
                          version: try row.decode(column: "origin_version", as: Int64.self)))
        }
        return origins.mapValues { $0.sorted { $0.platform < $1.platform } }
    }

    /// A `SELECT` of every posting column from `job_postings`.
    static func select(on database: any SQLDatabase) -> SQLSelectBuilder {
        database.select().columns(columns).from("job_postings")
    }

    /// The posting in a row selected with ``select(on:)``, and its change number.
    static func decode(_ row: any SQLRow) throws -> (posting: JobPosting, changeSeq: Int64) {
        func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
        func optionalInt(_ column: String) throws -> Int? { try row.decodeNil(column: column) ? nil : try row.decode(column: column, as: Int.self) }
        let posting = JobPosting(
            id: try row.decode(column: "id", as: UUID.self),
            employerID: try row.decodeNil(column: "employer_id") ? nil : try row.decode(column: "employer_id", as: UUID.self),
            employerName: try text("employer_name"), employerCreditCode: try text("employer_credit_code"), title: try text("title"),
            occupationCode: try text("occupation_code"), description: try text("description"), countyCode: try text("county_code"),
            wageMin: try row.decode(column: "wage_min", as: Int64.self), wageMax: try row.decode(column: "wage_max", as: Int64.self),
            wageType: WageType(rawValue: try text("wage_type")) ?? .fixed, headcount: try row.decode(column: "headcount", as: Int.self),
            education: Education(rawValue: try text("education")) ?? .none, ageMin: try optionalInt("age_min"),
            ageMax: try optionalInt("age_max"), benefits: JobPostingModel.benefits(try text("benefits")),
            validThrough: Day(try text("valid_through")) ?? Day("2000-01-01")!,
            status: JobStatus(rawValue: try text("status")) ?? .withdrawn,
            origin: JobOrigin(platform: try text("origin_platform"), id: try text("origin_id"),
                              version: try row.decode(column: "origin_version", as: Int64.self)),
            postedAt: try row.decode(column: "posted_at", as: Date.self),
            updatedAt: try row.decodeNil(column: "updated_at") ? nil : try row.decode(column: "updated_at", as: Date.self))
        return (posting, try row.decode(column: "change_seq", as: Int64.self))
    }
}
