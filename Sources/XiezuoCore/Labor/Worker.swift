import Foundation

/// Poverty status as the registers record it.
public enum PovertyStatus: String, Sendable, Codable, CaseIterable {
    /// 脱贫户: a household lifted out of poverty.
    case povertyLifted = "poverty_lifted"
    /// 监测对象: a household monitored against falling back.
    case monitored
    case other

    /// True for the workers the "of whom poverty-lifted" indicators count (脱贫户 and 监测对象).
    public var countsAsPovertyLifted: Bool { self != .other }
}

/// Where a worker stands in work.
public enum EmploymentStatus: String, Sendable, Codable, CaseIterable {
    case unemployed
    case employedLocally = "employed_locally"
    case employedInJiangsu = "employed_in_jiangsu"
    case employedElsewhere = "employed_elsewhere"
    case selfEmployed = "self_employed"
}

/// One entry of a worker's employment history.
public struct EmploymentRecord: Sendable, Codable, Hashable {
    public var status: EmploymentStatus
    public var since: Day
    /// What caused it (e.g. the placement), free text.
    public var note: String?

    public init(status: EmploymentStatus, since: Day, note: String? = nil) {
        self.status = status
        self.since = since
        self.note = note
    }
}

/// A person seeking work (脱贫劳动力 and others). The ID-card and phone numbers are masked unless revealed.
public struct Worker: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var name: String
    /// The ID-card number, masked (`6110**********123X`) unless `revealed`.
    public var idNumber: String
    /// The phone, masked unless `revealed`.
    public var phone: String
    public var revealed: Bool
    public var gender: Gender
    public var birthDate: Day
    /// Home township (or county) code; the worker belongs to its county's jurisdiction.
    public var homeCode: String
    public var povertyStatus: PovertyStatus
    public var education: Education
    public var skills: [String]
    /// Occupation codes of the classification, any level.
    public var wishedOccupations: [String]
    /// Region codes the worker would work in.
    public var preferredPlaces: [String]
    /// Also the Jiangsu cities paired with the home county.
    public var pairedCities: Bool
    /// Lowest acceptable wage, fen per month (0: none given).
    public var minWage: Int64
    /// Labour-brand certificates held (brand names).
    public var certificates: [String]
    /// Employment history, oldest first; the last entry is the current status.
    public var employment: [EmploymentRecord]
    /// When and to which notice the worker consented to the processing of their personal data.
    public var consentAt: Date
    public var consentVersion: String
    /// The worker's own account, when they registered themselves or an account was linked.
    public var accountID: UUID?

    public init(id: UUID, name: String, idNumber: String, phone: String, revealed: Bool, gender: Gender, birthDate: Day, homeCode: String,
                povertyStatus: PovertyStatus, education: Education, skills: [String], wishedOccupations: [String],
                preferredPlaces: [String], pairedCities: Bool, minWage: Int64, certificates: [String], employment: [EmploymentRecord],
                consentAt: Date, consentVersion: String, accountID: UUID?) {
        self.id = id
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.revealed = revealed
        self.gender = gender
        self.birthDate = birthDate
        self.homeCode = homeCode
        self.povertyStatus = povertyStatus
        self.education = education
        self.skills = skills
        self.wishedOccupations = wishedOccupations
        self.preferredPlaces = preferredPlaces
        self.pairedCities = pairedCities
        self.minWage = minWage
        self.certificates = certificates
        self.employment = employment
        self.consentAt = consentAt
        self.consentVersion = consentVersion
        self.accountID = accountID
    }

    /// The county of the home code (its first six digits).
    public var homeCounty: String { String(homeCode.prefix(6)) }

    /// The current employment status.
    public var status: EmploymentStatus { employment.last?.status ?? .unemployed }
}

/// The version of the personal-data notice workers consent to; shown on the registration form.
public enum ConsentNotice {
    public static let version = "2026-11"
}

/// What someone submits to register or edit a worker.
public struct WorkerDraft: Sendable, Codable, Equatable {
    public var name: String?
    public var idNumber: String?
    public var phone: String?
    /// Optional: when given, must agree with the ID number.
    public var gender: String?
    public var birthDate: String?
    public var homeCode: String?
    public var povertyStatus: String?
    public var education: String?
    public var skills: [String]?
    public var wishedOccupations: [String]?
    public var preferredPlaces: [String]?
    public var pairedCities: Bool?
    public var minWage: Int64?
    public var certificates: [String]?
    /// The worker agrees to the processing of their personal data under ``ConsentNotice/version``.
    public var consent: Bool?
    /// The worker's separate consent to the processing of their sensitive personal data (the ID number and the
    /// poverty-alleviation status), which PIPL art. 29 asks for apart from the general one.
    public var sensitiveConsent: Bool?

    public init(name: String? = nil, idNumber: String? = nil, phone: String? = nil, gender: String? = nil, birthDate: String? = nil,
                homeCode: String? = nil, povertyStatus: String? = nil, education: String? = nil, skills: [String]? = nil,
                wishedOccupations: [String]? = nil, preferredPlaces: [String]? = nil, pairedCities: Bool? = nil, minWage: Int64? = nil,
                certificates: [String]? = nil, consent: Bool? = nil, sensitiveConsent: Bool? = nil) {
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.gender = gender
        self.birthDate = birthDate
        self.homeCode = homeCode
        self.povertyStatus = povertyStatus
        self.education = education
        self.skills = skills
        self.wishedOccupations = wishedOccupations
        self.preferredPlaces = preferredPlaces
        self.pairedCities = pairedCities
        self.minWage = minWage
        self.certificates = certificates
        self.consent = consent
        self.sensitiveConsent = sensitiveConsent
    }

    /// The checked fields; the ID and phone numbers in full (the store seals them).
    public struct Checked: Sendable, Equatable {
        public var name: String
        public var idNumber: IDCardNumber
        public var phone: String
        public var homeCode: String
        public var povertyStatus: PovertyStatus
        public var education: Education
        public var skills: [String]
        public var wishedOccupations: [String]
        public var preferredPlaces: [String]
        public var pairedCities: Bool
        public var minWage: Int64
        public var certificates: [String]
    }

    /// Checks every field. `requireConsent` is true when registering (an edit keeps the consent on record). Throws
    /// the first problem; ``problems(in:today:requireConsent:)`` lists them all.
    public func validated(in regions: RegionDirectory, today: Day, requireConsent: Bool) throws(DomainError) -> Checked {
        var problems: [DomainError] = []
        if let checked = check(in: regions, today: today, requireConsent: requireConsent, problems: &problems) { return checked }
        throw problems[0]
    }

    /// Every field's problem at once (one per field), for a form that shows them all beside their fields.
    public func problems(in regions: RegionDirectory, today: Day, requireConsent: Bool) -> [DomainError] {
        var problems: [DomainError] = []
        _ = check(in: regions, today: today, requireConsent: requireConsent, problems: &problems)
        return problems
    }

    private func check(in regions: RegionDirectory, today: Day, requireConsent: Bool, problems: inout [DomainError]) -> Checked? {
        func attempt<T>(_ body: () throws(DomainError) -> T) -> T? {
            do { return try body() } catch { problems.append(error); return nil }
        }
        let name = attempt { () throws(DomainError) in try Validate.required(self.name, field: "name", max: 40) }
        let id = attempt { () throws(DomainError) -> IDCardNumber in
            let id = try IDCardNumber(idNumber, today: today)
            if let text = try Validate.text(gender, field: "gender", max: 10, required: false) {
                guard let given = Gender(rawValue: text) else { throw .invalid("gender", "unknown_choice", ["value": text]) }
                guard given == id.gender else { throw .invalid("gender", "id_gender_mismatch") }
            }
            if let given = try Validate.day(birthDate, field: "birthDate"), given != id.birthDate {
                throw .invalid("birthDate", "id_birth_mismatch")
            }
            return id
        }
        let phone = attempt { () throws(DomainError) in try PhoneNumber.validated(self.phone, field: "phone", required: true)! }
        let home = attempt { () throws(DomainError) -> String in
            let home = try Validate.required(homeCode, field: "homeCode", max: 9)
            guard let region = regions[home] else { throw .invalid("homeCode", "unknown_region", ["code": home]) }
            guard region.level == .county || region.level == .township else { throw .invalid("homeCode", "not_county_or_township") }
            return home
        }
        let poverty = attempt { () throws(DomainError) -> PovertyStatus in
            let text = try Validate.text(povertyStatus, field: "povertyStatus", max: 20, required: false) ?? "other"
            guard let poverty = PovertyStatus(rawValue: text) else { throw .invalid("povertyStatus", "unknown_choice", ["value": text]) }
            return poverty
        }
        let education = attempt { () throws(DomainError) -> Education in
            let text = try Validate.text(self.education, field: "education", max: 20, required: false) ?? "none"
            guard let education = Education(rawValue: text) else { throw .invalid("education", "unknown_choice", ["value": text]) }
            return education
        }
        let occupations = attempt { () throws(DomainError) -> [String] in
            var occupations: [String] = []
            for code in (wishedOccupations ?? []).map({ $0.trimmingCharacters(in: .whitespaces) }).filter({ !$0.isEmpty }) where !occupations.contains(code) {
                guard OccupationCatalogue.isWellFormed(code) else { throw .invalid("wishedOccupations", "occupation_format") }
                occupations.append(code)
            }
            guard occupations.count <= 10 else { throw .invalid("wishedOccupations", "too_many", ["max": "10"]) }
            return occupations
        }
        let places = attempt { () throws(DomainError) -> [String] in
            var places: [String] = []
            for code in (preferredPlaces ?? []).map({ $0.trimmingCharacters(in: .whitespaces) }).filter({ !$0.isEmpty }) where !places.contains(code) {
                guard regions[code] != nil else { throw .invalid("preferredPlaces", "unknown_region", ["code": code]) }
                places.append(code)
            }
            guard places.count <= 20 else { throw .invalid("preferredPlaces", "too_many", ["max": "20"]) }
            return places
        }
        let skills = attempt { () throws(DomainError) in try Validate.items(self.skills, field: "skills", maxCount: 20, maxLength: 40) }
        let minWage = attempt { () throws(DomainError) in try Validate.fen(self.minWage, field: "minWage", required: false) ?? 0 }
        let certificates = attempt { () throws(DomainError) in try Validate.items(self.certificates, field: "certificates", maxCount: 10, maxLength: 60) }
        if requireConsent, consent != true { problems.append(.invalid("consent", "consent_required")) }
        if requireConsent, sensitiveConsent != true { problems.append(.invalid("sensitiveConsent", "sensitive_consent_required")) }
        guard problems.isEmpty, let name, let id, let phone, let home, let poverty, let education, let occupations, let places,
              let skills, let minWage, let certificates else { return nil }
        return Checked(name: name, idNumber: id, phone: phone, homeCode: home, povertyStatus: poverty, education: education,
                       skills: skills, wishedOccupations: occupations, preferredPlaces: places,
                       pairedCities: pairedCities ?? true, minWage: minWage, certificates: certificates)
    }
}
