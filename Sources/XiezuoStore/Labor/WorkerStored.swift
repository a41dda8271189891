import Foundation
import XiezuoCore

/// How the parts of a ``Worker`` that are no column of their own are kept in `workers.body`: version 1, with the
/// contract of ``StoredShape`` (it is not one, since the worker is read with its columns: `WorkerModel.masked()`).
/// The consent time is ISO-8601 with milliseconds (before M0053, seconds since 2001).
struct WorkerStoredV1: Codable, Sendable, Equatable {
    static let version = 1

    var v: Int
    var education: String
    var skills: [String]
    var wishedOccupations: [String]
    var preferredPlaces: [String]
    var pairedCities: Bool
    var minWage: Int64
    var certificates: [String]
    var employment: [EmploymentRecordStoredV1]
    var consentAt: String
    var consentVersion: String

    init(_ worker: Worker) {
        v = Self.version
        education = worker.education.rawValue
        skills = worker.skills
        wishedOccupations = worker.wishedOccupations
        preferredPlaces = worker.preferredPlaces
        pairedCities = worker.pairedCities
        minWage = worker.minWage
        certificates = worker.certificates
        employment = worker.employment.map(EmploymentRecordStoredV1.init)
        consentAt = StoredTime.text(worker.consentAt)
        consentVersion = worker.consentVersion
    }
}

/// An ``EmploymentRecord`` inside a stored worker.
struct EmploymentRecordStoredV1: Codable, Sendable, Equatable {
    var status: String
    var since: String
    var note: String?

    init(_ value: EmploymentRecord) {
        status = value.status.rawValue
        since = value.since.description
        note = value.note
    }

    func value(in row: StoredRow) throws -> EmploymentRecord {
        EmploymentRecord(status: try row.choice(status, as: EmploymentStatus.self, column: "body.employment.status"),
                         since: try row.day(since, column: "body.employment.since"), note: note)
    }
}
