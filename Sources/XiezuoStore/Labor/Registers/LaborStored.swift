import Foundation
import XiezuoCore

/// How a ``LaborBrand`` is kept in `labor_brands.body`: version 1 of the stored shape (see ``StoredShape``).
struct LaborBrandStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var name: String
    var countyCode: String
    var occupationCode: String
    var level: String
    var since: Int
    var leadingUnits: [LeadingUnitStoredV1]
    var description: String?
    var generated: Bool

    init(_ value: LaborBrand) {
        v = Self.version
        id = value.id
        name = value.name
        countyCode = value.countyCode
        occupationCode = value.occupationCode
        level = value.level.rawValue
        since = value.since
        leadingUnits = value.leadingUnits.map(LeadingUnitStoredV1.init)
        description = value.description
        generated = value.generated
    }

    func value(in row: StoredRow) throws -> LaborBrand {
        try row.check(version: v, reads: Self.version)
        return LaborBrand(id: id, name: name, countyCode: countyCode, occupationCode: occupationCode,
                          level: try row.choice(level, as: BrandLevel.self, column: "body.level"), since: since,
                          leadingUnits: try leadingUnits.map { try $0.value(in: row) }, description: description,
                          generated: generated)
    }
}

/// How a ``TrainingProgramme`` is kept in `training_programmes.body`: version 1 of the stored shape (see
/// ``StoredShape``).
struct TrainingProgrammeStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var name: String
    var mode: String
    var occupationCode: String
    var provider: String
    var countyCode: String
    var employerID: UUID?
    var hireCommitment: Int
    var brandID: UUID?
    var seats: Int
    var startDate: String
    var endDate: String
    var subsidy: Int64
    var pairingID: UUID?
    var description: String?

    init(_ value: TrainingProgramme) {
        v = Self.version
        id = value.id
        name = value.name
        mode = value.mode.rawValue
        occupationCode = value.occupationCode
        provider = value.provider
        countyCode = value.countyCode
        employerID = value.employerID
        hireCommitment = value.hireCommitment
        brandID = value.brandID
        seats = value.seats
        startDate = value.startDate.description
        endDate = value.endDate.description
        subsidy = value.subsidy
        pairingID = value.pairingID
        description = value.description
    }

    func value(in row: StoredRow) throws -> TrainingProgramme {
        try row.check(version: v, reads: Self.version)
        return TrainingProgramme(id: id, name: name,
                                 mode: try row.choice(mode, as: TrainingMode.self, column: "body.mode"),
                                 occupationCode: occupationCode, provider: provider, countyCode: countyCode,
                                 employerID: employerID, hireCommitment: hireCommitment, brandID: brandID,
                                 seats: seats, startDate: try row.day(startDate, column: "body.startDate"),
                                 endDate: try row.day(endDate, column: "body.endDate"), subsidy: subsidy,
                                 pairingID: pairingID, description: description)
    }
}

/// How a ``TrainingEnrolment`` is kept in `training_enrolments.body`: version 1 of the stored shape (see
/// ``StoredShape``).
struct TrainingEnrolmentStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var programmeID: UUID
    var workerID: UUID
    var countyCode: String
    var enrolledOn: String
    var completedOn: String?
    var certifiedOn: String?
    var certificateNumber: String?
    var employedOn: String?
    var droppedOn: String?

    init(_ value: TrainingEnrolment) {
        v = Self.version
        id = value.id
        programmeID = value.programmeID
        workerID = value.workerID
        countyCode = value.countyCode
        enrolledOn = value.enrolledOn.description
        completedOn = value.completedOn?.description
        certifiedOn = value.certifiedOn?.description
        certificateNumber = value.certificateNumber
        employedOn = value.employedOn?.description
        droppedOn = value.droppedOn?.description
    }

    func value(in row: StoredRow) throws -> TrainingEnrolment {
        try row.check(version: v, reads: Self.version)
        return TrainingEnrolment(id: id, programmeID: programmeID, workerID: workerID, countyCode: countyCode,
                                 enrolledOn: try row.day(enrolledOn, column: "body.enrolledOn"),
                                 completedOn: try row.day(completedOn, column: "body.completedOn"),
                                 certifiedOn: try row.day(certifiedOn, column: "body.certifiedOn"),
                                 certificateNumber: certificateNumber,
                                 employedOn: try row.day(employedOn, column: "body.employedOn"),
                                 droppedOn: try row.day(droppedOn, column: "body.droppedOn"))
    }
}

/// How a ``GigMarket`` is kept in `gig_markets.body`: version 1 of the stored shape (see ``StoredShape``).
struct GigMarketStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var name: String
    var countyCode: String
    var address: String
    var hours: String
    var services: [String]
    var phone: String?

    init(_ value: GigMarket) {
        v = Self.version
        id = value.id
        name = value.name
        countyCode = value.countyCode
        address = value.address
        hours = value.hours
        services = value.services.map(\.rawValue)
        phone = value.phone
    }

    func value(in row: StoredRow) throws -> GigMarket {
        try row.check(version: v, reads: Self.version)
        return GigMarket(id: id, name: name, countyCode: countyCode, address: address, hours: hours,
                         services: try services.map { try row.choice($0, as: GigService.self, column: "body.services") },
                         phone: phone)
    }
}

/// How a ``GigTask`` is kept in `gig_tasks.body`: version 1 of the stored shape (see ``StoredShape``).
struct GigTaskStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var marketID: UUID
    var countyCode: String
    var title: String
    var date: String
    var place: String
    var pay: Int64
    var payUnit: String
    var headcount: Int
    var description: String?

    init(_ value: GigTask) {
        v = Self.version
        id = value.id
        marketID = value.marketID
        countyCode = value.countyCode
        title = value.title
        date = value.date.description
        place = value.place
        pay = value.pay
        payUnit = value.payUnit.rawValue
        headcount = value.headcount
        description = value.description
    }

    func value(in row: StoredRow) throws -> GigTask {
        try row.check(version: v, reads: Self.version)
        return GigTask(id: id, marketID: marketID, countyCode: countyCode, title: title,
                       date: try row.day(date, column: "body.date"), place: place, pay: pay,
                       payUnit: try row.choice(payUnit, as: GigPayUnit.self, column: "body.payUnit"),
                       headcount: headcount, description: description)
    }
}

/// How a ``GigSignup`` is kept in `gig_signups.body`: version 1 of the stored shape (see ``StoredShape``).
struct GigSignupStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var taskID: UUID
    var workerID: UUID
    var countyCode: String
    var status: String
    var signedUpOn: String
    var completedOn: String?
    var paid: Int64?

    init(_ value: GigSignup) {
        v = Self.version
        id = value.id
        taskID = value.taskID
        workerID = value.workerID
        countyCode = value.countyCode
        status = value.status.rawValue
        signedUpOn = value.signedUpOn.description
        completedOn = value.completedOn?.description
        paid = value.paid
    }

    func value(in row: StoredRow) throws -> GigSignup {
        try row.check(version: v, reads: Self.version)
        return GigSignup(id: id, taskID: taskID, workerID: workerID, countyCode: countyCode,
                         status: try row.choice(status, as: GigSignupStatus.self, column: "body.status"),
                         signedUpOn: try row.day(signedUpOn, column: "body.signedUpOn"),
                         completedOn: try row.day(completedOn, column: "body.completedOn"), paid: paid)
    }
}

/// How a ``DirectTrip`` is kept in `direct_trips.body`: version 1 of the stored shape (see ``StoredShape``).
struct DirectTripStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var date: String
    var fromCounty: String
    var destinationCode: String
    var employerIDs: [UUID]
    var seats: Int
    var passengers: [TripPassengerStoredV1]
    var status: String
    var arrivedOn: String?
    var pairingID: UUID?
    var note: String?

    init(_ value: DirectTrip) {
        v = Self.version
        id = value.id
        date = value.date.description
        fromCounty = value.fromCounty
        destinationCode = value.destinationCode
        employerIDs = value.employerIDs
        seats = value.seats
        passengers = value.passengers.map(TripPassengerStoredV1.init)
        status = value.status.rawValue
        arrivedOn = value.arrivedOn?.description
        pairingID = value.pairingID
        note = value.note
    }

    func value(in row: StoredRow) throws -> DirectTrip {
        try row.check(version: v, reads: Self.version)
        return DirectTrip(id: id, date: try row.day(date, column: "body.date"), fromCounty: fromCounty,
                          destinationCode: destinationCode, employerIDs: employerIDs, seats: seats,
                          passengers: try passengers.map { try $0.value(in: row) },
                          status: try row.choice(status, as: TripStatus.self, column: "body.status"),
                          arrivedOn: try row.day(arrivedOn, column: "body.arrivedOn"), pairingID: pairingID,
                          note: note)
    }
}

/// How an ``AssistanceWorkshop`` is kept in `assistance_workshops.body`: version 1 of the stored shape (see
/// ``StoredShape``).
struct AssistanceWorkshopStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var name: String
    var countyCode: String
    var village: String
    var owner: String
    var product: String
    var opened: String
    var workers: Int
    var workersPovertyLifted: Int
    var partner: String?
    var generated: Bool

    init(_ value: AssistanceWorkshop) {
        v = Self.version
        id = value.id
        name = value.name
        countyCode = value.countyCode
        village = value.village
        owner = value.owner
        product = value.product
        opened = value.opened.description
        workers = value.workers
        workersPovertyLifted = value.workersPovertyLifted
        partner = value.partner
        generated = value.generated
    }

    func value(in row: StoredRow) throws -> AssistanceWorkshop {
        try row.check(version: v, reads: Self.version)
        return AssistanceWorkshop(id: id, name: name, countyCode: countyCode, village: village, owner: owner,
                                  product: product, opened: try row.day(opened, column: "body.opened"),
                                  workers: workers, workersPovertyLifted: workersPovertyLifted, partner: partner,
                                  generated: generated)
    }
}

/// A ``LeadingUnit`` inside a stored record.
struct LeadingUnitStoredV1: Codable, Sendable, Equatable {
    var name: String
    var kind: String

    init(_ value: LeadingUnit) {
        name = value.name
        kind = value.kind.rawValue
    }

    func value(in row: StoredRow) throws -> LeadingUnit {
        LeadingUnit(name: name, kind: try row.choice(kind, as: LeadingUnitKind.self, column: "body.kind"))
    }
}

/// A ``TripPassenger`` inside a stored record.
struct TripPassengerStoredV1: Codable, Sendable, Equatable {
    var workerID: UUID
    var postingID: UUID

    init(_ value: TripPassenger) {
        workerID = value.workerID
        postingID = value.postingID
    }

    func value(in row: StoredRow) throws -> TripPassenger {
        TripPassenger(workerID: workerID, postingID: postingID)
    }
}

