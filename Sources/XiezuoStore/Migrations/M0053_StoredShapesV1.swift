import FluentKit
import Foundation
import SQLKit

/// Every record kept as JSON in a `body` column gets its storage contract (enterprises had theirs in M0052): each
/// body is marked as version 1 of its stored shape (`"v": 1`; the keys the code before wrote are the shape's), a
/// worker's consent time becomes ISO-8601 text (it was seconds since 2001), and on PostgreSQL the column becomes
/// `jsonb`. A body that is not a JSON object stops the migration with the table and row named. Self-contained: it
/// reads and writes JSON itself.
struct M0053_StoredShapesV1: AsyncMigration {
    static let tables = [
        "featured_industries", "parks", "promotion_events", "enclave_shares", "products", "orders", "workers",
        "labor_brands", "training_programmes", "training_enrolments", "gig_markets", "gig_tasks", "gig_signups", "direct_trips",
        "assistance_workshops", "regional_brands", "sales_events", "procurements",
    ]

    struct RowError: Error, CustomStringConvertible {
        var table: String
        var id: String
        var problem: String
        var description: String { "\(table) row \(id): \(problem)" }
    }

    /// ISO-8601 with milliseconds, UTC, as the stored shapes write times.
    static func isoText(_ date: Date) -> String { date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)) }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in Self.tables {
            try await Self.rewrite(table, on: database) { body in
                body["v"] = 1
                if table == "workers", let seconds = body["consentAt"] as? NSNumber {
                    body["consentAt"] = Self.isoText(Date(timeIntervalSinceReferenceDate: seconds.doubleValue))
                }
            }
            if sql.dialect.name == "postgresql" {
                try await sql.raw("ALTER TABLE \(ident: table) ALTER COLUMN body TYPE jsonb USING body::jsonb").run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in Self.tables {
            if sql.dialect.name == "postgresql" {
                try await sql.raw("ALTER TABLE \(ident: table) ALTER COLUMN body TYPE text USING body::text").run()
            }
            try await Self.rewrite(table, on: database) { body in
                body["v"] = nil
                if table == "workers", let text = body["consentAt"] as? String,
                   let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) {
                    body["consentAt"] = date.timeIntervalSinceReferenceDate
                }
            }
        }
    }

    /// Rewrites every row's body of `table` with `change`, 500 rows at a time in id order, a transaction each.
    static func rewrite(_ table: String, on database: any Database, _ change: @escaping @Sendable (inout [String: Any]) throws -> Void) async throws {
        var after: UUID?
        while true {
            let last: UUID? = try await database.transaction { [after] tx in
                let sql = tx as! any SQLDatabase
                let condition: SQLQueryString = after.map { "WHERE id > \(bind: $0)" } ?? ""
                let rows = try await sql.raw("SELECT id, CAST(body AS TEXT) AS body FROM \(ident: table) \(condition) ORDER BY id LIMIT 500").all()
                var last: UUID?
                for row in rows {
                    let id = try row.decode(column: "id", as: UUID.self)
                    let text = try row.decode(column: "body", as: String.self)
                    guard var body = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                        throw RowError(table: table, id: id.uuidString, problem: "body is not a JSON object")
                    }
                    try change(&body)
                    let json = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])
                    try await sql.update(table).set("body", to: String(decoding: json, as: UTF8.self)).where("id", .equal, id).run()
                    last = id
                }
                return last
            }
            guard let last else { return }
            after = last
        }
    }
}
