import Vapor
import XiezuoCore
import XiezuoStore

/// A register that can be imported from a spreadsheet: its columns (from Core), how its columns and choices are named
/// on the page, who may import it, and the Store call that runs it.
struct ImportKind: Sendable {
    /// The kind's name in paths: `/imports/{name}`.
    var name: String
    /// Locale key of the kind's title.
    var title: String
    var columns: [ImportColumn]
    /// Field → locale key of the column's name where the shared name (`export.column.*`, `field.*`) would mislead.
    var labels: [String: String] = [:]
    /// Field → locale prefix of its choices' names.
    var choiceNames: [String: String] = [:]
    /// Where the records live, for the page's back link.
    var back: String
    var allowed: @Sendable (Principal) -> Bool = { $0.role?.isStaff == true }
    var run: @Sendable (Request, [ImportRecord], [Int: [DomainError]], Bool, ImportFile) async throws -> ImportReport

    /// The column's header text in `language` (the request's by default; a required column marked with *).
    func header(_ column: ImportColumn, _ request: Request, language: Language? = nil, marked: Bool = true) -> String {
        let language = language ?? request.language
        let localizer = request.services.localizer
        func t(_ key: String, or fallback: String) -> String {
            let text = localizer.text(key, language)
            return text == key ? fallback : text
        }
        var text = labels[column.field].map { localizer.text($0, language) }
            ?? t("export.column.\(column.field)", or: t("field.\(column.field)", or: column.field))
        if column.kind == .yuan { text += localizer.text("export.suffix.yuan", language) }
        return marked && column.required ? text + "*" : text
    }

    /// A choice's name in the request's language.
    func choiceName(_ field: String, _ value: String, _ request: Request) -> String {
        guard let prefix = choiceNames[field] ?? ExportVocabulary.values[field] else { return value }
        return request.t("\(prefix).\(value)", or: value)
    }

    static let all: [ImportKind] = [
        ImportKind(name: "sales", title: "import.sales", columns: SaleDraft.importColumns,
                   back: "/manage/consumption") { request, records, errors, dryRun, file in
            try await request.salesLedger.importSales(records, preErrors: errors, dryRun: dryRun, file: file, by: try request.signedIn())
        },
        ImportKind(name: "personnel", title: "import.personnel", columns: PersonnelExchangeDraft.importColumns,
                   labels: ["name": "export.column.person_name", "employer": "export.column.sending_employer", "regionCode": "field.regionCode"],
                   choiceNames: ["field": "exchange_field", "level": "exchange_level"],
                   back: "/manage/cooperation") { request, records, errors, dryRun, file in
            try await request.cooperation.importPersons(records, preErrors: errors, dryRun: dryRun, file: file, by: try request.signedIn())
        },
        ImportKind(name: "workers", title: "import.workers", columns: WorkerDraft.importColumns,
                   labels: ["name": "export.column.person_name", "education": "export.column.education_level", "consent": "export.column.consent",
                            "homeCode": "field.homeCode"],
                   back: "/workers") { request, records, errors, dryRun, file in
            try await request.workers.importWorkers(records, preErrors: errors, dryRun: dryRun, file: file, by: try request.signedIn())
        },
        ImportKind(name: "postings", title: "import.postings", columns: JobDraft.importColumns,
                   labels: ["title": "field.jobTitle", "description": "field.jobDescription", "occupationCode": "field.occupation",
                            "countyCode": "export.column.work_county"],
                   back: "/manage/jobs",
                   allowed: { $0.role?.isStaff == true || ($0.role == .enterprise && $0.employerID != nil) }) { request, records, errors, dryRun, file in
            try await request.jobs.importPostings(records, preErrors: errors, dryRun: dryRun, file: file, by: try request.signedIn())
        },
        ImportKind(name: "enrolments", title: "import.enrolments", columns: EnrolmentImport.columns,
                   labels: ["name": "export.column.person_name"], back: "/training") { request, records, errors, dryRun, file in
            try await request.training.importEnrolments(records, preErrors: errors, dryRun: dryRun, file: file, cipher: request.services.cipher,
                                                        by: try request.signedIn())
        },
        ImportKind(name: "projects", title: "import.projects", columns: ProjectImport.columns,
                   labels: ["code": "export.column.project_code", "name": "export.column.project_name", "countyCode": "field.countyCode",
                            "partnerRegion": "export.column.partner_jiangsu"],
                   choiceNames: ["actionArea": "area", "flowType": "flow_type", "flowSource": "fund_source"],
                   back: "/projects") { request, records, errors, dryRun, file in
            try await request.projects.importProjects(records, preErrors: errors, dryRun: dryRun, file: file, by: try request.signedIn(),
                                                      today: request.today, clock: request.clock)
        },
    ]

    static func named(_ name: String) -> ImportKind? { all.first { $0.name == name } }
}
