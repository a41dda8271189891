import FluentKit
import SQLKit

/// What the record tables of M0015–M0018 and M0032 (industries, parks, enterprises, promotion events, products) end
/// with: the record's JSON in `body`, its change number and its times; and their single-column indexes.
///
/// **Frozen**, like `RegisterSchemaV1`: those migrations have run on databases in use, and they call this, so editing
/// it would change what an old migration does. `RecordTableTests` compares the tables with the columns recorded when
/// it was frozen. A new table with another shape writes its own columns (or a `RecordTableV2`).
enum RecordTableV1 {
    /// Adds `body`, `change_seq`, `created_at` and `updated_at` to `schema` and creates the table.
    static func create(_ schema: SchemaBuilder) async throws {
        try await schema
            .field("body", .string, .required)
            .field("change_seq", .int64, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    /// One index on each column, named `<table>_<name>` (e.g. `parks_county` on `county_code`).
    static func index(_ table: String, _ indexes: KeyValuePairs<String, String>, on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for (name, column) in indexes {
            try await sql.create(index: "\(table)_\(name)").on(table).column(column).run()
        }
    }
}
