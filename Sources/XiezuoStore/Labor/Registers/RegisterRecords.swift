import Foundation
import XiezuoCore

extension LaborBrand: RegisterRecord {
    typealias Stored = LaborBrandStoredV1
    static var table: String { "labor_brands" }
    var registerCounty: String { countyCode }
    var registerParent: UUID? { nil }
    var registerWorker: UUID? { nil }
    var registerDay: String? { String(since) }
    var registerStatus: String { level.rawValue }
    var registerName: String { name }
}

extension TrainingProgramme: RegisterRecord {
    typealias Stored = TrainingProgrammeStoredV1
    static var table: String { "training_programmes" }
    var registerCounty: String { countyCode }
    var registerParent: UUID? { employerID }
    var registerWorker: UUID? { nil }
    /// The end, so "still open" is one comparison.
    var registerDay: String? { endDate.description }
    var registerStatus: String { mode.rawValue }
    var registerName: String { name }
}

extension TrainingEnrolment: RegisterRecord {
    typealias Stored = TrainingEnrolmentStoredV1
    static var table: String { "training_enrolments" }
    var registerCounty: String { countyCode }
    var registerParent: UUID? { programmeID }
    var registerWorker: UUID? { workerID }
    var registerDay: String? { enrolledOn.description }
    var registerStatus: String { stage }
    var registerName: String { "" }
}

extension GigMarket: RegisterRecord {
    typealias Stored = GigMarketStoredV1
    static var table: String { "gig_markets" }
    var registerCounty: String { countyCode }
    var registerParent: UUID? { nil }
    var registerWorker: UUID? { nil }
    var registerDay: String? { nil }
    var registerStatus: String { "open" }
    var registerName: String { name }
}

extension GigTask: RegisterRecord {
    typealias Stored = GigTaskStoredV1
    static var table: String { "gig_tasks" }
    var registerCounty: String { countyCode }
    var registerParent: UUID? { marketID }
    var registerWorker: UUID? { nil }
    var registerDay: String? { date.description }
    var registerStatus: String { payUnit.rawValue }
    var registerName: String { title }
}

extension GigSignup: RegisterRecord {
    typealias Stored = GigSignupStoredV1
    static var table: String { "gig_signups" }
    var registerCounty: String { countyCode }
    var registerParent: UUID? { taskID }
    var registerWorker: UUID? { workerID }
    var registerDay: String? { signedUpOn.description }
    var registerStatus: String { status.rawValue }
    var registerName: String { "" }
}

extension DirectTrip: RegisterRecord {
    typealias Stored = DirectTripStoredV1
    static var table: String { "direct_trips" }
    var registerCounty: String { fromCounty }
    var registerParent: UUID? { nil }
    var registerWorker: UUID? { nil }
    var registerDay: String? { date.description }
    var registerStatus: String { status.rawValue }
    var registerName: String { destinationCode }
}

extension AssistanceWorkshop: RegisterRecord {
    typealias Stored = AssistanceWorkshopStoredV1
    static var table: String { "assistance_workshops" }
    var registerCounty: String { countyCode }
    var registerParent: UUID? { nil }
    var registerWorker: UUID? { nil }
    var registerDay: String? { opened.description }
    var registerStatus: String { generated ? "generated" : "recorded" }
    var registerName: String { name + " " + village + " " + product }
}
