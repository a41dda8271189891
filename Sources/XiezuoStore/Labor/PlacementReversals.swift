import FluentKit
import Foundation
import XiezuoCore

/// A row of `placement_reversals`: a placement found to be wrong, taken out of the figures without editing it.
final class PlacementReversalModel: Model, @unchecked Sendable {
    static let schema = "placement_reversals"

    @ID(custom: "application_id", generatedBy: .user) var id: UUID?
    @Field(key: "reason") var reason: String
    @Field(key: "day") var day: String
    @OptionalField(key: "account_id") var accountID: UUID?
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var reversal: PlacementReversal {
        get throws { PlacementReversal(on: try StoredRow(Self.schema, id: id).day(day, column: "day"), reason: reason) }
    }

    /// The reversals of these applications, by application.
    static func of(_ ids: [UUID], on database: any Database) async throws -> [UUID: PlacementReversal] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: PlacementReversal] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            for model in try await PlacementReversalModel.query(on: database).filter(\.$id ~~ chunk).all() { result[model.id!] = try model.reversal }
        }
        return result
    }

    /// Every reversed application's id.
    static func all(on database: any Database) async throws -> Set<UUID> {
        Set(try await PlacementReversalModel.query(on: database).field(\.$id).all().compactMap(\.id))
    }
}

extension ApplicationRepository {
    /// Fills in each application's reversal.
    static func withReversals(_ applications: [JobApplication], on database: any Database) async throws -> [JobApplication] {
        let reversals = try await PlacementReversalModel.of(applications.filter { $0.status == .hired }.map(\.id), on: database)
        guard !reversals.isEmpty else { return applications }
        return applications.map { var application = $0; application.reversal = reversals[$0.id]; return application }
    }

    /// Reverses a placement (红字冲销): the hire stays as booked, a reversal record beside it takes it out of the
    /// placement figures (moved back in the same transaction), and the worker's employment goes back to what it was
    /// before, unless something was recorded since. Staff covering the worker's home or the posting's county; once
    /// per placement.
    public func reversePlacement(_ id: UUID, _ draft: ReversalDraft, by principal: Principal, today: Day? = nil) async throws -> JobApplication {
        let today = today ?? clock.today
        let reason = try draft.validated()
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            guard let model = try await ApplicationModel.find(id, on: tx),
                  let workerModel = try await WorkerModel.find(model.workerID, on: tx),
                  let posting = try await JobPostingModel.find(model.postingID, on: tx)?.posting,
                  principal.role?.isStaff == true, principal.scope.covers(workerModel.homeCode) || principal.scope.covers(posting.countyCode) else {
                throw DomainError.notFound("application")
            }
            let application = try model.application
            guard application.status == .hired, let start = application.startDate else { throw DomainError.invalid("reason", "not_a_placement") }
            if try await PlacementReversalModel.find(id, on: tx) != nil { throw DomainError.alreadyReversed }
            let worker = try workerModel.masked()
            let before = try await LaborLedger.placements(of: worker.id, on: tx)
            let reversal = PlacementReversalModel()
            reversal.id = id
            reversal.reason = reason
            reversal.day = today.description
            reversal.accountID = principal.accountID
            reversal.changeSeq = seq
            try await reversal.create(on: tx)
            let after = try await LaborLedger.placements(of: worker.id, on: tx)
            var updated = worker
            // The employment the hire recorded is the latest: the worker goes back to what they were before it.
            let placed = "\(posting.title) · \(posting.employerName)"
            if let last = updated.employment.last, last.since == start, last.note == placed {
                let previous = updated.employment.dropLast().last?.status ?? .unemployed
                updated.employment.append(EmploymentRecord(status: previous, since: max(today, start), note: reason))
                try workerModel.apply(updated, seq: seq)
                try await workerModel.save(on: tx)
            }
            try await FactStore(database: tx).book(FactRules.delta(from: FactRules.contributions(of: before, worker: worker),
                                                                   to: FactRules.contributions(of: after, worker: updated)))
            var reversed = application
            reversed.reversal = try reversal.reversal
            try await AuditRecorder.record(on: tx, by: principal, action: "reverse", entity: "application", entityID: id.uuidString,
                                           regionCode: worker.homeCode, partnerRegionCode: application.placeCode, before: application, after: reversed)
            return reversed
        }
    }
}
