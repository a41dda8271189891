import Foundation
import SQLiteKit
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

    /// The postings `query` (a ``select(on:)`` with conditions) selects, with their change numbers. On SQLite the
    /// rows are read directly (``SQLiteColumns``): SQLKit's `Decodable` decoding of 24 columns was a fifth of the
    /// change feed's CPU.
    static func all(_ query: SQLSelectBuilder, on database: any SQLDatabase) async throws -> [(posting: JobPosting, changeSeq: Int64)] {
        if let sqlite = database as? any SQLDatabase & SQLiteDatabase {
            return try await SQLiteDirect.rows(query, on: sqlite).map { try decode(SQLiteColumns(row: $0)) }
        }
        return try await query.all().map(decode)
    }

    /// The posting in a row selected with ``select(on:)``, and its change number.
    static func decode(_ row: any SQLRow) throws -> (posting: JobPosting, changeSeq: Int64) {
        try decode(SQLRowColumns(row: row))
    }

    /// The posting in the columns of a row selected with ``select(on:)``, and its change number.
    static func decode(_ row: some ColumnReader) throws -> (posting: JobPosting, changeSeq: Int64) {
        let text = row.text
        let posting = JobPosting(
            id: try row.uuid("id"), employerID: try row.optionalUUID("employer_id"),
            employerName: try text("employer_name"), employerCreditCode: try text("employer_credit_code"), title: try text("title"),
            occupationCode: try text("occupation_code"), description: try text("description"), countyCode: try text("county_code"),
            wageMin: try row.int64("wage_min"), wageMax: try row.int64("wage_max"),
            wageType: WageType(rawValue: try text("wage_type")) ?? .fixed, headcount: Int(try row.int64("headcount")),
            education: Education(rawValue: try text("education")) ?? .none, ageMin: try row.optionalInt("age_min"),
            ageMax: try row.optionalInt("age_max"), benefits: JobPostingModel.benefits(try text("benefits")),
            validThrough: Day(try text("valid_through")) ?? Day("2000-01-01")!,
            status: JobStatus(rawValue: try text("status")) ?? .withdrawn,
            origin: JobOrigin(platform: try text("origin_platform"), id: try text("origin_id"), version: try row.int64("origin_version")),
            postedAt: try row.date("posted_at"), updatedAt: try row.optionalDate("updated_at"))
        return (posting, try row.int64("change_seq"))
    }
}
