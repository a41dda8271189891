import FluentKit
import XiezuoCore

/// The columns of `job_postings`, declared once. The insert list (every case, in this order), the select list
/// (``read``), the upsert's replaced columns, the model's field keys and the row reader's positions all come from
/// here. The places that write a whole row (`ReceivedRow.values`, `DemoJobs`) switch over these cases, so the compiler
/// names them for a new column; reading it (`JobPostingModel`, `JobPostingRow.decode`) is added by hand
/// (docs/contributing.md#a-posting-field).
///
/// The raw value is the column's place in the insert list; a new column goes at the end.
enum JobPostingColumn: Int, CaseIterable, Sendable {
    case id, employerID, employerName, employerCreditCode, title, occupationCode, description, countyCode, wageMin, wageMax,
         wageType, headcount, education, ageMin, ageMax, benefits, validThrough, status, originPlatform, originID,
         originVersion, duplicateKey, postedAt, changeSeq, createdAt, updatedAt, contactPerson

    /// The column's name in SQL.
    var name: String {
        switch self {
        case .id: "id"
        case .employerID: "employer_id"
        case .employerName: "employer_name"
        case .employerCreditCode: "employer_credit_code"
        case .title: "title"
        case .occupationCode: "occupation_code"
        case .description: "description"
        case .countyCode: "county_code"
        case .wageMin: "wage_min"
        case .wageMax: "wage_max"
        case .wageType: "wage_type"
        case .headcount: "headcount"
        case .education: "education"
        case .ageMin: "age_min"
        case .ageMax: "age_max"
        case .benefits: "benefits"
        case .validThrough: "valid_through"
        case .status: "status"
        case .originPlatform: "origin_platform"
        case .originID: "origin_id"
        case .originVersion: "origin_version"
        case .duplicateKey: "duplicate_key"
        case .postedAt: "posted_at"
        case .changeSeq: "change_seq"
        case .createdAt: "created_at"
        case .updatedAt: "updated_at"
        case .contactPerson: "contact_person"
        }
    }

    /// The Fluent key of the column (``JobPostingModel``'s fields).
    var key: FieldKey { FieldKey(stringLiteral: name) }

    /// True when a posting is read back from the column (the key and the creation time are only written).
    var isRead: Bool { self != .duplicateKey && self != .createdAt }

    /// True when a newer version received from a partner replaces the column: all but the local id, the origin, the
    /// creation time and the local employer, which a received copy never has (a posting of this node's own origin is
    /// never replaced by a partner's). Leaving the employer alone also spares SQLite a statement journal: an update of
    /// a foreign-key column may have to be undone halfway, so SQLite would copy every page the statement touches.
    var isReplacedByNewerVersion: Bool {
        ![.id, .employerID, .originPlatform, .originID, .createdAt].contains(self)
    }

    /// Every column, in insert order (`allCases` makes a new array each time it is read).
    static let all = allCases
    /// Every column's name, in insert order.
    static let insertNames = allCases.map(\.name)
    /// The columns a posting is read from, in select-list order.
    static let read = allCases.filter(\.isRead)
    /// The select list's names.
    static let readNames = read.map(\.name)
    /// The names of the columns a newer received version replaces.
    static let replacedNames = allCases.filter(\.isReplacedByNewerVersion).map(\.name)
    private static let positions: [Int32] = allCases.map { column in Int32(read.firstIndex(of: column) ?? -1) }

    /// The column's place in the select list (from 0); only for columns that are ``isRead``.
    var position: Int32 { Self.positions[rawValue] }
}
