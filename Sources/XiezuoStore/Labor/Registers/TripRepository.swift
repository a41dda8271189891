import FluentKit
import Foundation
import XiezuoCore

/// A passenger as the trip's staff see them: with the worker's name and the job they travel to.
public struct TripRider: Sendable, Hashable {
    public var passenger: TripPassenger
    public var workerName: String
    public var jobTitle: String
    public var employerName: String
}

/// Direct-transport trips (就业直通车). The staff of the departure county plan them, put their workers aboard, each
/// with a job at one of the trip's employers, and confirm the arrival, which records every passenger's placement
/// (an application marked hired from the arrival day, at the job's wage and place) with its facts, in one transaction.
public struct TripRepository: Sendable {
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

    /// Plans a trip (`id` nil) or replaces a planned one's fields; seats cannot drop below the passengers, and an
    /// employer with passengers stays on the trip.
    public func save(_ draft: DirectTripDraft, id: UUID? = nil, by principal: Principal) async throws -> DirectTrip {
        try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let before = try await id.asyncMap { try await Register<DirectTrip>.find($0, on: tx) } ?? nil
            if id != nil, before == nil { throw DomainError.notFound("trip") }
            if let before, !Permissions.canEditLaborRecord(principal, countyCode: before.fromCounty) { throw DomainError.notFound("trip") }
            let employers = try await EmployerModel.query(on: tx).filter(\.$id ~~ (draft.employerIds ?? []).prefix(50).map { $0 }).all()
            var after = try draft.validated(in: regions, id: id ?? UUID(),
                                            employerRegions: Dictionary(employers.map { ($0.id!, $0.regionCode) }, uniquingKeysWith: { a, _ in a }))
            guard Permissions.canEditLaborRecord(principal, countyCode: after.fromCounty) else { throw DomainError.forbidden }
            if let before {
                guard before.status == .planned else { throw DomainError.invalid("status", "trip_not_planned") }
                if before.passengers.count > after.seats {
                    throw DomainError.invalid("seats", "fewer_than_aboard", ["count": String(before.passengers.count)])
                }
                after.passengers = before.passengers
                if !before.passengers.isEmpty, before.fromCounty != after.fromCounty { throw DomainError.invalid("fromCounty", "trip_has_passengers") }
                let postings = try await JobPostingModel.query(on: tx).filter(\.$id ~~ before.passengers.map(\.postingID)).all()
                if try postings.contains(where: { try $0.posting.employerID.map { !after.employerIDs.contains($0) } ?? true }) {
                    throw DomainError.invalid("employerIds", "employer_has_passengers")
                }
            }
            after.pairingID = try await IndustryLedger.pairing(county: after.fromCounty, east: after.destinationCode, year: after.date.year, on: tx)
            try await Register.save(after, seq: seq, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: before == nil ? "create" : "update", entity: "trip",
                                           entityID: after.id.uuidString, regionCode: after.fromCounty, partnerRegionCode: after.destinationCode,
                                           before: before, after: after)
            return after
        }
    }

    /// Puts a worker of the staff's jurisdiction aboard, travelling to an open job of one of the trip's employers.
    public func board(_ tripID: UUID, worker workerID: UUID, posting postingID: UUID, by principal: Principal,
                      today: Day? = nil) async throws -> DirectTrip {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            guard let before = try await Register<DirectTrip>.find(tripID, on: tx),
                  Permissions.canEditLaborRecord(principal, countyCode: before.fromCounty) else { throw DomainError.notFound("trip") }
            guard let worker = try await WorkerModel.find(workerID, on: tx),
                  Permissions.canEditWorker(principal, homeCode: worker.homeCode, accountID: worker.accountID) else {
                throw DomainError.invalid("workerId", "unknown_worker")
            }
            guard let posting = try await JobPostingModel.find(postingID, on: tx)?.posting else { throw DomainError.invalid("postingId", "unknown_job") }
            guard posting.status(on: today) == .open else { throw DomainError.invalid("postingId", "job_not_open") }
            guard let employer = posting.employerID else { throw DomainError.invalid("postingId", "employer_not_on_trip") }
            if let model = try await ApplicationModel.query(on: tx).filter(\.$workerID == workerID).filter(\.$postingID == postingID).first() {
                let status = try model.application.status
                if !status.next.contains(.hired) { throw DomainError.invalid("postingId", "application_closed", ["status": status.rawValue]) }
            }
            let after = try before.boarding(TripPassenger(workerID: workerID, postingID: postingID), postingEmployer: employer)
            try await Register.save(after, seq: seq, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "board", entity: "trip", entityID: tripID.uuidString,
                                           regionCode: after.fromCounty, partnerRegionCode: after.destinationCode, before: before, after: after)
            return after
        }
    }

    /// Takes a worker off a planned trip.
    public func alight(_ tripID: UUID, worker workerID: UUID, by principal: Principal) async throws -> DirectTrip {
        try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            guard let before = try await Register<DirectTrip>.find(tripID, on: tx),
                  Permissions.canEditLaborRecord(principal, countyCode: before.fromCounty) else { throw DomainError.notFound("trip") }
            guard before.status == .planned else { throw DomainError.invalid("status", "trip_not_planned") }
            guard before.passengers.contains(where: { $0.workerID == workerID }) else { throw DomainError.invalid("workerId", "not_aboard") }
            var after = before
            after.passengers.removeAll { $0.workerID == workerID }
            try await Register.save(after, seq: seq, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "alight", entity: "trip", entityID: tripID.uuidString,
                                           regionCode: after.fromCounty, before: before, after: after)
            return after
        }
    }

    /// Confirms the arrival (recording each passenger's placement) or cancels a planned trip.
    public func move(_ tripID: UUID, to status: TripStatus, on date: Day? = nil, by principal: Principal,
                     today: Day? = nil) async throws -> DirectTrip {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            guard let before = try await Register<DirectTrip>.find(tripID, on: tx),
                  Permissions.canEditLaborRecord(principal, countyCode: before.fromCounty) else { throw DomainError.notFound("trip") }
            let after = try before.moving(to: status, on: date ?? today, today: today)
            if let arrival = after.arrivedOn {
                for passenger in after.passengers {
                    guard let worker = try await WorkerModel.find(passenger.workerID, on: tx),
                          let posting = try await JobPostingModel.find(passenger.postingID, on: tx)?.posting else { continue }
                    let model = try await ApplicationModel.query(on: tx).filter(\.$workerID == passenger.workerID)
                        .filter(\.$postingID == passenger.postingID).first() ?? ApplicationModel()
                    if model.id == nil {
                        model.apply(JobApplication(id: UUID(), workerID: passenger.workerID, postingID: passenger.postingID, status: .applied,
                                                   appliedOn: before.date), seq: seq)
                    } else if try !model.application.status.next.contains(.hired) {
                        continue
                    }
                    let wage = posting.wageMin > 0 ? posting.wageMin : posting.wageMax
                    _ = try await ApplicationRepository.place(model, worker: worker, posting: posting, start: arrival, wage: wage,
                                                              place: posting.countyCode, note: nil, respondedOn: today,
                                                              seq: seq, on: tx)
                }
            }
            try await Register.save(after, seq: seq, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "status_\(status.rawValue)", entity: "trip", entityID: tripID.uuidString,
                                           regionCode: after.fromCounty, partnerRegionCode: after.destinationCode, before: before, after: after)
            return after
        }
    }

    /// One trip (public: no passenger names).
    public func get(_ id: UUID) async throws -> DirectTrip {
        guard let trip = try await Register<DirectTrip>.find(id, on: database) else { throw DomainError.notFound("trip") }
        return trip
    }

    /// Trips from a region (public), newest first, optionally of one status.
    public func list(region: String?, status: TripStatus? = nil, page: Paging = Paging()) async throws -> Paged<DirectTrip> {
        try await Register<DirectTrip>.page({
            let query = Register<DirectTrip>.query(region: region, on: database)
            if let status { query.filter(\.$status == status.rawValue) }
            return query
        }, paging: page)
    }

    /// The open jobs of the trip's employers, for choosing a passenger's job.
    public func jobs(for trip: DirectTrip, today: Day? = nil) async throws -> [JobPosting] {
        let today = today ?? clock.today
        return try await JobPostingModel.query(on: database).filter(\.$employerID ~~ trip.employerIDs).sort(\.$title).all()
            .map { try $0.posting }.filter { $0.status(on: today) == .open }
    }

    /// A trip's passengers with names and jobs (staff of the departure county).
    public func riders(of tripID: UUID, by principal: Principal) async throws -> [TripRider] {
        let trip = try await get(tripID)
        guard Permissions.canEditLaborRecord(principal, countyCode: trip.fromCounty) else { throw DomainError.notFound("trip") }
        let names = try await WorkerModel.names(of: trip.passengers.map(\.workerID), on: database)
        let postings = try await JobPostingModel.query(on: database).filter(\.$id ~~ trip.passengers.map(\.postingID)).all().map { try $0.posting }
        let jobs = Dictionary(postings.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return trip.passengers.map {
            TripRider(passenger: $0, workerName: names[$0.workerID] ?? "", jobTitle: jobs[$0.postingID]?.title ?? "",
                      employerName: jobs[$0.postingID]?.employerName ?? "")
        }
    }
}
