import Foundation
import SQLKit
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Job posting migrations: duplicate keys as digests, a partial employer index")
struct DuplicateKeyMigrationTests {
    /// Each posting's (credit code, title, county, wage min, wage max, duplicate key), by id.
    func keys(on sql: any SQLDatabase) async throws -> [UUID: (fields: String, key: String)] {
        var keys: [UUID: (fields: String, key: String)] = [:]
        for row in try await sql.select().columns("id", "employer_credit_code", "title", "county_code", "wage_min", "wage_max", "duplicate_key")
            .from("job_postings").all() {
            let fields = JobText.duplicateFields(creditCode: try row.decode(column: "employer_credit_code", as: String.self),
                                                 title: try row.decode(column: "title", as: String.self),
                                                 countyCode: try row.decode(column: "county_code", as: String.self),
                                                 wageMin: try row.decode(column: "wage_min", as: Int64.self),
                                                 wageMax: try row.decode(column: "wage_max", as: Int64.self))
            keys[try row.decode(column: "id", as: UUID.self)] = (fields, try row.decode(column: "duplicate_key", as: String.self))
        }
        return keys
    }

    @Test("the migration recomputes every stored key from the posting's own columns, over several batches, and reverts",
          arguments: TestDatabase.all)
    func rekeyStoredPostings(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            _ = try await DemoJobs.generate(postings: 2_300, platform: "xiezuo", regions: t.regions, cipher: t.app.xiezuo.cipher, on: t.app.db)
            let sql = t.app.db as! any SQLDatabase
            let written = try await keys(on: sql)
            #expect(written.count >= 2_300)
            // New postings are written with digests already.
            for (fields, key) in written.values { #expect(key.utf8.count == 16 && key != fields) }

            // Back to the older keys (the fields themselves), as a database from before the migration holds them.
            let migration = M0038_DigestDuplicateKeys()
            try await migration.revert(on: t.app.db)
            let old = try await keys(on: sql)
            #expect(old.count == written.count)
            for (id, (fields, key)) in old { #expect(key == fields, "\(id)") }

            try await migration.prepare(on: t.app.db)
            let rekeyed = try await keys(on: sql)
            #expect(rekeyed.count == written.count)
            for (id, (_, key)) in rekeyed { #expect(key == written[id]?.key, "\(id)") }

            // The same in batches of 700: four transactions, each starting after the last id of the one before.
            try await migration.revert(on: t.app.db)
            try await M0038_DigestDuplicateKeys.rekey(on: t.app.db, batch: 700, with: JobText.duplicateKey)
            let batched = try await keys(on: sql)
            #expect(batched.count == written.count)
            for (id, (_, key)) in batched { #expect(key == written[id]?.key, "\(id)") }
        }
    }

    @Test("the employer index leaves out postings without a local employer, and an employer's postings are found by it",
          arguments: TestDatabase.all)
    func partialEmployerIndex(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let sql = t.app.db as! any SQLDatabase
            let isSQLite = if case .sqlite = database { true } else { false }
            func definition() async throws -> String {
                let row = isSQLite
                    ? try await sql.raw("SELECT sql AS definition FROM sqlite_master WHERE name = 'job_postings_employer'").first()
                    : try await sql.raw("SELECT indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'job_postings_employer'").first()
                return try row?.decode(column: "definition", as: String.self) ?? ""
            }
            #expect(try await definition().contains("employer_id IS NOT NULL"))
            // SQLite's plan for an employer's postings (PostgreSQL may scan a table this small whatever the index).
            let plan = isSQLite
                ? try await sql.raw("EXPLAIN QUERY PLAN SELECT id FROM job_postings WHERE employer_id = \(bind: UUID())").all()
                    .map { try $0.decode(column: "detail", as: String.self) }.joined(separator: " ")
                : "job_postings_employer"
            #expect(plan.contains("job_postings_employer"), "\(plan)")
            try await M0039_PartialEmployerIndex().revert(on: t.app.db)
            #expect(try await !definition().contains("IS NOT NULL"))
            try await M0039_PartialEmployerIndex().prepare(on: t.app.db)
            #expect(try await definition().contains("employer_id IS NOT NULL"))
        }
    }

    @Test("an empty table is left as it is", arguments: TestDatabase.all)
    func emptyTable(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            try await M0038_DigestDuplicateKeys().prepare(on: t.app.db)
            #expect(try await keys(on: t.app.db as! any SQLDatabase).isEmpty)
        }
    }
}
