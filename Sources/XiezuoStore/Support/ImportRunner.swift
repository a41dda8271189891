import FluentKit
import Foundation
import XiezuoCore

/// Runs a spreadsheet import: every row in one transaction, written only when every row is good and it is not a dry
/// run (a dry run, or a file with a bad row, rolls the transaction back — change sequence, facts and audit included),
/// then one audit entry for the import naming the file and its digest.
public struct ImportRunner: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The largest number of data rows one import takes.
    public static let maximumRows = 50_000

    /// What the import's audit entry records.
    struct Summary: Encodable {
        var file: String
        var digest: String
        var format: String
        var created: Int
        var updated: Int
        var unchanged: Int
    }

    /// Applies `apply` to each record without `preErrors` on the transaction's database; `apply` returns what it did
    /// and a short description, or throws a ``DomainError`` for the row.
    public func run(entity: String, records: [ImportRecord], preErrors: [Int: [DomainError]] = [:], dryRun: Bool, file: ImportFile,
                    by principal: Principal,
                    apply: @escaping @Sendable (ImportRecord, any Database) async throws -> (ImportAction, String),
                    finish: @escaping @Sendable (any Database) async throws -> Void = { _ in }) async throws -> ImportReport {
        guard !records.isEmpty else { throw DomainError.invalid("file", "empty_file") }
        guard records.count <= Self.maximumRows else { throw DomainError.invalid("file", "too_many_rows", ["max": String(Self.maximumRows)]) }
        /// Carries the outcomes out of a transaction that must leave nothing behind.
        struct NotWritten: Error { var rows: [ImportOutcome] }
        do {
            let rows = try await database.writeTransaction { tx -> [ImportOutcome] in
                var outcomes: [ImportOutcome] = []
                outcomes.reserveCapacity(records.count)
                for record in records {
                    if let errors = preErrors[record.line], !errors.isEmpty {
                        outcomes.append(ImportOutcome(line: record.line, errors: errors))
                        continue
                    }
                    do {
                        let (action, summary) = try await apply(record, tx)
                        outcomes.append(ImportOutcome(line: record.line, action: action, summary: summary))
                    } catch let error as DomainError {
                        outcomes.append(ImportOutcome(line: record.line, errors: [error]))
                    }
                }
                guard !dryRun, outcomes.allSatisfy({ $0.errors.isEmpty }) else { throw NotWritten(rows: outcomes) }
                try await finish(tx)
                let count = { (action: ImportAction) in outcomes.filter { $0.action == action }.count }
                try await AuditRecorder.record(on: tx, by: principal, action: "import", entity: entity, entityID: "import:" + file.digest.prefix(16),
                                               regionCode: principal.jurisdiction, before: Optional<Int>.none,
                                               after: Summary(file: file.name, digest: file.digest, format: file.format, created: count(.create),
                                                              updated: count(.update), unchanged: count(.unchanged)))
                return outcomes
            }
            return ImportReport(rows: rows, written: true, dryRun: false)
        } catch let result as NotWritten {
            return ImportReport(rows: result.rows, written: false, dryRun: dryRun)
        }
    }
}
