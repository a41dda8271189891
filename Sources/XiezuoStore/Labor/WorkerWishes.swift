import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// The matching index (`worker_wishes`): the major groups of each worker's wished occupations, kept by every write of
/// a worker's wishes.
enum WorkerWishes {
    /// The major group (1–8) of an occupation code, or nil for a code that is not one.
    static func majorGroup(_ code: String) -> Int? {
        guard OccupationCatalogue.isWellFormed(code) else { return nil }
        return Int(code.prefix { $0 != "-" })
    }

    /// Replaces a worker's rows with the major groups of `occupations`.
    static func set(worker: UUID, occupations: [String], on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.delete(from: "worker_wishes").where("worker_id", .equal, SQLBind(worker)).run()
        let groups = Set(occupations.compactMap(majorGroup)).sorted()
        guard !groups.isEmpty else { return }
        var insert = sql.insert(into: "worker_wishes").columns("worker_id", "major_group")
        for group in groups { insert = insert.values(SQLBind(worker), SQLBind(group)) }
        try await insert.run()
    }

    /// The seeking (unemployed) workers with a wish in `group`, at most `limit`, by id.
    static func seeking(in group: Int, limit: Int, on database: any Database) async throws -> [UUID] {
        let sql = database as! any SQLDatabase
        return try await sql.select().column(SQLColumn("worker_id", table: "worker_wishes")).from("worker_wishes")
            .join("workers", on: SQLColumn("id", table: "workers"), .equal, SQLColumn("worker_id", table: "worker_wishes"))
            .where(SQLColumn("major_group", table: "worker_wishes"), .equal, SQLBind(group))
            .where(SQLColumn("status", table: "workers"), .equal, SQLBind(EmploymentStatus.unemployed.rawValue))
            .limit(limit).all()
            .map { try $0.decode(column: "worker_id", as: UUID.self) }
    }
}
