import Foundation
import SQLKit
import Testing
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("The frozen register table shape")
struct RegisterSchemaTests {
    /// The columns `RegisterSchemaV1` created when it was frozen (name, SQLite type, not null).
    static let columns = ["id:UUID:0", "county_code:TEXT:1", "parent_id:UUID:0", "worker_id:UUID:0", "day:TEXT:0", "status:TEXT:1",
                          "name:TEXT:1", "body:TEXT:1", "change_seq:INTEGER:1", "created_at:REAL:0", "updated_at:REAL:0"]
    /// Each register table, its parent table and whether it has a unique constraint (a name, or a worker per parent).
    static let tables: [(String, String?, Bool)] = [
        ("labor_brands", nil, true), ("training_programmes", nil, false), ("training_enrolments", "training_programmes", true),
        ("gig_markets", nil, false), ("gig_tasks", "gig_markets", false), ("gig_signups", "gig_tasks", true),
        ("direct_trips", nil, false), ("assistance_workshops", nil, false), ("regional_brands", nil, true),
        ("sales_events", nil, false), ("procurements", nil, true),
    ]

    @Test("every register table has the columns, keys and indexes the old migrations created: the shared helper was not edited")
    func frozen() async throws {
        try await withTestApp(.sqlite, seed: false) { t in
            let sql = t.app.db as! any SQLDatabase
            for (table, parent, unique) in Self.tables {
                let columns = try await sql.raw("SELECT name || ':' || type || ':' || \"notnull\" AS c FROM pragma_table_info(\(bind: table))")
                    .all().map { try $0.decode(column: "c", as: String.self) }
                #expect(columns == Self.columns, "\(table)")
                let keys = try await sql.raw("SELECT \"table\" || '.' || \"from\" AS k FROM pragma_foreign_key_list(\(bind: table))")
                    .all().map { try $0.decode(column: "k", as: String.self) }
                #expect(Set(keys) == Set(["workers.worker_id"] + (parent.map { ["\($0).parent_id"] } ?? [])), "\(table)")
                let indexes = try await sql.raw("SELECT name, origin FROM pragma_index_list(\(bind: table))").all()
                let names = try indexes.map { try $0.decode(column: "name", as: String.self) }
                #expect(["county", "parent", "worker"].allSatisfy { names.contains("\(table)_\($0)") }, "\(table)")
                #expect(try indexes.filter { try $0.decode(column: "origin", as: String.self) == "u" }.count == (unique ? 1 : 0), "\(table)")
            }
        }
    }
}
