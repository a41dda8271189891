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

    /// Checks every field and returns the project it describes (status and id are the caller's); throws the first
    /// problem, ``problems(in:pairing:)`` lists them all.
    ///
    /// `pairing` is the pairing named by `pairingId`, looked up by the caller; it must touch the county.
    public func validated(in regions: RegionDirectory, pairing: Pairing?, id: UUID, status: ProjectStatus) throws(DomainError) -> Project {
        var problems: [DomainError] = []
        if let project = check(in: regions, pairing: pairing, id: id, status: status, problems: &problems) { return project }
        throw problems[0]
    }

    /// Every field's problem at once (one per field), for a form that shows them all.
    public func problems(in regions: RegionDirectory, pairing: Pairing?) -> [DomainError] {
        var problems: [DomainError] = []
        _ = check(in: regions, pairing: pairing, id: UUID(), status: .reserve, problems: &problems)
        return problems
    }

    private func check(in regions: RegionDirectory, pairing: Pairing?, id: UUID, status: ProjectStatus,
                       problems: inout [DomainError]) -> Project? {
        func attempt<T>(_ body: () throws(DomainError) -> T) -> T? {
            do { return try body() } catch { problems.append(error); return nil }
        }
        let code = attempt { () throws(DomainError) -> String in
            let code = try Validate.required(self.code, field: "code", max: 32)
            guard code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) }) else {
                throw .invalid("code", "code_format")
            }
            return code
        }
        let name = attempt { () throws(DomainError) in try Validate.required(self.name, field: "name", max: 100) }
        let countyCode = attempt { () throws(DomainError) in try Validate.shaanxiCounty(self.countyCode, field: "countyCode", in: regions) }
        _ = attempt { () throws(DomainError) in
            guard pairingId != nil, let countyCode else { return }
            guard let pairing else { throw .invalid("pairingId", "unknown_pairing") }
            guard countyCode.hasPrefix(pairing.westCode) else { throw .invalid("pairingId", "pairing_not_for_county") }
        }
        let year = attempt { () throws(DomainError) in try Validate.year(self.year, field: "year", required: true)! }
        let area = attempt { () throws(DomainError) -> ActionArea in
            guard let text = try Validate.text(actionArea, field: "actionArea", max: 40), let area = ActionArea(rawValue: text) else {
                throw .invalid("actionArea", "unknown_action_area")
            }
            return area
        }
        let category = attempt { () throws(DomainError) in try Validate.required(self.category, field: "category", max: 40) }
        let budget = attempt { () throws(DomainError) in try Validate.fen(self.budget, field: "budget", required: false) ?? 0 }
        let plannedStart = attempt { () throws(DomainError) in try Validate.day(self.plannedStart, field: "plannedStart") } ?? nil
        let plannedEnd = attempt { () throws(DomainError) -> Day? in
            let end = try Validate.day(self.plannedEnd, field: "plannedEnd")
            if let plannedStart, let end, end < plannedStart { throw .invalid("plannedEnd", "date_before_start") }
            return end
        } ?? nil
        let actualStart = attempt { () throws(DomainError) in try Validate.day(self.actualStart, field: "actualStart") } ?? nil
        let actualEnd = attempt { () throws(DomainError) -> Day? in
            let end = try Validate.day(self.actualEnd, field: "actualEnd")
            if let actualStart, let end, end < actualStart { throw .invalid("actualEnd", "date_before_start") }
            return end
        } ?? nil
        // The year is the agreement year the project counts in; its start lies in that year or next to it.
        if let year, let start = plannedStart ?? actualStart, abs(start.year - year) > 1 {
            problems.append(.invalid("year", "year_far_from_dates", ["year": String(year), "date": start.description]))
        }
        let households = attempt { () throws(DomainError) in try Validate.count(self.households, field: "households") }
        let persons = attempt { () throws(DomainError) in try Validate.count(self.persons, field: "persons") }
        let liftedHouseholds = attempt { () throws(DomainError) in try Validate.count(povertyLiftedHouseholds, field: "povertyLiftedHouseholds") }
        let liftedPersons = attempt { () throws(DomainError) in try Validate.count(povertyLiftedPersons, field: "povertyLiftedPersons") }
        if let households, let liftedHouseholds, liftedHouseholds > households {
            problems.append(.invalid("povertyLiftedHouseholds", "part_exceeds_whole"))
        }
        if let persons, let liftedPersons, liftedPersons > persons { problems.append(.invalid("povertyLiftedPersons", "part_exceeds_whole")) }
        let description = attempt { () throws(DomainError) in try Validate.text(self.description, field: "description", max: 2000, required: false) }
        guard problems.isEmpty, let code, let name, let countyCode, let year, let area, let category, let budget, let households, let persons,
              let liftedHouseholds, let liftedPersons, let description else { return nil }
        return Project(id: id, code: code, name: name, countyCode: countyCode, pairingID: pairingId, year: year, actionArea: area,
                       category: category, budget: budget, status: status, plannedStart: plannedStart, plannedEnd: plannedEnd,
                       actualStart: actualStart, actualEnd: actualEnd,
                       beneficiaries: Beneficiaries(households: households, persons: persons, povertyLiftedHouseholds: liftedHouseholds,
                                                    povertyLiftedPersons: liftedPersons),
                       description: description)
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
