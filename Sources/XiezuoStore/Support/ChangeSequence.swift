import FluentKit
import SQLKit

/// The global change sequence. Every write takes the next number inside its own transaction, so the order of
/// numbers is the order of commits that partners and caches follow.
enum ChangeSequence {
    /// Increments the sequence and returns the new value.
    static func next(on database: any Database) async throws -> Int64 {
        try await next(on: database as! any SQLDatabase)
    }

    /// ``next(on:)-(Database)`` on a plain SQL connection.
    static func next(on sql: any SQLDatabase) async throws -> Int64 {
        let row = try await sql.raw("UPDATE change_sequence SET value = value + 1 WHERE name = 'global' RETURNING value").first()
        guard let value = try row?.decode(column: "value", as: Int64.self) else {
            throw StoreError.missingChangeSequence
        }
        return value
    }

    /// Takes `count` consecutive numbers at once and returns them, for writes that change many rows.
    static func reserve(_ count: Int, on database: any Database) async throws -> ClosedRange<Int64> {
        try await reserve(count, on: database as! any SQLDatabase)
    }

    /// ``reserve(_:on:)-(_,Database)`` on a plain SQL connection.
    static func reserve(_ count: Int, on sql: any SQLDatabase) async throws -> ClosedRange<Int64> {
        precondition(count > 0)
        let row = try await sql.raw("UPDATE change_sequence SET value = value + \(bind: Int64(count)) WHERE name = 'global' RETURNING value").first()
        guard let last = try row?.decode(column: "value", as: Int64.self) else { throw StoreError.missingChangeSequence }
        return (last - Int64(count) + 1)...last
    }

    /// Returns the last `count` numbers the caller's transaction took and did not use, so refused writes leave no
    /// gap. Only while that transaction still holds the sequence, before anyone else could take a number.
    static func giveBack(_ count: Int, on sql: any SQLDatabase) async throws {
        precondition(count > 0)
        try await sql.raw("UPDATE change_sequence SET value = value - \(bind: Int64(count)) WHERE name = 'global'").run()
    }

    /// The current value, without changing it.
    static func current(on database: any Database) async throws -> Int64 {
        let sql = database as! any SQLDatabase
        let row = try await sql.raw("SELECT value FROM change_sequence WHERE name = 'global'").first()
        return try row?.decode(column: "value", as: Int64.self) ?? 0
    }
}

/// Failures of the store itself, as opposed to refused input.
public enum StoreError: Error, CustomStringConvertible {
    /// The migrations have not run.
    case missingChangeSequence
    /// A shipped reference file could not be read.
    case missingResource(String)
    /// A reference file has a row that does not parse.
    case badReferenceRow(file: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .missingChangeSequence: "the change_sequence table is empty: run `xiezuo migrate` first"
        case .missingResource(let name): "the reference file \(name) is missing from the package resources"
        case .badReferenceRow(let file, let line, let reason): "\(file) line \(line): \(reason)"
        }
    }
}
