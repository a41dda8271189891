import FluentKit
import Foundation
import XiezuoCore

/// Assistance workshops (帮扶车间): public to read, recorded by the staff of their county; the workshop count and the
/// workers employed are booked as stock facts in the same transaction.
public struct WorkshopRepository: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database
    let regions: RegionDirectory

    /// Creates a repository over `database`.
    public init(database: any Database, regions: RegionDirectory, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.regions = regions
    }

    /// Records a workshop (`id` nil) or replaces one's fields.
    public func save(_ draft: AssistanceWorkshopDraft, id: UUID? = nil, by principal: Principal,
                     today: Day? = nil) async throws -> AssistanceWorkshop {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let before = try await id.asyncMap { try await Register<AssistanceWorkshop>.find($0, on: tx) } ?? nil
            if id != nil, before == nil { throw DomainError.notFound("workshop") }
            if let before, !Permissions.canEditLaborRecord(principal, countyCode: before.countyCode) { throw DomainError.notFound("workshop") }
            var after = try draft.validated(in: regions, id: id ?? UUID(), today: today)
            after.generated = before?.generated ?? false
            guard Permissions.canEditLaborRecord(principal, countyCode: after.countyCode) else { throw DomainError.forbidden }
            try await Register.save(after, seq: seq, on: tx)
            try await FactStore(database: tx).book(FactRules.delta(from: before.map(FactRules.contributions(of:)) ?? [:],
                                                                   to: FactRules.contributions(of: after)))
            try await AuditRecorder.record(on: tx, by: principal, action: before == nil ? "create" : "update", entity: "workshop",
                                           entityID: after.id.uuidString, regionCode: after.countyCode, before: before, after: after)
            return after
        }
    }

    /// Removes a workshop (a mistaken entry) and its facts.
    public func delete(_ id: UUID, by principal: Principal) async throws {
        try await database.writeTransaction { tx in
            _ = try await ChangeSequence.next(on: tx)
            guard let before = try await Register<AssistanceWorkshop>.find(id, on: tx),
                  Permissions.canEditLaborRecord(principal, countyCode: before.countyCode) else { throw DomainError.notFound("workshop") }
            try await Register<AssistanceWorkshop>.delete(id, on: tx)
            try await FactStore(database: tx).book(FactRules.delta(from: FactRules.contributions(of: before), to: [:]))
            try await AuditRecorder.record(on: tx, by: principal, action: "delete", entity: "workshop", entityID: id.uuidString,
                                           regionCode: before.countyCode, before: before, after: Optional<AssistanceWorkshop>.none)
        }
    }

    /// One workshop (public).
    public func get(_ id: UUID) async throws -> AssistanceWorkshop {
        guard let workshop = try await Register<AssistanceWorkshop>.find(id, on: database) else { throw DomainError.notFound("workshop") }
        return workshop
    }

    /// Workshops in a region (public), newest first; `search` matches name, village and product.
    public func list(region: String?, search: String? = nil, page: Paging = Paging()) async throws -> Paged<AssistanceWorkshop> {
        try await Register<AssistanceWorkshop>.page({
            let query = Register<AssistanceWorkshop>.query(region: region, on: database)
            if let search, !search.isEmpty { query.matching(search, in: "name") }
            return query
        }, paging: page)
    }
}
