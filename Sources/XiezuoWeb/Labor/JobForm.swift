import Vapor
import XiezuoCore

/// The posting form as posted: text fields, wages in yuan per month, benefits as checkboxes.
struct JobForm: Content {
    /// The job form's names for fields a posting shares with other records (岗位名称, 岗位说明).
    static let labels = ["title": "jobTitle", "description": "jobDescription"]

    var employerId: String?
    var title: String?
    var occupationCode: String?
    var description: String?
    var countyCode: String?
    var wageMinYuan: String?
    var wageMaxYuan: String?
    var wageType: String?
    var headcount: String?
    var education: String?
    var ageMin: String?
    var ageMax: String?
    var benefit: [String]?
    var validThrough: String?

    /// The values to show again in the form.
    var values: [String: String] {
        ["employerId": employerId ?? "", "title": title ?? "", "occupationCode": occupationCode ?? "", "description": description ?? "",
         "countyCode": countyCode ?? "", "wageMinYuan": wageMinYuan ?? "", "wageMaxYuan": wageMaxYuan ?? "",
         "wageType": wageType ?? "", "headcount": headcount ?? "", "education": education ?? "", "ageMin": ageMin ?? "",
         "ageMax": ageMax ?? "", "validThrough": validThrough ?? ""]
    }

    /// The form filled from a posting, for editing.
    init(_ posting: JobPosting) {
        employerId = posting.employerID?.uuidString
        title = posting.title
        occupationCode = posting.occupationCode
        description = posting.description
        countyCode = posting.countyCode
        wageMinYuan = Formatting.plain(posting.wageMin, unitFen: 100)
        wageMaxYuan = Formatting.plain(posting.wageMax, unitFen: 100)
        wageType = posting.wageType.rawValue
        headcount = String(posting.headcount)
        education = posting.education.rawValue
        ageMin = posting.ageMin.map(String.init)
        ageMax = posting.ageMax.map(String.init)
        benefit = posting.benefits.map(\.rawValue)
        validThrough = posting.validThrough.description
    }

    /// The employer chosen in the form (staff only).
    func employer() throws -> UUID? {
        guard let text = employerId?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else { throw DomainError.invalid("employerId", "unknown_employer") }
        return id
    }

    /// The draft the form describes; a number that does not parse is an error on its field.
    func draft() throws -> JobDraft {
        JobDraft(title: title, occupationCode: occupationCode, description: description, countyCode: countyCode,
                 wageMin: try Formatting.fen(from: wageMinYuan, unitFen: 100, field: "wageMin"),
                 wageMax: try Formatting.fen(from: wageMaxYuan, unitFen: 100, field: "wageMax"),
                 wageType: wageType, headcount: try FormValue.int(headcount, field: "headcount"), education: education,
                 ageMin: try FormValue.int(ageMin, field: "ageMin"), ageMax: try FormValue.int(ageMax, field: "ageMax"),
                 benefits: benefit ?? [], validThrough: validThrough)
    }
}
