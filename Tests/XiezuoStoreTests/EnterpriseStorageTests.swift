import Foundation
import SQLKit
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Enterprises' storage contract: a versioned stored shape, report columns, jsonb on PostgreSQL")
struct EnterpriseStorageTests {
    struct Fixture: Decodable {
        struct Row: Decodable {
            var id: UUID
            var name: String
            var credit_code: String?
            var county_code: String
            var origin_code: String
            var status: String
            var chain: String
            var body: String
            var change_seq: Int64
        }
        var rows: [Row]
    }

    /// Rows as the code before M0052 wrote them (Fixtures/enterprises-v0.json).
    func fixture() throws -> [Fixture.Row] {
        let url = try #require(Bundle.module.url(forResource: "enterprises-v0", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)).rows
    }

    func insert(_ rows: [Fixture.Row], on sql: any SQLDatabase) async throws {
        for row in rows {
            try await sql.insert(into: "enterprises")
                .columns("id", "name", "credit_code", "county_code", "origin_code", "status", "chain", "body", "change_seq")
                .values(SQLBind(row.id), SQLBind(row.name), SQLBind(row.credit_code), SQLBind(row.county_code), SQLBind(row.origin_code),
                        SQLBind(row.status), SQLBind(row.chain), SQLBind(row.body), SQLBind(row.change_seq))
                .run()
        }
    }

    /// The JSON type of a row's body as the database sees it (`object` for jsonb and for JSON text alike).
    func bodyType(_ id: UUID, on sql: any SQLDatabase) async throws -> String {
        let function = sql.dialect.name == "postgresql" ? "jsonb_typeof" : "json_type"
        let row = try await sql.raw("SELECT \(unsafeRaw: function)(body) AS kind FROM enterprises WHERE id = \(bind: id)").first()
        return try #require(row).decode(column: "kind", as: String.self)
    }

    @Test("rows written before the contract are converted and read back as they were; new rows carry the version",
          arguments: TestDatabase.all)
    func convertsStoredRows(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let sql = t.app.db as! any SQLDatabase
            let migration = M0052_EnterpriseStorageV1()
            try await migration.revert(on: t.app.db)
            let rows = try fixture()
            try await insert(rows, on: sql)
            try await migration.prepare(on: t.app.db)

            let landed = try await t.enterprises.get(rows[0].id, by: admin)
            #expect(landed.name == "秦创电子（测试）" && landed.creditCode == "91320106MA1X000000" && landed.status == .underConstruction)
            #expect(landed.plannedInvestment == 20_000_000_000 && landed.actualInvestment == 10_000_000_000)
            #expect(landed.jobs == 120 && landed.jobsRural == 80 && landed.jobsPovertyLifted == 20)
            #expect(landed.signedOn == Day("2025-04-02") && landed.landedOn == Day("2025-05-03") && landed.operatingOn == nil)
            #expect(landed.description == "年产 10 万台无人机")
            let lead = try await t.enterprises.get(rows[1].id, by: admin)
            #expect(lead.status == .lead && lead.creditCode == nil && lead.landedOn == nil && lead.plannedInvestment == 500_000_000)

            // The report columns hold the same figures, and the body is JSON the database reads (jsonb on PostgreSQL).
            let columns = try #require(try await sql.select().columns("planned_investment", "jobs", "landed_on").from("enterprises")
                .where("id", .equal, rows[0].id).first())
            #expect(try columns.decode(column: "planned_investment", as: Int64.self) == 20_000_000_000)
            #expect(try columns.decode(column: "jobs", as: Int.self) == 120)
            #expect(try columns.decode(column: "landed_on", as: String?.self) == "2025-05-03")
            #expect(try await bodyType(rows[0].id, on: sql) == "object")
            if sql.dialect.name == "postgresql" {
                let type = try await sql.raw("SELECT data_type FROM information_schema.columns WHERE table_name = 'enterprises' AND column_name = 'body' AND table_schema = current_schema()").first()
                #expect(try type?.decode(column: "data_type", as: String.self) == "jsonb")
            }

            // A new enterprise is written in the stored shape, version 1, with its columns.
            let created = try await t.enterprises.create(sampleEnterprise("新写入企业"), by: admin)
            let stored = try #require(try await EnterpriseModel.find(created.id, on: t.app.db))
            let shape = try stored.body.shape(in: StoredRow("enterprises", id: created.id))
            #expect(shape.v == EnterpriseStoredV1.version && shape.name == "新写入企业" && stored.plannedInvestment == created.plannedInvestment)
            #expect(try await t.enterprises.get(created.id, by: admin) == created)
        }
    }

    @Test("a stored row without a field the shape needs stops the conversion with the row named", arguments: TestDatabase.all)
    func refusesIncompleteRows(database: TestDatabase) async throws {
        try await withTestApp(database, seed: false) { t in
            let sql = t.app.db as! any SQLDatabase
            let migration = M0052_EnterpriseStorageV1()
            try await migration.revert(on: t.app.db)
            var row = try fixture()[1]
            row.body = row.body.replacingOccurrences(of: #""jobs":120,"#, with: "")
            try await insert([row], on: sql)
            do {
                try await migration.prepare(on: t.app.db)
                Issue.record("the conversion went through")
            } catch let error as M0052_EnterpriseStorageV1.RowError {
                #expect(error.id == row.id.uuidString && error.problem.contains("jobs"))
            }
        }
    }
}
