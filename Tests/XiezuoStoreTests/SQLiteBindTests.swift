import Foundation
import SQLKit
import SQLiteKit
import Testing
import XiezuoCore
@testable import XiezuoSQLite
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("SQLite values bound directly")
struct SQLiteBindTests {
    @Test("each value is what SQLiteKit's own encoder makes of it")
    func sameAsEncoder() throws {
        let values: [any Encodable & Sendable] = [
            UUID.timeOrdered(), UUID(), Date(timeIntervalSince1970: 1_764_000_000.25), "辅警", "", 0, Int64.max, Int.min, true, 2.5,
        ]
        for value in values {
            #expect(try SQLiteDirect.data(value) == SQLiteDataEncoder().encode(value), "\(value)")
        }
        #expect(try SQLiteDirect.data(nil) == .null)
    }

    @Test("a received row's typed values are stored as SQLiteKit's encoder stores the plain values")
    func typedValues() throws {
        let id = UUID.timeOrdered()
        let date = Date(timeIntervalSince1970: 1_764_000_000.25)
        let pairs: [(ReceivedRow.Value, (any Encodable & Sendable)?)] = [
            (.id(id), id), (.text("辅警"), "辅警"), (.text(""), ""), (.integer(Int64.max), Int64.max), (.integer(-3), -3),
            (.integer(7 as Int?), 7), (.integer(nil as Int?), nil), (.time(date), date), (.null, nil),
        ]
        let connection = try SQLiteDirectConnection(path: ":memory:")
        defer { connection.close() }
        for (value, plain) in pairs {
            let statement = try connection.statement("SELECT ?1")
            try statement.bind(1, value)
            #expect(try statement.step())
            #expect(statement.value(0) == (try SQLiteDirect.data(plain)), "\(value)")
            statement.reset()
        }
    }

    @Test("the statement has one placeholder per column of its one row, and the newer-version guard")
    func statement() {
        let text = JobExchange.sqliteUpsert
        #expect(text.filter { $0 == "?" }.count == JobPostingRow.insertColumns.count)
        #expect(text.contains("VALUES (?, ") && !text.contains("), ("))
        #expect(text.hasSuffix(#"WHERE "job_postings"."origin_version" < excluded."origin_version""#))
        #expect(!text.contains(#""id" = excluded"#) && !text.contains(#""created_at" = excluded"#))
        // A received copy has no local employer; updating the foreign key would make SQLite journal every page.
        #expect(!text.contains(#""employer_id" = excluded"#) && text.contains(#""employer_id", "employer_name""#))
    }

    @Test("postings read straight from SQLite rows, or in place by column position, equal those SQLKit's decoder reads, also from oddly stored values")
    func rowsReadDirectly() async throws {
        try await withTestApp(.sqlite) { t in
            _ = try await DemoJobs.generate(postings: 60, platform: "xiezuo", regions: t.regions, cipher: t.app.xiezuo.cipher, on: t.app.db)
            let sql = t.app.db as! any SQLDatabase
            // Shapes SQLite allows but Xiezuo does not write: a lower-case id, whole-second and ISO text times, a
            // missing update time.
            _ = try await sql.raw("""
                UPDATE job_postings SET id = lower(id), posted_at = 1700000000, updated_at = NULL, employer_id = NULL, age_min = NULL
                WHERE change_seq = (SELECT MIN(change_seq) FROM job_postings)
                """).run()
            _ = try await sql.raw("""
                UPDATE job_postings SET posted_at = '2026-11-29T08:00:00Z'
                WHERE change_seq = (SELECT MAX(change_seq) FROM job_postings)
                """).run()
            let select = JobPostingRow.select(on: sql).orderBy("change_seq")
            let direct = try await JobPostingRow.all(select, on: sql)
            let decoded = try await select.all().map(JobPostingRow.decode)
            #expect(direct.count == (try await t.count("job_postings")) && direct.count >= 60)
            #expect(direct.map(\.posting) == decoded.map(\.posting))
            #expect(direct.map(\.changeSeq) == decoded.map(\.changeSeq))
            let reader = SQLiteReader(path: try #require(t.sqlitePath))
            let inPlace = try await reader.read { try JobPostingRow.changes(after: 0, limit: 10_000, on: $0) }
            await reader.close()
            #expect(inPlace.map(\.posting) == decoded.map(\.posting))
            #expect(inPlace.map(\.changeSeq) == decoded.map(\.changeSeq))
            #expect(inPlace.first?.posting.employerID == nil && inPlace.first?.posting.ageMin == nil)
            #expect(direct.first?.posting.postedAt == Date(timeIntervalSince1970: 1_700_000_000) && direct.first?.posting.updatedAt == nil)
            #expect(direct.last?.posting.postedAt == Date(timeIntervalSince1970: 1_795_939_200))
        }
    }

    @Test("ids read from their hyphenated text as Foundation reads them")
    func hyphenatedIDs() {
        var samples = (0..<200).map { _ in UUID().uuidString } + (0..<200).map { _ in UUID.timeOrdered().uuidString.lowercased() }
        samples += ["", "E621E1F8-C36C-495A-93FC-0C247A3E6E5", "E621E1F8-C36C-495A-93FC-0C247A3E6E5FF", "E621E1F8C36C-495A-93FC-0C247A3E6E5F0",
                    "G621E1F8-C36C-495A-93FC-0C247A3E6E5F", "e621e1f8-c36c-495a-93fc-0c247a3e6e5f", "E621E1F8_C36C-495A-93FC-0C247A3E6E5F",
                    "E621E1F8-C36C-495A-93FC-0C247A3E6E5 ", "Ｅ621E1F8-C36C-495A-93FC-0C247A3E6E5F", "{E621E1F8-C36C-495A-93FC-0C247A3E6E5F}"]
        for text in samples {
            #expect(UUID(hyphenated: text) == UUID(uuidString: text), "\(text)")
            if let id = UUID(uuidString: text) { #expect(id.hyphenatedText == id.uuidString) }
        }
    }

    @Test("stored benefits read from their bytes as splitting by characters reads them")
    func storedBenefits() {
        let all = Benefit.allCases.map(\.rawValue)
        var samples = ["", ",", ",,", "board,,lodging", "unknown", "board,Board", "board,unknown,training", " board", "包吃,board"]
        for mask in 0..<(1 << all.count) {
            samples.append(all.indices.filter { mask & (1 << $0) != 0 }.map { all[$0] }.joined(separator: ","))
        }
        samples.append(all.reversed().joined(separator: ","))
        for text in samples {
            #expect(JobPostingModel.benefits(text) == text.split(separator: ",").compactMap { Benefit(rawValue: String($0)) }, "\(text)")
        }
    }
}
