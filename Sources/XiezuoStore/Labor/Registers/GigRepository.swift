import FluentKit
import Foundation
import XiezuoCore

/// A sign-up as the market's staff see it: with the worker's name.
public struct GigWorker: Sendable, Hashable {
    public var signup: GigSignup
    public var workerName: String
}

/// Gig markets (零工市场), the short tasks posted at them, and the workers who sign up and do them. Markets and tasks
/// are public to read; the staff of the market's county keep them and confirm the work done; a worker signs up
/// themselves (or staff covering them do).
public struct GigRepository: Sendable {
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

    /// Records a market (`id` nil) or replaces one's fields; a market with tasks keeps its county.
    public func saveMarket(_ draft: GigMarketDraft, id: UUID? = nil, by principal: Principal) async throws -> GigMarket {
        try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let before = try await id.asyncMap { try await Register<GigMarket>.find($0, on: tx) } ?? nil
            if id != nil, before == nil { throw DomainError.notFound("gig_market") }
            if let before, !Permissions.canEditLaborRecord(principal, countyCode: before.countyCode) { throw DomainError.notFound("gig_market") }
            let after = try draft.validated(in: regions, id: id ?? UUID())
            guard Permissions.canEditLaborRecord(principal, countyCode: after.countyCode) else { throw DomainError.forbidden }
            if let before, before.countyCode != after.countyCode,
               try await RegisterRow<GigTask>.query(on: tx).filter(\.$parentID == before.id).count() > 0 {
                throw DomainError.invalid("countyCode", "market_has_tasks")
            }
            try await Register.save(after, seq: seq, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: before == nil ? "create" : "update", entity: "gig_market",
                                           entityID: after.id.uuidString, regionCode: after.countyCode, before: before, after: after)
            return after
        }
    }

    /// One market (public).
    public func market(_ id: UUID) async throws -> GigMarket {
        guard let market = try await Register<GigMarket>.find(id, on: database) else { throw DomainError.notFound("gig_market") }
        return market
    }

    /// Markets in a region (public), by county and name.
    public func markets(region: String?, search: String? = nil, page: Paging = Paging()) async throws -> Paged<GigMarket> {
        try await Register<GigMarket>.page({
            let query = Register<GigMarket>.query(region: region, on: database)
            if let search, !search.isEmpty { query.matching(search, in: "name") }
            return query
        }, paging: page, order: .countyThenName)
    }

    /// Posts a task at a market (`id` nil) or replaces one's fields; the headcount cannot drop below the sign-ups.
    public func saveTask(_ draft: GigTaskDraft, market marketID: UUID, id: UUID? = nil, by principal: Principal,
                         today: Day? = nil) async throws -> GigTask {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            guard let market = try await Register<GigMarket>.find(marketID, on: tx),
                  Permissions.canEditLaborRecord(principal, countyCode: market.countyCode) else { throw DomainError.notFound("gig_market") }
            let before = try await id.asyncMap { try await Register<GigTask>.find($0, on: tx) } ?? nil
            if id != nil, before?.marketID != marketID { throw DomainError.notFound("gig") }
            let after = try draft.validated(id: id ?? UUID(), market: market, today: today, existingDate: before?.date)
            let taken = try await active(of: after.id, on: tx).count
            if taken > after.headcount { throw DomainError.invalid("headcount", "fewer_than_signed_up", ["count": String(taken)]) }
            try await Register.save(after, seq: seq, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: before == nil ? "create" : "update", entity: "gig",
                                           entityID: after.id.uuidString, regionCode: after.countyCode, before: before, after: after)
            return after
        }
    }

    /// One task (public).
    public func task(_ id: UUID) async throws -> GigTask {
        guard let task = try await Register<GigTask>.find(id, on: database) else { throw DomainError.notFound("gig") }
        return task
    }

    /// Tasks in a region or at one market (public), soonest first; `from` keeps those on or after that day.
    public func tasks(region: String?, market: UUID? = nil, from: Day? = nil, page: Paging = Paging()) async throws -> Paged<GigTask> {
        try await Register<GigTask>.page({
            let query = Register<GigTask>.query(region: region, on: database)
            if let market { query.filter(\.$parentID == market) }
            if let from { query.filter(\.$day >= from.description) }
            return query
        }, paging: page, order: .soonestFirst)
    }

    /// Sign-ups still standing (signed up or completed) per task.
    public func takenCounts(_ ids: [UUID]) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await RegisterRow<GigSignup>.query(on: database).filter(\.$parentID ~~ ids)
            .filter(\.$status != GigSignupStatus.cancelled.rawValue).all()
        return Dictionary(grouping: rows.compactMap(\.parentID), by: { $0 }).mapValues(\.count)
    }

    /// Signs a worker up for a task that has not passed and has room (or signs them up again after a cancellation).
    public func signUp(_ workerID: UUID, for taskID: UUID, by principal: Principal, today: Day? = nil) async throws -> GigSignup {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            guard let task = try await Register<GigTask>.find(taskID, on: tx) else { throw DomainError.notFound("gig") }
            guard let worker = try await WorkerModel.find(workerID, on: tx),
                  // The worker themselves or the staff covering the worker: running the task's county gives no
                  // hold over workers of other counties.
                  Permissions.canEditWorker(principal, homeCode: worker.homeCode, accountID: worker.accountID) else {
                throw DomainError.notFound("worker")
            }
            guard task.date >= today else { throw DomainError.invalid("gigId", "gig_passed") }
            let existing = try await RegisterRow<GigSignup>.query(on: tx).filter(\.$parentID == taskID).filter(\.$workerID == workerID).first()
            if let existing, existing.status != GigSignupStatus.cancelled.rawValue { throw DomainError(.conflict, code: "already_signed_up") }
            guard try await active(of: taskID, on: tx).count < task.headcount else { throw DomainError(.conflict, code: "gig_full") }
            let signup = GigSignup(id: existing?.id ?? UUID(), taskID: taskID, workerID: workerID, countyCode: task.countyCode,
                                   status: .signedUp, signedUpOn: today)
            let before = try existing?.record()
            try await Register.save(signup, seq: seq, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "create", entity: "gig_signup", entityID: signup.id.uuidString,
                                           regionCode: task.countyCode, partnerRegionCode: worker.homeCode, before: before, after: signup)
            return signup
        }
    }

    /// Confirms the work done (staff of the market's county, on or after the task's day, with the pay received) or
    /// cancels a sign-up (the worker, or that staff).
    public func answer(_ signupID: UUID, _ status: GigSignupStatus, paid: Int64? = nil, by principal: Principal,
                       today: Day? = nil) async throws -> GigSignup {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            guard let before = try await Register<GigSignup>.find(signupID, on: tx),
                  let task = try await Register<GigTask>.find(before.taskID, on: tx),
                  let worker = try await WorkerModel.find(before.workerID, on: tx) else { throw DomainError.notFound("gig_signup") }
            let staff = Permissions.canEditLaborRecord(principal, countyCode: task.countyCode)
            let own = Permissions.canEditWorker(principal, homeCode: worker.homeCode, accountID: worker.accountID)
            guard staff || own else { throw DomainError.notFound("gig_signup") }
            guard before.status == .signedUp else {
                throw DomainError.invalid("status", "illegal_signup_move", ["from": before.status.rawValue, "to": status.rawValue])
            }
            var after = before
            switch status {
            case .completed:
                guard staff else { throw DomainError.forbidden }
                guard task.date <= today else { throw DomainError.invalid("status", "gig_not_yet_done") }
                after.paid = try Validate.fen(paid, field: "paid", required: false)
                after.completedOn = today
            case .cancelled:
                break
            case .signedUp:
                throw DomainError.invalid("status", "illegal_signup_move", ["from": before.status.rawValue, "to": status.rawValue])
            }
            after.status = status
            try await Register.save(after, seq: seq, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "status_\(status.rawValue)", entity: "gig_signup",
                                           entityID: signupID.uuidString, regionCode: task.countyCode, before: before, after: after)
            return after
        }
    }

    /// A task's sign-ups with the workers' names (staff of the market's county).
    public func signups(of taskID: UUID, by principal: Principal) async throws -> [GigWorker] {
        let task = try await task(taskID)
        guard Permissions.canEditLaborRecord(principal, countyCode: task.countyCode) else { throw DomainError.notFound("gig") }
        let list = try await RegisterRow<GigSignup>.query(on: database).filter(\.$parentID == taskID).sort(\.$day).all().map { try $0.record() }
        let names = try await WorkerModel.names(of: list.map(\.workerID), on: database)
        return list.map { GigWorker(signup: $0, workerName: names[$0.workerID] ?? "") }
    }

    /// A worker's sign-ups with their tasks, soonest first (the worker and the staff covering them).
    public func signups(ofWorker workerID: UUID, by principal: Principal) async throws -> [(GigSignup, GigTask)] {
        guard let worker = try await WorkerModel.find(workerID, on: database),
              Permissions.canEditWorker(principal, homeCode: worker.homeCode, accountID: worker.accountID) else {
            throw DomainError.notFound("worker")
        }
        var result: [(GigSignup, GigTask)] = []
        for row in try await RegisterRow<GigSignup>.query(on: database).filter(\.$workerID == workerID).all() {
            let signup = try row.record()
            if let task = try await Register<GigTask>.find(signup.taskID, on: database) { result.append((signup, task)) }
        }
        return result.sorted { $0.1.date < $1.1.date }
    }

    private func active(of taskID: UUID, on database: any Database) async throws -> [RegisterRow<GigSignup>] {
        try await RegisterRow<GigSignup>.query(on: database).filter(\.$parentID == taskID)
            .filter(\.$status != GigSignupStatus.cancelled.rawValue).all()
    }
}

extension GigRepository {
    /// One sign-up, whoever asks (the gig page checks the staff before showing or changing it).
    public func signup(_ id: UUID) async throws -> GigSignup? {
        try await Register<GigSignup>.find(id, on: database)
    }
}
