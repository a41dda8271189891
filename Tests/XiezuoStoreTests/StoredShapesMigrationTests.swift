import FluentKit
import Foundation
import SQLKit
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Every record kept as JSON: rows written before the storage contract are converted and read back as they were")
struct StoredShapesMigrationTests {
    /// Fixtures/stored-v0.json: a few rows of each table, as the code before M0053 wrote them.
    struct Table {
        var name: String
        var rows: [[String: Any]]
    }

    func fixture() throws -> [Table] {
        let url = try #require(Bundle.module.url(forResource: "stored-v0", withExtension: "json", subdirectory: "Fixtures"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return try #require(document["tables"] as? [[String: Any]]).map {
            Table(name: $0["table"] as! String, rows: $0["rows"] as! [[String: Any]])
        }
    }

    /// A fixture value as a bind: ids as ids, numbers as integers, NULL as NULL.
    func bind(_ column: String, _ value: Any) -> any SQLExpression {
        switch value {
        case is NSNull: SQLLiteral.null
        case let number as NSNumber: SQLBind(number.int64Value)
        case let text as String where column == "id" || column.hasSuffix("_id"): SQLBind(UUID(uuidString: text)!)
        case let text as String: SQLBind(text)
        default: SQLLiteral.null
        }
    }

    /// The JSON object a stored or re-encoded record is, for comparing without regard to key order or spacing.
    func object(_ text: String) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
    }

    func json(_ value: some Encodable) throws -> NSDictionary {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try object(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// The record in `table` with `id` read through its model, as the JSON the code before the contract stored.
    func readBack(_ table: String, _ id: UUID, on database: any FluentKit.Database) async throws -> NSDictionary? {
        switch table {
        case "featured_industries": try json(try await FeaturedIndustryModel.find(id, on: database)!.industry())
        case "parks": try json(try await ParkModel.find(id, on: database)!.park())
        case "enclave_shares": try json(try await EnclaveShareModel.find(id, on: database)!.share())
        case "promotion_events": try json(try await PromotionEventModel.find(id, on: database)!.event())
        case "products": try json(try await ProductModel.find(id, on: database)!.product())
        case "orders": try json(try await OrderModel.find(id, on: database)!.order())
        case "regional_brands": try json(try await Register<RegionalBrand>.find(id, on: database)!)
        case "sales_events": try json(try await Register<SalesEvent>.find(id, on: database)!)
        case "procurements": try json(try await Register<Procurement>.find(id, on: database)!)
        case "labor_brands": try json(try await Register<LaborBrand>.find(id, on: database)!)
        case "training_programmes": try json(try await Register<TrainingProgramme>.find(id, on: database)!)
        case "training_enrolments": try json(try await Register<TrainingEnrolment>.find(id, on: database)!)
        case "gig_markets": try json(try await Register<GigMarket>.find(id, on: database)!)
        case "gig_tasks": try json(try await Register<GigTask>.find(id, on: database)!)
        case "gig_signups": try json(try await Register<GigSignup>.find(id, on: database)!)
        case "direct_trips": try json(try await Register<DirectTrip>.find(id, on: database)!)
        case "assistance_workshops": try json(try await Register<AssistanceWorkshop>.find(id, on: database)!)
        default: nil
        }
    }

    @Test("each table's fixture rows convert under M0053 and read back equal to what was stored; a worker's consent time too",
          arguments: TestDatabase.all)
    func convertsEveryKind(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let sql = t.app.db as! any SQLDatabase
            let migration = M0053_StoredShapesV1()
            try await migration.revert(on: t.app.db)
            let tables = try fixture()
            #expect(Set(tables.map(\.name)) == Set(M0053_StoredShapesV1.tables), "a fixture for every table the migration converts")
            // Products and orders name their supplier, an employer of the capturing database: one of the same id here.
            let suppliers = Set(tables.flatMap(\.rows).compactMap { $0["supplier_id"] as? String })
            for (index, supplier) in suppliers.sorted().enumerated() {
                try await sql.insert(into: "employers")
                    .columns("id", "credit_code", "name", "region_code", "industry", "contact_name", "contact_phone_sealed",
                             "contact_phone_masked", "change_seq")
                    .values(SQLBind(UUID(uuidString: supplier)!), SQLBind("9161000000000000\(index)X"), SQLBind("供应商\(index)"),
                            SQLBind("610924"), SQLBind("茶叶"), SQLBind("王经理"), SQLBind("-"), SQLBind("138****0000"), SQLBind(Int64(1)))
                    .run()
            }
            for table in tables {
                for row in table.rows {
                    let columns = row.keys.sorted()
                    try await sql.insert(into: table.name).columns(columns).values(columns.map { bind($0, row[$0]!) }).run()
                }
            }
            try await migration.prepare(on: t.app.db)

            for table in tables where table.name != "workers" {
                for row in table.rows {
                    let id = UUID(uuidString: row["id"] as! String)!
                    let stored = try object(row["body"] as! String).mutableCopy() as! NSMutableDictionary
                    // A product's stock is its column's (the body's copy is overwritten on read).
                    if table.name == "products" { stored["stock"] = row["stock"] }
                    let read = try await readBack(table.name, id, on: t.app.db)
                    #expect(read == stored, "\(table.name) \(id)")
                }
            }
            let worker = try #require(tables.first { $0.name == "workers" }?.rows.first)
            let id = UUID(uuidString: worker["id"] as! String)!
            let body = try object(worker["body"] as! String)
            let read = try #require(try await WorkerModel.find(id, on: t.app.db)).masked()
            #expect(abs(read.consentAt.timeIntervalSinceReferenceDate - (body["consentAt"] as! Double)) < 0.001)
            #expect(read.education.rawValue == body["education"] as? String && read.consentVersion == body["consentVersion"] as? String)
            #expect(read.employment.map(\.status.rawValue) == (body["employment"] as! [[String: Any]]).map { $0["status"] as! String })
            #expect(read.name == worker["name"] as? String && read.idNumber == worker["id_masked"] as? String)

            // Every converted body is a JSON object the database reads (jsonb on PostgreSQL), marked version 1.
            for table in tables {
                let function = sql.dialect.name == "postgresql" ? "jsonb_typeof" : "json_type"
                let cast = sql.dialect.name == "postgresql" ? "(body->>'v')::int" : "json_extract(body, '$.v')"
                let rows = try await sql.raw("SELECT \(unsafeRaw: function)(body) AS kind, \(unsafeRaw: cast) AS v FROM \(ident: table.name)").all()
                for row in rows {
                    #expect(try row.decode(column: "kind", as: String.self) == "object", "\(table.name)")
                    #expect(try row.decode(column: "v", as: Int.self) == 1, "\(table.name)")
                }
            }
        }
    }
}
