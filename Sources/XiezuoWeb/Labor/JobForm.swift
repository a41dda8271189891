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
        guard let text = employerId?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else { throw DomainError.invalid("employerId", "unknown_employer") }
        return id
    }

    /// The draft with every number that reads (the others left out), and the problems of those that do not: for a
    /// form that shows every field's problem at once.
    func draftWithProblems() -> (draft: JobDraft, problems: [DomainError]) {
        var problems: [DomainError] = []
        func read<T>(_ body: () throws -> T?) -> T? {
            do { return try body() } catch let error as DomainError { problems.append(error) } catch {}
            return nil
        }
        let draft = JobDraft(title: title, occupationCode: occupationCode, description: description, countyCode: countyCode,
                             wageMin: read { try Formatting.fen(from: wageMinYuan, unitFen: 100, field: "wageMin") },
                             wageMax: read { try Formatting.fen(from: wageMaxYuan, unitFen: 100, field: "wageMax") },
                             wageType: wageType, headcount: read { try FormValue.int(headcount, field: "headcount") }, education: education,
                             ageMin: read { try FormValue.int(ageMin, field: "ageMin") }, ageMax: read { try FormValue.int(ageMax, field: "ageMax") },
                             benefits: benefit ?? [], validThrough: validThrough, contactPerson: contactPerson)
        return (draft, problems)
    }

    /// The refused field's message and every other field's problem beside it, so one submission shows them all.
    func errors(_ error: DomainError, request: Request) -> [String: String] {
        var errors = [error.field ?? "": request.message(for: error, renaming: Self.labels)]
        let (draft, unread) = draftWithProblems()
        for problem in unread + draft.problems(in: request.services.regions, today: request.today) {
            if let field = problem.field, errors[field] == nil { errors[field] = request.message(for: problem, renaming: Self.labels) }
        }
        return errors
    }

    /// The draft the form describes; a number that does not read is an error on its field.
    func draft() throws -> JobDraft {
        let (draft, problems) = draftWithProblems()
        if let problem = problems.first { throw problem }
        return draft
    }
}
