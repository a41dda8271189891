import Foundation
import Testing
import XiezuoCore
@testable import XiezuoStore
import SQLKit
import XiezuoTestSupport

/// The realistic queries of `Tests/search-queries.json`, run against the demo data on both databases.
@Suite("Search finds what people mean: the query file")
struct SearchQueryTests {
    struct Case: Decodable {
        var q: String
        var must: [String]?
        var mustNot: [String]?
        var first: String?
        var none: Bool?
        var region: String?
        var wage: Int64?
    }

    struct File: Decodable {
        var jobs: [Case]
        var products: [Case]
    }

    static func file() throws -> File {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("search-queries.json")
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }

    @Test("the file has at least 40 queries, and each asks something")
    func fileShape() throws {
        let file = try Self.file()
        #expect(file.jobs.count + file.products.count >= 40)
        for item in file.jobs + file.products {
            #expect(item.must != nil || item.mustNot != nil || item.none == true, "\(item.q) checks nothing")
        }
    }

    func check(_ item: Case, titles: [String], label: String) {
        let found = Set(titles)
        if item.none == true { #expect(titles.isEmpty, "\(label): expected nothing, found \(found.sorted())") }
        for title in item.must ?? [] { #expect(found.contains(title), "\(label): \(title) missing from \(found.sorted())") }
        for title in item.mustNot ?? [] { #expect(!found.contains(title), "\(label): \(title) should not be found") }
        if let first = item.first { #expect(titles.first == first, "\(label): first is \(titles.first ?? "nothing"), not \(first)") }
        if item.must?.isEmpty == false || item.first != nil { #expect(!titles.isEmpty, "\(label): nothing found") }
    }

    @Test("every job and product query finds what it must and nothing it must not", arguments: TestDatabase.all)
    func queries(database: TestDatabase) async throws {
        let file = try Self.file()
        try await withTestApp(database) { t in
            _ = try await DemoJobs.generate(postings: 600, platform: "xiezuo", regions: t.regions, cipher: t.app.xiezuo.cipher, on: t.app.db)
            _ = try await DemoConsumption.generate(regions: t.regions, cipher: t.app.xiezuo.cipher, on: t.app.db)
            for item in file.jobs {
                var query = JobQuery(text: item.q)
                if let region = item.region {
                    guard case .found(let place) = t.regions.resolve(region) else { Issue.record("\(region) does not resolve"); continue }
                    query.region = place.code
                }
                query.wageMin = item.wage.map { $0 * 100 }
                var postings: [JobPosting] = []
                var page = 1
                while true {
                    let found = try await t.board.find(query, page: Paging(page: page, perPage: Paging.maxPerPage))
                    postings += found.items.map(\.posting)
                    if found.items.isEmpty || postings.count >= found.total { break }
                    page += 1
                }
                let label = "jobs “\(item.q)”" + (item.region.map { " in \($0)" } ?? "") + (item.wage.map { " ≥ \($0)" } ?? "")
                check(item, titles: postings.map(\.title), label: label)
                if let region = query.region { #expect(postings.allSatisfy { $0.countyCode.hasPrefix(region) }, "\(label): outside the region") }
                if let wage = query.wageMin { #expect(postings.allSatisfy { $0.wageMin >= wage }, "\(label): pays less than asked") }
            }
            let products = ProductRepository(database: t.app.db)
            for item in file.products {
                let found = try await products.list(ProductFilter(search: item.q), page: Paging(perPage: Paging.maxPerPage))
                check(item, titles: found.items.map(\.name), label: "products “\(item.q)”")
            }
        }
    }

    @Test("while the index is being built the database answers the same queries: the same jobs counted, what must be found found",
          arguments: TestDatabase.all)
    func fallback(database: TestDatabase) async throws {
        let file = try Self.file()
        try await withTestApp(database) { t in
            _ = try await DemoJobs.generate(postings: 600, platform: "xiezuo", regions: t.regions, cipher: t.app.xiezuo.cipher, on: t.app.db)
            let index = try await t.app.xiezuo.jobSearch.current(on: t.app.db, today: t.today)
            let sql = t.app.db as! any SQLDatabase
            // On an SQLite file the fallback reads through the index's scanning reader (no memory map); it must
            // answer exactly as the event loops' connections do.
            let reader = t.app.xiezuo.jobSearch.searchReader
            if case .sqlite = database { #expect(reader != nil) } else { #expect(reader == nil) }
            for item in file.jobs {
                var query = JobQuery(text: item.q, sort: .newest)
                if let region = item.region, case .found(let place) = t.regions.resolve(region) { query.region = place.code }
                query.wageMin = item.wage.map { $0 * 100 }
                let fromIndex = index.search(query, today: t.today, offset: 0, limit: 1_000)
                let fromDatabase = try await JobBoardFallback.search(query, today: t.today, offset: 0, limit: 1_000, on: sql, reader: reader)
                if reader != nil {
                    #expect(try await JobBoardFallback.search(query, today: t.today, offset: 0, limit: 1_000, on: sql) == fromDatabase)
                }
                let label = "fallback “\(item.q)”"
                #expect(fromDatabase.total == fromIndex.total, "\(label): \(fromDatabase.total) jobs, the index \(fromIndex.total)")
                let titles = fromDatabase.ids.isEmpty ? [] : try await sql.select().column("title").from("job_postings")
                    .where("id", .in, SQLBind.group(fromDatabase.ids)).all().map { try $0.decode(column: "title", as: String.self) }
                check(Case(q: item.q, must: item.must, mustNot: item.mustNot, none: item.none), titles: titles, label: label)
            }
            // Paged: the second page continues the first.
            let all = try await JobBoardFallback.search(JobQuery(sort: .newest), today: t.today, offset: 0, limit: 20, on: sql, reader: reader)
            let second = try await JobBoardFallback.search(JobQuery(sort: .newest), today: t.today, offset: 10, limit: 10, on: sql, reader: reader)
            #expect(Array(all.ids.suffix(10)) == second.ids && all.total == second.total)
        }
    }
}
