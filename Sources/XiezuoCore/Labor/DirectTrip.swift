import Foundation

/// Where a direct-transport trip stands.
public enum TripStatus: String, Sendable, Codable, CaseIterable {
    case planned, arrived, cancelled
}

/// A worker aboard a trip and the job they travel to.
public struct TripPassenger: Sendable, Codable, Hashable {
    public var workerID: UUID
    public var postingID: UUID

    public init(workerID: UUID, postingID: UUID) {
        self.workerID = workerID
        self.postingID = postingID
    }
}

/// A direct-transport trip (苏陕协作就业直通车): a bus or train that takes a county's workers to Jiangsu employers.
/// Confirming the arrival records each passenger's placement.
public struct DirectTrip: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var date: Day
    public var fromCounty: String
    /// The Jiangsu city (or district) the trip goes to.
    public var destinationCode: String
    public var employerIDs: [UUID]
    public var seats: Int
    public var passengers: [TripPassenger]
    public var status: TripStatus
    public var arrivedOn: Day?
    /// The pairing of the county with the destination, when they are paired.
    public var pairingID: UUID?
    public var note: String?

    public init(id: UUID, date: Day, fromCounty: String, destinationCode: String, employerIDs: [UUID], seats: Int,
                passengers: [TripPassenger] = [], status: TripStatus = .planned, arrivedOn: Day? = nil, pairingID: UUID? = nil,
                note: String? = nil) {
        self.id = id
        self.date = date
        self.fromCounty = fromCounty
        self.destinationCode = destinationCode
        self.employerIDs = employerIDs
        self.seats = seats
        self.passengers = passengers
        self.status = status
        self.arrivedOn = arrivedOn
        self.pairingID = pairingID
        self.note = note
    }

    /// Adds a passenger, refusing a trip that is not planned, a full bus, a worker already aboard, or a job with an
    /// employer the trip does not go to.
    public func boarding(_ passenger: TripPassenger, postingEmployer: UUID) throws(DomainError) -> DirectTrip {
        guard status == .planned else { throw .invalid("status", "trip_not_planned") }
        guard passengers.count < seats else { throw DomainError(.conflict, code: "trip_full") }
        guard !passengers.contains(where: { $0.workerID == passenger.workerID }) else { throw DomainError(.conflict, code: "already_aboard") }
        guard employerIDs.contains(postingEmployer) else { throw .invalid("postingId", "employer_not_on_trip") }
        var next = self
        next.passengers.append(passenger)
        return next
    }

    /// Confirms the arrival on `day` (not before the departure, not in the future) or cancels a planned trip.
    public func moving(to target: TripStatus, on day: Day, today: Day) throws(DomainError) -> DirectTrip {
        guard status == .planned, target != .planned else {
            throw .invalid("status", "illegal_trip_move", ["from": status.rawValue, "to": target.rawValue])
        }
        var next = self
        next.status = target
        if target == .arrived {
            guard !passengers.isEmpty else { throw .invalid("status", "trip_has_no_passengers") }
            guard day >= date else { throw .invalid("date", "before_departure") }
            guard day <= today else { throw .invalid("date", "in_future") }
            next.arrivedOn = day
        }
        return next
    }
}

/// What someone submits to plan or edit a trip.
public struct DirectTripDraft: Sendable, Codable, Equatable {
    public var date: String?
    public var fromCounty: String?
    public var destinationCode: String?
    public var employerIds: [UUID]?
    public var seats: Int?
    public var note: String?

    public init(date: String? = nil, fromCounty: String? = nil, destinationCode: String? = nil, employerIds: [UUID]? = nil, seats: Int? = nil,
                note: String? = nil) {
        self.date = date
        self.fromCounty = fromCounty
        self.destinationCode = destinationCode
        self.employerIds = employerIds
        self.seats = seats
        self.note = note
    }

    /// Checks every field; `employerRegions` maps the known employers to their region codes, each of which must lie in
    /// the destination's city.
    public func validated(in regions: RegionDirectory, id: UUID, employerRegions: [UUID: String]) throws(DomainError) -> DirectTrip {
        let date = try IndustryValidate.day(date, field: "date", required: true, notAfter: nil)!
        let from = try Validate.shaanxiCounty(fromCounty, field: "fromCounty", in: regions)
        let destination = try Validate.jiangsuRegion(destinationCode, field: "destinationCode", in: regions)
        var employers: [UUID] = []
        for employer in employerIds ?? [] where !employers.contains(employer) {
            guard let region = employerRegions[employer] else { throw .invalid("employerIds", "unknown_employer") }
            guard region.prefix(4) == destination.prefix(4) else {
                throw .invalid("employerIds", "employer_not_in_destination")
            }
            employers.append(employer)
        }
        guard !employers.isEmpty else { throw .invalid("employerIds", "required") }
        let seats = try Validate.count(seats, field: "seats")
        guard seats > 0 else { throw .invalid("seats", "must_be_positive") }
        guard seats <= 2_000 else { throw .invalid("seats", "amount_too_large") }
        return DirectTrip(id: id, date: date, fromCounty: from, destinationCode: destination, employerIDs: employers, seats: seats,
                          note: try Validate.text(note, field: "note", max: 500, required: false))
    }
}
