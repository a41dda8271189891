import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import XiezuoWeb
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

/// Every list of the API pages, and its envelope says the truth: found from the OpenAPI document, so a list added
/// later is checked (or fails here until its path can be filled in).
@Suite("Every list operation honours page and perPage")
struct PagingTests {
    /// The demo data set (as `xiezuo serve` loads it on a first start), with the accounts the test app already made.
    static func loadDemo(_ t: TestApp) async throws {
        _ = try await DemoFunds.generate(scale: 1, regions: t.regions, on: t.app.db, today: t.today)
        var outcome = Bootstrap.Outcome()
        try await Bootstrap.seed(t.app, demo: true, into: &outcome)
    }

    /// One value for each path parameter, per operation: the record with the most rows in that list.
    static func fill(_ path: String, _ t: TestApp) async throws -> String? {
        let sql = t.app.db as! any SQLDatabase
        func most(_ query: String) async throws -> String {
            let row = try #require(try await sql.raw(SQLQueryString(query)).first(), "\(path): \(query)")
            return try row.decode(column: "id", as: UUID.self).uuidString
        }
        let id: String
        switch path {
        case "/api/v1/projects/{id}/flows": id = try await most("SELECT project_id AS id FROM fund_flows GROUP BY project_id ORDER BY count(*) DESC LIMIT 1")
        case "/api/v1/jobs/{id}/applications": id = try await most("SELECT posting_id AS id FROM applications GROUP BY posting_id ORDER BY count(*) DESC LIMIT 1")
        case "/api/v1/workers/{id}/applications": id = try await most("SELECT worker_id AS id FROM applications GROUP BY worker_id ORDER BY count(*) DESC LIMIT 1")
        case "/api/v1/workers/{id}/invitations": id = try await most("SELECT worker_id AS id FROM job_invitations GROUP BY worker_id ORDER BY count(*) DESC LIMIT 1")
        case "/api/v1/training/{id}/trainees": id = try await most("SELECT parent_id AS id FROM training_enrolments GROUP BY parent_id ORDER BY count(*) DESC LIMIT 1")
        case "/api/v1/gigs/{id}/signups": id = try await most("SELECT parent_id AS id FROM gig_signups GROUP BY parent_id ORDER BY count(*) DESC, parent_id LIMIT 1")
        case "/api/v1/trips/{id}/passengers": id = try await most("SELECT id FROM direct_trips ORDER BY length(CAST(body AS TEXT)) DESC LIMIT 1")
        default:
            return path.contains("{") ? nil : path
        }
        return path.replacingOccurrences(of: "{id}", with: id)
    }

    /// Query parameters a list needs to have rows in the demo data (the year the demo's records are in).
    static func extra(_ today: Day) -> [String: String] {
        ["/api/v1/regions/search": "q=县", "/api/v1/occupations/search": "q=工", "/api/v1/periods": "year=2025",
         "/api/v1/periods/grades": "year=2025", "/api/v1/placements": "region=61&year=\(today.year)", "/api/v1/sales": "year=2025",
         "/api/v1/personnel-exchanges": "year=2025"]
    }

    struct Envelope: Decodable {
        var items: [JSONValue]
        var total: Int
        var page: Int
        var perPage: Int
    }

    /// The list operations: GETs whose answer is the page envelope.
    static func listOperations(_ document: [String: Any]) -> [(path: String, parameters: Set<String>)] {
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]] ?? [:]
        var found: [(String, Set<String>)] = []
        for (path, operations) in paths {
            guard let get = operations["get"] as? [String: Any],
                  let ok = (get["responses"] as? [String: Any])?["200"] as? [String: Any],
                  var schema = ((ok["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any] else { continue }
            if let ref = schema["$ref"] as? String { schema = schemas[String(ref.split(separator: "/").last!)] ?? [:] }
            guard let properties = schema["properties"] as? [String: Any], (properties["items"] as? [String: Any])?["type"] as? String == "array",
                  properties["total"] != nil else { continue }
            let parameters = Set((get["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
            found.append((path, parameters))
        }
        return found.sorted { $0.0 < $1.0 }
    }

    @Test("each list of the OpenAPI document: perPage=1 gives one row and says so, page 2 the next, past the end none, a huge perPage the documented maximum, and the pages add up to the total",
          arguments: TestDatabase.all)
    func everyList(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            try await Self.loadDemo(t)
            let admin = try await t.account("admin")
            // A second token, so the tokens list has two rows.
            _ = try await t.tokens.create(for: admin.id, name: "one", by: admin.principal)
            _ = try await t.tokens.create(for: admin.id, name: "two", by: admin.principal)
            let headers = HTTPHeaders.bearer(try await t.tokens.create(for: admin.id, name: "paging", by: admin.principal).secret)
            let client = TestClient(t.app)
            // The demo invites nobody: one worker invited to two open jobs.
            struct Row: Decodable { var id: UUID }
            struct Rows: Decodable { var items: [Row] }
            let jobs = try JSONDecoder().decode(Rows.self, from: Data(buffer: try await client.send(.GET, "/api/v1/job-postings?status=open&perPage=2", headers: headers).body)).items
            let worker = try #require(try JSONDecoder().decode(Rows.self, from: Data(buffer: try await client.send(.GET, "/api/v1/workers?perPage=1", headers: headers).body)).items.first)
            #expect(jobs.count == 2)
            // Two workers signed up to a gig still to come (the demo signs one up to each).
            struct Gig: Decodable { var gig: Row }
            struct Gigs: Decodable { var items: [Gig] }
            let gig = try #require(try JSONDecoder().decode(Gigs.self, from: Data(buffer: try await client.send(.GET, "/api/v1/gigs?from=\(t.today)&perPage=1", headers: headers).body)).items.first).gig
            let workers = try JSONDecoder().decode(Rows.self, from: Data(buffer: try await client.send(.GET, "/api/v1/workers?perPage=2&page=2", headers: headers).body)).items
            for signer in workers {
                _ = try await t.gigs.signUp(signer.id, for: gig.id, by: admin.principal)
            }
            for job in jobs {
                let token = try Candidates.token(worker: worker.id, posting: job.id, cipher: t.app.xiezuo.cipher)
                var json = headers
                json.contentType = .json
                let invited = try await client.send(.POST, "/api/v1/jobs/\(job.id)/invitations", headers: json, body: ByteBuffer(string: #"{"candidate":"\#(token)"}"#))
                #expect(invited.status == .noContent, "\(invited.body.string)")
            }
            let document = try JSONSerialization.jsonObject(with: Data(buffer: try await client.send(.GET, "/api/v1/openapi.json").body)) as! [String: Any]
            let operations = Self.listOperations(document)
            #expect(operations.count >= 43, "\(operations.map(\.path))")
            var unfilled: [String] = []
            var thin: [String] = []
            for (template, parameters) in operations {
                #expect(parameters.isSuperset(of: ["page", "perPage"]), "\(template) does not document page and perPage")
                guard let path = try await Self.fill(template, t) else { unfilled.append(template); continue }
                let maximum = template.hasSuffix("/search") ? Request.pickerMaxPerPage : Paging.maxPerPage
                let base = path + "?" + (Self.extra(t.today)[template].map { $0.isEmpty ? "" : $0 + "&" } ?? "")
                func page(_ query: String) async throws -> Envelope {
                    let response = try await client.send(.GET, base + query, headers: headers)
                    guard response.status == .ok else {
                        Issue.record("\(base + query): \(response.status) \(response.body.string.prefix(300))")
                        return Envelope(items: [], total: 0, page: 0, perPage: 0)
                    }
                    return try JSONDecoder().decode(Envelope.self, from: Data(buffer: response.body))
                }
                let first = try await page("perPage=1")
                #expect(first.perPage == 1 && first.page == 1, "\(template): \(first.page)/\(first.perPage)")
                #expect(first.items.count == min(1, first.total), "\(template): \(first.items.count) items of \(first.total)")
                if first.total >= 2 {
                    let second = try await page("perPage=1&page=2")
                    #expect(second.items.count == 1 && second.total == first.total && second.page == 2, "\(template)")
                    #expect("\(second.items)" != "\(first.items)", "\(template): page 2 repeats page 1")
                } else {
                    thin.append(template)
                }
                let past = try await page("perPage=1&page=\(first.total + 1)")
                #expect(past.items.isEmpty && past.total == first.total, "\(template): past the end")
                let huge = try await page("perPage=100000")
                #expect(huge.perPage == maximum && huge.items.count == min(maximum, huge.total), "\(template): perPage \(huge.perPage), \(huge.items.count) of \(huge.total)")
                // The pages hold the total, each row once.
                if huge.total <= 3 * maximum {
                    var rows: [JSONValue] = huge.items
                    var number = 2
                    while rows.count < huge.total && number <= 3 {
                        rows += try await page("perPage=100000&page=\(number)").items
                        number += 1
                    }
                    #expect(rows.count == huge.total, "\(template): \(rows.count) rows in the pages, total \(huge.total)")
                }
            }
            #expect(unfilled.isEmpty, "list operations this test cannot fill in: \(unfilled)")
            // The demo data gives every list two rows or more, except these (kept short on purpose).
            #expect(Set(thin).isSubset(of: Self.thinInDemo), "lists with fewer than two rows: \(thin)")
        }
    }

    /// Lists the demo data leaves with fewer than two rows for the admin.
    static let thinInDemo: Set<String> = []
}
