import FluentKit
import SQLKit

/// The common shape of the labour register tables (see `RegisterRow`); each register's migration creates its table
/// through this, so the shape is written once.
enum RegisterSchema {
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
