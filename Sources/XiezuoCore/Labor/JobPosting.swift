import Foundation

/// A job posting, local or received from a partner platform.
public struct JobPosting: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    /// The local employer, nil for postings received from a partner platform.
    public var employerID: UUID?
    public var employerName: String
    public var employerCreditCode: String
    public var title: String
    /// National occupational classification code, e.g. `4-03-02-01`.
    public var occupationCode: String
    public var description: String
    /// Where the work is: a county code in Jiangsu or Shaanxi.
    public var countyCode: String
    /// Monthly wage range in fen.
    public var wageMin: Int64
    public var wageMax: Int64
    public var wageType: WageType
    public var headcount: Int
    public var education: Education
    public var ageMin: Int?
    public var ageMax: Int?
    public var benefits: [Benefit]
    /// The last day applications are taken; the posting expires after it.
    public var validThrough: Day
    public var status: JobStatus
    /// Which platform the posting was created on, its id there and its version there; only the origin changes it.
    public var origin: JobOrigin
    public var postedAt: Date
    public var updatedAt: Date?
    /// Whom to ask about the job (联系人), if the poster named someone. Shown to signed-in workers and the posting's
    /// editors only (``Permissions/canSeeContact(_:of:)``), never sent to partner platforms.
    public var contactPerson: String?

    /// Creates a posting value.
    public init(id: UUID, employerID: UUID?, employerName: String, employerCreditCode: String, title: String,
                occupationCode: String, description: String, countyCode: String, wageMin: Int64, wageMax: Int64,
                wageType: WageType, headcount: Int, education: Education, ageMin: Int?, ageMax: Int?, benefits: [Benefit],
                validThrough: Day, status: JobStatus, origin: JobOrigin, postedAt: Date, updatedAt: Date? = nil,
                contactPerson: String? = nil) {
        self.id = id
        self.employerID = employerID
        self.employerName = employerName
        self.employerCreditCode = employerCreditCode
        self.title = title
        self.occupationCode = occupationCode
        self.description = description
        self.countyCode = countyCode
        self.wageMin = wageMin
        self.wageMax = wageMax
        self.wageType = wageType
        self.headcount = headcount
        self.education = education
        self.ageMin = ageMin
        self.ageMax = ageMax
        self.benefits = benefits
        self.validThrough = validThrough
        self.status = status
        self.origin = origin
        self.postedAt = postedAt
        self.updatedAt = updatedAt
        self.contactPerson = contactPerson
    }

    /// The key under which the same job posted on several platforms is recognised as one.
    public var duplicateKey: String {
        JobText.duplicateKey(creditCode: employerCreditCode, title: title, countyCode: countyCode,
                             wageMin: wageMin, wageMax: wageMax)
    }

    /// The status a reader sees on `today`: an open posting past its last day is expired even before the sweep.
    public func status(on today: Day) -> JobStatus {
        status == .open && validThrough < today ? .expired : status
    }
}

/// Where a posting was created and which of its versions this copy is.
public struct JobOrigin: Sendable, Codable, Hashable {
    /// The platform's id, e.g. `shaanxi` or `jiangsu`.
    public var platform: String
    /// The posting's id on that platform.
    public var id: String
    /// The origin's change sequence when this version was written; a copy only ever moves forward.
    public var version: Int64

    /// Creates an origin.
    public init(platform: String, id: String, version: Int64) {
        self.platform = platform
        self.id = id
        self.version = version
    }
}

/// The life of a posting. Expiry is automatic once `validThrough` has passed.
public enum JobStatus: String, Sendable, Codable, CaseIterable {
    case open, filled, withdrawn, expired

    /// Withdrawn and expired postings travel to partners as tombstones.
    public var isRemoval: Bool { self == .withdrawn || self == .expired }

    /// Checks a change of status asked for by a person (expiry is the system's).
    public func checkMove(to next: JobStatus) throws(DomainError) {
        let allowed: Bool = switch (self, next) {
        case (.open, .filled), (.open, .withdrawn), (.filled, .open), (.filled, .withdrawn), (.expired, .withdrawn): true
        default: false
        }
        guard allowed else { throw .invalid("status", "illegal_status_change", ["from": rawValue, "to": next.rawValue]) }
    }
}

/// How the wage is paid; the range is always the monthly equivalent.
public enum WageType: String, Sendable, Codable, CaseIterable {
    /// A fixed monthly wage (固定月薪).
    case fixed
    /// Piece rate (计件).
    case piece
    /// Base pay plus commission (底薪加提成).
    case commission
    /// Hourly pay (小时工).
    case hourly
}

/// The lowest schooling a posting asks for.
public enum Education: String, Sendable, Codable, CaseIterable, Comparable {
    case none, primary, juniorHigh = "junior_high", seniorHigh = "senior_high", vocational, associate, bachelor

    public static func < (lhs: Education, rhs: Education) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What the employer provides besides the wage.
public enum Benefit: String, Sendable, Codable, CaseIterable {
    /// Meals provided (包吃).
    case board
    /// Dormitory provided (包住).
    case lodging
    /// The five social insurances (五险).
    case socialInsurance = "social_insurance"
    /// Housing provident fund (公积金).
    case housingFund = "housing_fund"
    /// Travel to the job paid (路费报销).
    case travelPaid = "travel_paid"
    /// Paid training before starting (岗前培训).
    case training
}
