import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// The matching index: each worker's wished occupations by major group (1–8), so the workers who fit a posting are
/// found through `worker_wishes_group` instead of reading every worker. Filled from the workers already registered.
struct M0042_CreateWorkerWishes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("worker_wishes")
            .field("worker_id", .uuid, .required, .references("workers", "id", onDelete: .cascade))
            .field("major_group", .int, .required)
            .unique(on: "worker_id", "major_group")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "worker_wishes_group").on("worker_wishes").column("major_group").column("worker_id").run()
        var after: UUID?
        while true {
            var query = WorkerModel.query(on: database).sort(\.$id).limit(1_000)
            if let after { query = query.filter(\.$id > after) }
            let page = try await query.all()
            guard let last = page.last?.id else { return }
            for model in page { try await WorkerWishes.set(worker: model.id!, occupations: try model.masked().wishedOccupations, on: database) }
            after = last
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("worker_wishes").delete()
    }
}
