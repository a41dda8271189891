import Foundation
import SQLKit
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Stored rows that do not read are errors naming the row, never silent defaults")
struct StoredRecordTests {
    /// Runs `body` and returns the ``StoredRecordError`` it throws.
    private func storedError(_ body: () async throws -> Void) async -> StoredRecordError? {
        do {
            try await body()
            return nil
        } catch let error as StoredRecordError {
            return error
        } catch {
            Issue.record("expected a StoredRecordError, got \(error)")
            return nil
        }
    }

    @Test("an unknown status, a day that is not a day and a body that does not decode each name table, row and column",
          arguments: TestDatabase.all)
    func named(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let sql = t.app.db as! any SQLDatabase
            let employer = try await t.employers.create(sampleEmployer(1), by: admin)
            let posting = try await t.jobs.create(sampleJob("存储检查厨师"), employerID: employer.id, by: admin)
            try await sql.update("job_postings").set("status", to: "mystery").where("id", .equal, posting.id).run()
            var error = await storedError { _ = try await t.jobs.get(posting.id) }
            #expect(error?.table == "job_postings" && error?.column == "status" && error?.id == posting.id.uuidString)
            #expect(error?.description.contains("mystery") == true)
            // The board reads postings by column position: the same kind of error, not a default wage type.
            try await sql.update("job_postings").set("status", to: "open").set("wage_type", to: "weekly").where("id", .equal, posting.id).run()
            error = await storedError { _ = try await t.board.find(JobQuery(text: "存储检查"), page: Paging(), today: t.today) }
            #expect(error?.table == "job_postings" && error?.column == "wage_type" && error?.description.contains("weekly") == true)

            let project = try await t.projects.create(sampleProject("SR-1"), status: .approved, by: admin)
            let flow = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 100_000,
                                                                          date: "2025-03-10"), by: admin, today: Day("2025-06-01")!)
            try await sql.update("fund_flows").set("day", to: "someday").where("id", .equal, flow.id).run()
            error = await storedError { _ = try await t.flows.list(of: project.id, by: admin) }
            #expect(error?.table == "fund_flows" && error?.column == "day" && error?.id == flow.id.uuidString)

            let brand = try await t.brands.create(sampleBrand(), by: admin)
            let cast = sql.dialect.name == "postgresql" ? "::jsonb" : ""
            try await sql.raw("UPDATE labor_brands SET body = \(bind: #"{"id":"not a brand"}"#)\(unsafeRaw: cast) WHERE id = \(bind: brand.id)").run()
            error = await storedError { _ = try await t.brands.get(brand.id) }
            #expect(error?.table == "labor_brands" && error?.column == "body" && error?.id == brand.id.uuidString)
        }
    }
}
