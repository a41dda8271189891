import Foundation

/// What someone submits to create or edit a project, before it is checked. Money in fen.
public struct ProjectDraft: Sendable, Codable, Equatable {
    public var code: String?
    public var name: String?
    public var countyCode: String?
    public var pairingId: UUID?
    public var year: Int?
    public var actionArea: String?
    public var category: String?
    public var budget: Int64?
    public var plannedStart: String?
    public var plannedEnd: String?
    public var actualStart: String?
    public var actualEnd: String?
    public var households: Int?
    public var persons: Int?
    public var povertyLiftedHouseholds: Int?
    public var povertyLiftedPersons: Int?
    public var description: String?

    public init(code: String? = nil, name: String? = nil, countyCode: String? = nil, pairingId: UUID? = nil, year: Int? = nil,
                actionArea: String? = nil, category: String? = nil, budget: Int64? = nil, plannedStart: String? = nil,
                plannedEnd: String? = nil, actualStart: String? = nil, actualEnd: String? = nil, households: Int? = nil,
                persons: Int? = nil, povertyLiftedHouseholds: Int? = nil, povertyLiftedPersons: Int? = nil, description: String? = nil) {
        self.code = code
        self.name = name
        self.countyCode = countyCode
        self.pairingId = pairingId
        self.year = year
        self.actionArea = actionArea
        self.category = category
        self.budget = budget
        self.plannedStart = plannedStart
        self.plannedEnd = plannedEnd
        self.actualStart = actualStart
        self.actualEnd = actualEnd
        self.households = households
        self.persons = persons
        self.povertyLiftedHouseholds = povertyLiftedHouseholds
        self.povertyLiftedPersons = povertyLiftedPersons
        self.description = description
    }

    /// Checks every field and returns the project it describes (status and id are the caller's).
    ///
    /// `pairing` is the pairing named by `pairingId`, looked up by the caller; it must touch the county.
    public func validated(in regions: RegionDirectory, pairing: Pairing?, id: UUID, status: ProjectStatus) throws(DomainError) -> Project {
        let code = try Validate.required(code, field: "code", max: 32)
        guard code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) }) else {
            throw .invalid("code", "code_format")
        }
        let name = try Validate.required(name, field: "name", max: 100)
        let countyCode = try Validate.shaanxiCounty(countyCode, field: "countyCode", in: regions)
        if pairingId != nil {
            guard let pairing else { throw .invalid("pairingId", "unknown_pairing") }
            guard countyCode.hasPrefix(pairing.westCode) else { throw .invalid("pairingId", "pairing_not_for_county") }
        }
        let year = try Validate.year(year, field: "year", required: true)!
        guard let areaText = try Validate.text(actionArea, field: "actionArea", max: 40), let area = ActionArea(rawValue: areaText) else {
            throw .invalid("actionArea", "unknown_action_area")
        }
        let category = try Validate.required(category, field: "category", max: 40)
        let budget = try Validate.fen(budget, field: "budget", required: false) ?? 0
        let actualStartDay = try Validate.day(actualStart, field: "actualStart")
        let plannedStart = try Validate.day(plannedStart, field: "plannedStart")
        let plannedEnd = try Validate.day(plannedEnd, field: "plannedEnd")
        if let plannedStart, let plannedEnd, plannedEnd < plannedStart { throw .invalid("plannedEnd", "date_before_start") }
        // The year is the agreement year the project counts in; its start lies in that year or next to it.
        if let start = plannedStart ?? actualStartDay, abs(start.year - year) > 1 {
            throw .invalid("year", "year_far_from_dates", ["year": String(year), "date": start.description])
        }
        let actualStart = try Validate.day(actualStart, field: "actualStart")
        let actualEnd = try Validate.day(actualEnd, field: "actualEnd")
        if let actualStart, let actualEnd, actualEnd < actualStart { throw .invalid("actualEnd", "date_before_start") }
        let beneficiaries = Beneficiaries(
            households: try Validate.count(households, field: "households"),
            persons: try Validate.count(persons, field: "persons"),
            povertyLiftedHouseholds: try Validate.count(povertyLiftedHouseholds, field: "povertyLiftedHouseholds"),
            povertyLiftedPersons: try Validate.count(povertyLiftedPersons, field: "povertyLiftedPersons"))
        if beneficiaries.povertyLiftedHouseholds > beneficiaries.households {
            throw .invalid("povertyLiftedHouseholds", "part_exceeds_whole")
        }
        if beneficiaries.povertyLiftedPersons > beneficiaries.persons { throw .invalid("povertyLiftedPersons", "part_exceeds_whole") }
        let description = try Validate.text(description, field: "description", max: 2000, required: false)
        return Project(id: id, code: code, name: name, countyCode: countyCode, pairingID: pairingId, year: year, actionArea: area,
                       category: category, budget: budget, status: status, plannedStart: plannedStart, plannedEnd: plannedEnd,
                       actualStart: actualStart, actualEnd: actualEnd, beneficiaries: beneficiaries, description: description)
    }

    /// The draft that reproduces a project, for edit forms.
    public init(_ project: Project) {
        self.init(code: project.code, name: project.name, countyCode: project.countyCode, pairingId: project.pairingID,
                  year: project.year, actionArea: project.actionArea.rawValue, category: project.category, budget: project.budget,
                  plannedStart: project.plannedStart?.description, plannedEnd: project.plannedEnd?.description,
                  actualStart: project.actualStart?.description, actualEnd: project.actualEnd?.description,
                  households: project.beneficiaries.households, persons: project.beneficiaries.persons,
                  povertyLiftedHouseholds: project.beneficiaries.povertyLiftedHouseholds,
                  povertyLiftedPersons: project.beneficiaries.povertyLiftedPersons, description: project.description)
    }
}
