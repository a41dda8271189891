import Foundation

/// What the posting's side (its employer, the staff covering its county) sees of a worker, by what gives it access:
///
/// - `candidate`: a seeking worker who fits the posting but has not applied. Pseudonymous: age, home county,
///   education, occupations, skills and certificates, and an opaque `candidate` token to invite them with. No name,
///   no ID or phone number, no gender, no birth date, no poverty status.
/// - `applicant`: the worker applied to the posting (their consent): also the name, gender, poverty status and the
///   masked phone. Still no ID number and no birth date, so that nothing the posting's side receives narrows a worker
///   down to fewer than 10,000 possible ID numbers (docs/security.md counts them).
/// - `covering`: staff whose jurisdiction covers the worker, who may read the full numbers anyway (audited): the
///   whole masked profile as the registry shows it.
public struct WorkerCard: Sendable, Codable, Hashable {
    public enum Access: String, Sendable, Codable, CaseIterable {
        case candidate, applicant, covering
    }

    public var access: Access
    /// Identifies the worker to this posting's side only (sealed; changes with every answer); invitations carry it.
    public var candidate: String
    public var workerID: UUID?
    public var name: String?
    public var idNumber: String?
    public var phone: String?
    public var gender: Gender?
    public var birthDate: Day?
    /// Whole years on the day of the answer.
    public var age: Int
    /// The home county (six digits); the township only to covering staff (`homeCode`).
    public var countyCode: String
    public var homeCode: String?
    public var education: Education
    public var povertyStatus: PovertyStatus?
    public var occupations: [String]
    public var skills: [String]
    public var certificates: [String]

    /// The card of `worker` for `access`, dated `today`.
    public init(_ worker: Worker, access: Access, candidate: String, today: Day) {
        self.access = access
        self.candidate = candidate
        age = worker.age(on: today)
        countyCode = worker.homeCounty
        education = worker.education
        occupations = worker.wishedOccupations
        skills = worker.skills
        certificates = worker.certificates
        if access != .candidate {
            name = worker.name
            phone = worker.phone
            gender = worker.gender
            povertyStatus = worker.povertyStatus
        }
        if access == .covering {
            workerID = worker.id
            idNumber = worker.idNumber
            birthDate = worker.birthDate
            homeCode = worker.homeCode
        }
    }
}

extension Worker {
    /// Whole years of age on `day`.
    public func age(on day: Day) -> Int {
        var years = day.year - birthDate.year
        if (day.month, day.day) < (birthDate.month, birthDate.day) { years -= 1 }
        return max(0, years)
    }

    /// The worker as the audit log keeps it: the ID number reduced to its first four characters, the birth date to
    /// the year, and the phone masked, so an audit entry read by anyone who may read it narrows nobody down.
    public var auditView: AuditView { AuditView(self) }

    /// See ``auditView``.
    public struct AuditView: Sendable, Codable, Hashable {
        public var id: UUID
        public var name: String
        public var idNumber: String
        public var phone: String
        public var gender: Gender
        public var birthYear: Int
        public var homeCode: String
        public var povertyStatus: PovertyStatus
        public var education: Education
        public var skills: [String]
        public var wishedOccupations: [String]
        public var preferredPlaces: [String]
        public var pairedCities: Bool
        public var minWage: Int64
        public var certificates: [String]
        public var employment: [EmploymentRecord]
        public var consentVersion: String

        init(_ worker: Worker) {
            id = worker.id
            name = worker.name
            idNumber = String(worker.idNumber.prefix(4)) + String(repeating: "*", count: max(0, worker.idNumber.count - 4))
            phone = PhoneNumber.masked(worker.phone)
            gender = worker.gender
            birthYear = worker.birthDate.year
            homeCode = worker.homeCode
            povertyStatus = worker.povertyStatus
            education = worker.education
            skills = worker.skills
            wishedOccupations = worker.wishedOccupations
            preferredPlaces = worker.preferredPlaces
            pairedCities = worker.pairedCities
            minWage = worker.minWage
            certificates = worker.certificates
            employment = worker.employment
            consentVersion = worker.consentVersion
        }
    }
}
