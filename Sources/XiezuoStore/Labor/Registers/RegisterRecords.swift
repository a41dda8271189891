import Foundation
import XiezuoCore

extension LaborBrand: RegisterRecord {
    typealias Stored = LaborBrandStoredV1
    static let register = RegisterColumns<Self>(table: "labor_brands", county: { $0.countyCode }, day: { String($0.since) },
                                                status: { $0.level.rawValue }, name: { $0.name })
}

extension TrainingProgramme: RegisterRecord {
    typealias Stored = TrainingProgrammeStoredV1
    /// Dated by its end, so "still open" is one comparison.
    static let register = RegisterColumns<Self>(table: "training_programmes", county: { $0.countyCode }, parent: { $0.employerID },
                                                day: { $0.endDate.description }, status: { $0.mode.rawValue }, name: { $0.name })
}

extension TrainingEnrolment: RegisterRecord {
    typealias Stored = TrainingEnrolmentStoredV1
    static let register = RegisterColumns<Self>(table: "training_enrolments", county: { $0.countyCode }, parent: { $0.programmeID },
                                                worker: { $0.workerID }, day: { $0.enrolledOn.description }, status: { $0.stage })
}

extension GigMarket: RegisterRecord {
    typealias Stored = GigMarketStoredV1
    static let register = RegisterColumns<Self>(table: "gig_markets", county: { $0.countyCode }, status: { _ in "open" }, name: { $0.name })
}

extension GigTask: RegisterRecord {
    typealias Stored = GigTaskStoredV1
    static let register = RegisterColumns<Self>(table: "gig_tasks", county: { $0.countyCode }, parent: { $0.marketID },
                                                day: { $0.date.description }, status: { $0.payUnit.rawValue }, name: { $0.title })
}

extension GigSignup: RegisterRecord {
    typealias Stored = GigSignupStoredV1
    static let register = RegisterColumns<Self>(table: "gig_signups", county: { $0.countyCode }, parent: { $0.taskID },
                                                worker: { $0.workerID }, day: { $0.signedUpOn.description }, status: { $0.status.rawValue })
}

extension DirectTrip: RegisterRecord {
    typealias Stored = DirectTripStoredV1
    /// Kept by the county it leaves from; searched by its destination.
    static let register = RegisterColumns<Self>(table: "direct_trips", county: { $0.fromCounty }, day: { $0.date.description },
                                                status: { $0.status.rawValue }, name: { $0.destinationCode })
}

extension AssistanceWorkshop: RegisterRecord {
    typealias Stored = AssistanceWorkshopStoredV1
    static let register = RegisterColumns<Self>(table: "assistance_workshops", county: { $0.countyCode }, day: { $0.opened.description },
                                                status: { $0.generated ? "generated" : "recorded" },
                                                name: { $0.name + " " + $0.village + " " + $0.product })
}
