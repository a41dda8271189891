import Vapor
import XiezuoCore

/// The project form as posted: text fields, money in 万元.
struct ProjectForm: Content {
    var code: String?
    var name: String?
    var countyCode: String?
    var pairingId: String?
    var year: String?
    var actionArea: String?
    var category: String?
    var budgetWan: String?
    var plannedStart: String?
    var plannedEnd: String?
    var actualStart: String?
    var actualEnd: String?
    var households: String?
    var persons: String?
    var povertyLiftedHouseholds: String?
    var povertyLiftedPersons: String?
    var description: String?

    /// The values to show again in the form.
    var values: [String: String] {
        var values: [String: String] = [:]
        let mirror = Mirror(reflecting: self)
        for child in mirror.children { if let label = child.label, let value = child.value as? String? { values[label] = value ?? "" } }
        return values
    }

    /// The form filled from a project, for editing.
    init(_ project: Project) {
        code = project.code
        name = project.name
        countyCode = project.countyCode
        pairingId = project.pairingID?.uuidString
        year = String(project.year)
        actionArea = project.actionArea.rawValue
        category = project.category
        budgetWan = project.budget == 0 ? "" : Formatting.plain(project.budget, unitFen: 1_000_000)
        plannedStart = project.plannedStart?.description
        plannedEnd = project.plannedEnd?.description
        actualStart = project.actualStart?.description
        actualEnd = project.actualEnd?.description
        households = String(project.beneficiaries.households)
        persons = String(project.beneficiaries.persons)
        povertyLiftedHouseholds = String(project.beneficiaries.povertyLiftedHouseholds)
        povertyLiftedPersons = String(project.beneficiaries.povertyLiftedPersons)
        description = project.description
    }

    /// The draft with every value that reads (the others left out), and the reader holding the problems of those
    /// that do not.
    func read() -> (draft: ProjectDraft, reader: FormReader) {
        var reader = FormReader()
        let draft = ProjectDraft(code: code, name: name, countyCode: countyCode,
                                 pairingId: reader.id(pairingId, field: "pairingId", code: "unknown_pairing"),
                                 year: reader.int(year, field: "year"), actionArea: actionArea, category: category,
                                 budget: reader.fen(budgetWan, unitFen: 1_000_000, field: "budget"),
                                 plannedStart: plannedStart, plannedEnd: plannedEnd, actualStart: actualStart, actualEnd: actualEnd,
                                 households: reader.int(households, field: "households"), persons: reader.int(persons, field: "persons"),
                                 povertyLiftedHouseholds: reader.int(povertyLiftedHouseholds, field: "povertyLiftedHouseholds"),
                                 povertyLiftedPersons: reader.int(povertyLiftedPersons, field: "povertyLiftedPersons"),
                                 description: description)
        return (draft, reader)
    }

    /// The draft the form describes; a value that does not read is an error on its field.
    func draft() throws -> ProjectDraft {
        let (draft, reader) = read()
        try reader.check()
        return draft
    }
}

/// Options of the project form's menus.
struct ProjectFormOptions: Encodable {
    struct Option: Encodable { var value: String; var label: String }
    var counties: [Option]
    var pairings: [Option]
    var areas: [Option]
    var categories: [String]

    static func make(_ request: Request) async throws -> ProjectFormOptions {
        let regions = request.services.regions
        let scope = request.principal.scope
        let counties = regions.subtree(of: "61").filter { $0.level == .county && scope.covers($0.code) }
            .map { Option(value: $0.code, label: "\(regions[String($0.code.prefix(4))]?.name ?? "") \($0.name)") }
        let pairings = try await request.pairings.list(region: request.principal.jurisdiction ?? "61", page: Paging(perPage: 200)).items
            .filter { $0.westCode.hasPrefix("61") }
            .map { PairingView($0, regions: regions, year: currentYear()) }
            .map { Option(value: $0.id.uuidString, label: "\($0.eastName) ↔ \($0.westName)") }
        return ProjectFormOptions(counties: counties, pairings: pairings,
                                  areas: ActionArea.allCases.map { Option(value: $0.rawValue, label: request.t("area.\($0.rawValue)")) },
                                  categories: ActionArea.suggestedCategories)
    }
}
