import Foundation
import SQLiteKit
import Testing
@testable import XiezuoStore

@Suite("SQLite values bound directly")
struct SQLiteBindTests {
    @Test("each value is what SQLiteKit's own encoder makes of it")
    func sameAsEncoder() throws {
        let values: [any Encodable & Sendable] = [
            UUID.timeOrdered(), UUID(), Date(timeIntervalSince1970: 1_764_000_000.25), "辅警", "", 0, Int64.max, Int.min, true, 2.5,
        ]
        for value in values {
            #expect(try JobExchange.sqliteData(value) == SQLiteDataEncoder().encode(value), "\(value)")
        }
        #expect(try JobExchange.sqliteData(nil) == .null)
    }

    @Test("the statement has one placeholder per column and row, and the newer-version guard")
    func statement() {
        let text = JobExchange.sqliteUpsert(rows: 3)
        #expect(text.filter { $0 == "?" }.count == 3 * JobPostingRow.insertColumns.count)
        #expect(text.hasSuffix(#"WHERE "job_postings"."origin_version" < excluded."origin_version""#))
        #expect(!text.contains(#""id" = excluded"#) && !text.contains(#""created_at" = excluded"#))
    }
}
