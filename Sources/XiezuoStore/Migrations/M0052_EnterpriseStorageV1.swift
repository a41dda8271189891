import FluentKit
import Foundation
import SQLKit

/// Enterprises get their storage contract: the figures reports sum and filter (investment, jobs, the pipeline's
/// days) become columns, `body` holds the versioned stored shape (`"v": 1`, the keys the code before wrote) and is
/// `jsonb` on PostgreSQL. Every stored row is converted; one that lacks a field the shape needs stops the migration
/// with the row named. Self-contained: it reads and writes JSON itself, so later changes to the stored types do not
/// change what it does.
struct M0052_EnterpriseStorageV1: AsyncMigration {
    static let integerColumns = [
        ("planned_investment", "plannedInvestment"), ("actual_investment", "actualInvestment"), ("jobs", "jobs"),
        ("jobs_rural", "jobsRural"), ("jobs_poverty_lifted", "jobsPovertyLifted"),
    ]
    static let dayColumns = [("signed_on", "signedOn"), ("landed_on", "landedOn"), ("operating_on", "operatingOn")]
    static let requiredKeys = ["id", "name", "originCode", "chain", "countyCode", "status"] + integerColumns.map(\.1)

    struct RowError: Error, CustomStringConvertible {
        var id: String
        var problem: String
        var description: String { "enterprises row \(id): \(problem)" }
    }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        // One column a statement: SQLite alters a table one column at a time.
        for (column, _) in Self.integerColumns {
            try await sql.raw("ALTER TABLE enterprises ADD COLUMN \(ident: column) BIGINT NOT NULL DEFAULT 0").run()
        }
        for (column, _) in Self.dayColumns {
            try await sql.raw("ALTER TABLE enterprises ADD COLUMN \(ident: column) TEXT").run()
        }
        for row in try await sql.raw("SELECT id, CAST(body AS TEXT) AS body FROM enterprises").all() {
            let id = try row.decode(column: "id", as: UUID.self)
            let text = try row.decode(column: "body", as: String.self)
            guard var body = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                throw RowError(id: id.uuidString, problem: "body is not a JSON object")
            }
            if let missing = Self.requiredKeys.first(where: { body[$0] == nil || body[$0] is NSNull }) {
                throw RowError(id: id.uuidString, problem: "body has no \(missing)")
            }
            body["v"] = 1
            let update = sql.update("enterprises")
                .set("body", to: String(decoding: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self))
            for (column, key) in Self.integerColumns {
                guard let number = body[key] as? NSNumber else { throw RowError(id: id.uuidString, problem: "\(key) is not a number") }
                update.set(SQLIdentifier(column), to: SQLBind(number.int64Value))
            }
            for (column, key) in Self.dayColumns {
                update.set(SQLIdentifier(column), to: (body[key] as? String).map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
            }
            try await update.where("id", .equal, id).run()
        }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("ALTER TABLE enterprises ALTER COLUMN body TYPE jsonb USING body::jsonb").run()
        }
        try await sql.create(index: "enterprises_county_landed").on("enterprises").column("county_code").column("landed_on").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "enterprises_county_landed").run()
        if sql.dialect.name == "postgresql" {
            try await sql.raw("UPDATE enterprises SET body = body - 'v'").run()
            try await sql.raw("ALTER TABLE enterprises ALTER COLUMN body TYPE text USING body::text").run()
        } else {
            try await sql.raw("UPDATE enterprises SET body = json_remove(body, '$.v')").run()
        }
        for (column, _) in Self.integerColumns + Self.dayColumns {
            try await sql.raw("ALTER TABLE enterprises DROP COLUMN \(ident: column)").run()
        }
    }
}
