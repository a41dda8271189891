import Foundation
import SQLKit
import SQLiteKit
import XiezuoCore
import XiezuoSQLite

/// Reads postings with plain SQL. Fluent's model decoding goes through reflection for every row; the board's page
/// and the partner feed read many rows per request, so they decode here instead.
enum JobPostingRow {
    /// The select list of ``select(on:)`` (``JobPostingColumn/read``).
    static let columns = JobPostingColumn.readNames

    /// The columns of a new row, in the order bulk inserts give their values (every ``JobPostingColumn``).
    static let insertColumns = JobPostingColumn.insertNames

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
            return try await SQLiteDirect.rows(query, on: sqlite).map { try decode(SQLiteColumns(row: $0, names: columns)) }
        }
        return try await query.all().map(decode)
    }

    /// The statement of ``changes(after:limit:on:)``: ``select(on:)`` past a change number, in change order.
    static let changesSQL = "SELECT " + columns.map { "\"\($0)\"" }.joined(separator: ", ")
        + " FROM \"job_postings\" WHERE \"change_seq\" > ?1 ORDER BY \"change_seq\" LIMIT ?2"

    /// The postings changed after `after`, at most `limit`, in change order, with their change numbers: read with a
    /// kept statement and by column position (the change feed's pages on an ``SQLiteReader``).
    static func changes(after: Int64, limit: Int, on connection: SQLiteDirectConnection) throws -> [(posting: JobPosting, changeSeq: Int64)] {
        let statement = try connection.statement(changesSQL)
        defer { statement.reset() }
        try statement.bind(1, .integer(Int(after)))
        try statement.bind(2, .integer(limit))
        var rows: [(posting: JobPosting, changeSeq: Int64)] = []
        rows.reserveCapacity(limit)
        while try statement.step() { rows.append(try decode(statement)) }
        return rows
    }

    /// The posting in a row selected with ``select(on:)``, and its change number.
    static func decode(_ row: any SQLRow) throws -> (posting: JobPosting, changeSeq: Int64) {
        try decode(SQLRowColumns(row: row, names: columns))
    }

    /// The posting in the columns of a row selected with ``select(on:)``, and its change number.
    static func decode(_ row: some ColumnReader) throws -> (posting: JobPosting, changeSeq: Int64) {
        func text(_ column: JobPostingColumn) throws -> String { try row.text(column.position) }
        func int64(_ column: JobPostingColumn) throws -> Int64 { try row.int64(column.position) }
        func optionalInt(_ column: JobPostingColumn) throws -> Int? { try row.optionalInt(column.position) }
        func optionalText(_ column: JobPostingColumn) throws -> String? { try row.isNull(column.position) ? nil : try row.text(column.position) }
        let id = try row.uuid(JobPostingColumn.id.position)
        let stored = StoredRow("job_postings", id: id)
        func choice<T: RawRepresentable>(_ column: JobPostingColumn, as type: T.Type) throws -> T where T.RawValue == String {
            try stored.choice(try text(column), as: type, column: column.name)
        }
        let posting = JobPosting(
            id: id, employerID: try row.optionalUUID(JobPostingColumn.employerID.position),
            employerName: try text(.employerName), employerCreditCode: try text(.employerCreditCode), title: try text(.title),
            occupationCode: try text(.occupationCode), description: try text(.description), countyCode: try text(.countyCode),
            wageMin: try int64(.wageMin), wageMax: try int64(.wageMax),
            wageType: try choice(.wageType, as: WageType.self), headcount: Int(try int64(.headcount)),
            education: try choice(.education, as: Education.self), ageMin: try optionalInt(.ageMin),
            ageMax: try optionalInt(.ageMax), benefits: JobPostingModel.benefits(try text(.benefits)),
            validThrough: try stored.day(try text(.validThrough), column: JobPostingColumn.validThrough.name),
            status: try choice(.status, as: JobStatus.self),
            origin: JobOrigin(platform: try text(.originPlatform), id: try text(.originID), version: try int64(.originVersion)),
            postedAt: try row.date(JobPostingColumn.postedAt.position), updatedAt: try row.optionalDate(JobPostingColumn.updatedAt.position),
            contactPerson: try optionalText(.contactPerson))
        return (posting, try int64(.changeSeq))
    }
}
