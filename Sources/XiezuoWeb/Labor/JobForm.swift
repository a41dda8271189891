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
    var contactPerson: String?

    /// The values to show again in the form.
    var values: [String: String] {
        ["employerId": employerId ?? "", "title": title ?? "", "occupationCode": occupationCode ?? "", "description": description ?? "",
         "countyCode": countyCode ?? "", "wageMinYuan": wageMinYuan ?? "", "wageMaxYuan": wageMaxYuan ?? "",
         "wageType": wageType ?? "", "headcount": headcount ?? "", "education": education ?? "", "ageMin": ageMin ?? "",
         "ageMax": ageMax ?? "", "validThrough": validThrough ?? "", "contactPerson": contactPerson ?? ""]
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
        contactPerson = posting.contactPerson
    }

    /// The employer chosen in the form (staff only).
    func employer() throws -> UUID? {
        var reader = FormReader()
        let id = reader.id(employerId, field: "employerId", code: "unknown_employer")
        try reader.check()
        return id
    }

    /// The draft with every number that reads (the others left out), and the reader holding the problems of those
    /// that do not: for a form that shows every field's problem at once.
    func read() -> (draft: JobDraft, reader: FormReader) {
        var reader = FormReader()
        let draft = JobDraft(title: title, occupationCode: occupationCode, description: description, countyCode: countyCode,
                             wageMin: reader.fen(wageMinYuan, unitFen: 100, field: "wageMin"),
                             wageMax: reader.fen(wageMaxYuan, unitFen: 100, field: "wageMax"),
                             wageType: wageType, headcount: reader.int(headcount, field: "headcount"), education: education,
                             ageMin: reader.int(ageMin, field: "ageMin"), ageMax: reader.int(ageMax, field: "ageMax"),
                             benefits: benefit ?? [], validThrough: validThrough, contactPerson: contactPerson)
        return (draft, reader)
    }

    /// The draft the form describes; a number that does not read is an error on its field.
    func draft() throws -> JobDraft {
        let (draft, reader) = read()
        try reader.check()
        return draft
    }

    /// The refused field's message and every other field's problem beside it, so one submission shows them all.
    func errors(_ error: DomainError, request: Request) -> [String: String] {
        let (draft, reader) = read()
        return reader.errors(adding: [error] + draft.problems(in: request.services.regions, today: request.today),
                             request: request, renaming: Self.labels)
    }
}
