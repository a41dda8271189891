import Foundation
import SQLKit
import Testing
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("The frozen record table shape of M0015–M0018 and M0032")
struct RecordTableTests {
    /// Each table's columns (name, SQLite type, not null), foreign keys and indexes as the migrations created them
    /// before they called `RecordTableV1` (read from a database those migrations made).
    static let tables: [(table: String, columns: [String], keys: Set<String>, indexes: Set<String>)] = [
        ("featured_industries", ["id:UUID:0", "name:TEXT:1", "county_code:TEXT:1", "pairing_id:UUID:0", "category:TEXT:1", "role:TEXT:1",
                                 "since:INTEGER:1", "body:TEXT:1", "change_seq:INTEGER:1", "created_at:REAL:0", "updated_at:REAL:0"],
         ["pairings.pairing_id"], ["featured_industries_county"]),
        ("parks", ["id:UUID:0", "name:TEXT:1", "county_code:TEXT:1", "partner_code:TEXT:1", "pairing_id:UUID:0", "form:TEXT:1",
                   "established:TEXT:0", "body:TEXT:1", "change_seq:INTEGER:1", "created_at:REAL:0", "updated_at:REAL:0"],
         ["pairings.pairing_id"], ["parks_county"]),
        // M0052 adds columns after these.
        ("enterprises", ["id:UUID:0", "name:TEXT:1", "credit_code:TEXT:0", "county_code:TEXT:1", "origin_code:TEXT:1", "park_id:UUID:0",
                         "pairing_id:UUID:0", "status:TEXT:1", "chain:TEXT:1", "body:TEXT:1", "change_seq:INTEGER:1", "created_at:REAL:0",
                         "updated_at:REAL:0"],
         ["pairings.pairing_id", "parks.park_id"], ["enterprises_county", "enterprises_park", "enterprises_county_landed"]),
        ("promotion_events", ["id:UUID:0", "date:TEXT:1", "city_code:TEXT:1", "organiser_code:TEXT:1", "body:TEXT:1", "change_seq:INTEGER:1",
                              "created_at:REAL:0", "updated_at:REAL:0"],
         [], ["promotion_events_date"]),
        ("products", ["id:UUID:0", "name:TEXT:1", "supplier_id:UUID:1", "county_code:TEXT:1", "brand_id:UUID:0", "category:TEXT:1",
                      "certification:TEXT:1", "price:INTEGER:1", "stock:INTEGER:1", "body:TEXT:1", "change_seq:INTEGER:1",
                      "created_at:REAL:0", "updated_at:REAL:0"],
         ["employers.supplier_id", "regional_brands.brand_id"], ["products_county", "products_supplier"]),
        // M0049 adds the thumbnail columns after these.
        ("product_images", ["id:UUID:0", "product_id:UUID:1", "content_type:TEXT:1", "data:BLOB:1", "created_at:REAL:0"],
         ["products.product_id"], ["product_images_product"]),
    ]

    @Test("each table has the columns, keys and indexes the migrations created before the shared helper: it was not edited")
    func frozen() async throws {
        try await withTestApp(.sqlite, seed: false) { t in
            let sql = t.app.db as! any SQLDatabase
            for (table, expected, keys, indexes) in Self.tables {
                let columns = try await sql.raw("SELECT name || ':' || type || ':' || \"notnull\" AS c FROM pragma_table_info(\(bind: table))")
                    .all().map { try $0.decode(column: "c", as: String.self) }
                #expect(Array(columns.prefix(expected.count)) == expected, "\(table)")
                let foreign = try await sql.raw("SELECT \"table\" || '.' || \"from\" AS k FROM pragma_foreign_key_list(\(bind: table))")
                    .all().map { try $0.decode(column: "k", as: String.self) }
                #expect(Set(foreign) == keys, "\(table)")
                let created = try await sql.raw("SELECT name FROM pragma_index_list(\(bind: table)) WHERE origin = 'c'")
                    .all().map { try $0.decode(column: "name", as: String.self) }
                #expect(Set(created) == indexes, "\(table)")
            }
        }
    }
}
