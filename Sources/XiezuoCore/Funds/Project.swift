import Foundation

/// People a project benefits, of whom poverty-lifted (脱贫).
public struct Beneficiaries: Sendable, Codable, Hashable {
    public var households: Int
    public var persons: Int
    public var povertyLiftedHouseholds: Int
    public var povertyLiftedPersons: Int

    public init(households: Int = 0, persons: Int = 0, povertyLiftedHouseholds: Int = 0, povertyLiftedPersons: Int = 0) {
        self.households = households
        self.persons = persons
        self.povertyLiftedHouseholds = povertyLiftedHouseholds
        self.povertyLiftedPersons = povertyLiftedPersons
    }
}

/// A cooperation project (项目库 entry) in a Shaanxi county.
public struct Project: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    /// The human code, e.g. `ZS-2025-001`.
    public var code: String
    public var name: String
    /// The Shaanxi county the project is in.
    public var countyCode: String
    /// The pairing that funds it, if any.
    public var pairingID: UUID?
    public var year: Int
    public var actionArea: ActionArea
    public var category: String
    /// Budget in fen.
    public var budget: Int64
    public var status: ProjectStatus
    public var plannedStart: Day?
    public var plannedEnd: Day?
    public var actualStart: Day?
    public var actualEnd: Day?
    public var beneficiaries: Beneficiaries
    public var description: String?

    public init(id: UUID, code: String, name: String, countyCode: String, pairingID: UUID?, year: Int, actionArea: ActionArea,
                category: String, budget: Int64, status: ProjectStatus, plannedStart: Day? = nil, plannedEnd: Day? = nil,
                actualStart: Day? = nil, actualEnd: Day? = nil, beneficiaries: Beneficiaries = Beneficiaries(),
                description: String? = nil) {
        self.id = id
        self.code = code
        self.name = name
        self.countyCode = countyCode
        self.pairingID = pairingID
        self.year = year
        self.actionArea = actionArea
        self.category = category
        self.budget = budget
        self.status = status
        self.plannedStart = plannedStart
        self.plannedEnd = plannedEnd
        self.actualStart = actualStart
        self.actualEnd = actualEnd
        self.beneficiaries = beneficiaries
        self.description = description
    }
}

/// Which projects to list.
public struct ProjectFilter: Sendable, Equatable {
    public var year: Int?
    /// A region code: the project's county lies in its subtree.
    public var region: String?
    public var actionArea: ActionArea?
    public var status: ProjectStatus?
    /// Part of the name or the code.
    public var search: String?

    public init(year: Int? = nil, region: String? = nil, actionArea: ActionArea? = nil, status: ProjectStatus? = nil, search: String? = nil) {
        self.year = year
        self.region = region
        self.actionArea = actionArea
        self.status = status
        self.search = search
    }
}
