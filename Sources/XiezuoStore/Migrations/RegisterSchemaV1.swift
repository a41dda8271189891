import FluentKit
import SQLKit

/// The shape the register tables were created with (see `RegisterRow`), by migrations M0023–M0031, M0035 and M0036.
///
/// **Frozen.** Those migrations have run on databases in use, and they call this: editing it would change what an old
/// migration does. A new shape is a new migration (and, if new tables should take it, a `RegisterSchemaV2`).
/// `RegisterSchemaTests` compares the tables it creates with the columns recorded when it was frozen.
enum RegisterSchemaV1 {
    static func create(_ table: String, parent: String? = nil, uniqueName: Bool = false, uniqueWorkerPerParent: Bool = false,
                       on database: any Database) async throws {
        var schema = database.schema(table)
            .id()
            .field("county_code", .string, .required)
        schema = parent.map { schema.field("parent_id", .uuid, .references($0, "id")) } ?? schema.field("parent_id", .uuid)
        schema = schema
            .field("worker_id", .uuid, .references("workers", "id"))
            .field("day", .string)
            .field("status", .string, .required)
            .field("name", .string, .required)
            .field("body", .string, .required)
            .field("change_seq", .int64, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
        if uniqueName { schema = schema.unique(on: "name") }
        if uniqueWorkerPerParent { schema = schema.unique(on: "parent_id", "worker_id") }
        try await schema.create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "\(table)_county").on(table).column("county_code").run()
        try await sql.create(index: "\(table)_parent").on(table).column("parent_id").run()
        try await sql.create(index: "\(table)_worker").on(table).column("worker_id").run()
    }
}
