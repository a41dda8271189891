import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// Job postings' duplicate keys become 16-character digests of the fields they compare (`JobText.duplicateKey`)
/// instead of the fields themselves: a smaller index, and a quarter less of SQLite's time in a large sync. The keys
/// already stored are recomputed from each posting's own columns.
struct M0038_DigestDuplicateKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await Self.rekey(on: database, with: JobText.duplicateKey)
    }

    func revert(on database: any Database) async throws {
        try await Self.rekey(on: database, with: JobText.duplicateFields)
    }

    /// Sets every posting's `duplicate_key` to `key` of its columns, `batch` postings a transaction, in id order.
    static func rekey(on database: any Database, batch: Int = 10_000,
                      with key: @escaping @Sendable (_ creditCode: String, _ title: String, _ countyCode: String, _ wageMin: Int64, _ wageMax: Int64) -> String)
        async throws {
        var after: UUID?
        repeat {
            let start = after
            after = try await database.transaction { tx -> UUID? in
                let sql = tx as! any SQLDatabase
                var select = sql.select()
                    .columns("id", "employer_credit_code", "title", "county_code", "wage_min", "wage_max")
                    .from("job_postings").orderBy("id").limit(batch)
                if let start { select = select.where("id", .greaterThan, SQLBind(start)) }
                var last: UUID?
                for row in try await select.all() {
                    let id = try row.decode(column: "id", as: UUID.self)
                    let value = key(try row.decode(column: "employer_credit_code", as: String.self),
                                    try row.decode(column: "title", as: String.self),
                                    try row.decode(column: "county_code", as: String.self),
                                    try row.decode(column: "wage_min", as: Int64.self),
                                    try row.decode(column: "wage_max", as: Int64.self))
                    try await sql.update("job_postings").set("duplicate_key", to: value).where("id", .equal, SQLBind(id)).run()
                    last = id
                }
                return last
            }
        } while after != nil
    }
}
