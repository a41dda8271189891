import Foundation

/// How a training programme is organised.
public enum TrainingMode: String, Sendable, Codable, CaseIterable {
    /// 订单式: tied to an employer who commits to hire a number of the trainees.
    case orderBased = "order_based"
    /// 项目制: a funded project open to the county's workers.
    case projectBased = "project_based"
}

/// A training programme (技能培训) run in a Shaanxi county.
public struct TrainingProgramme: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var name: String
    public var mode: TrainingMode
    /// Occupation code of the classification, any level.
    public var occupationCode: String
    /// Who teaches it (a school, a training institution, an enterprise).
    public var provider: String
    public var countyCode: String
    /// For order-based training: the employer that commits to hire, and how many.
    public var employerID: UUID?
    public var hireCommitment: Int
    /// The labour brand its certificate belongs to, if any (a certified trainee then carries the brand).
    public var brandID: UUID?
    public var seats: Int
    public var startDate: Day
    public var endDate: Day
    /// Subsidy per trainee, fen.
    public var subsidy: Int64
    /// The pairing credited: the county with its Jiangsu employer's region, when that is paired.
    public var pairingID: UUID?
    public var description: String?

    public init(id: UUID, name: String, mode: TrainingMode, occupationCode: String, provider: String, countyCode: String, employerID: UUID?,
                hireCommitment: Int, brandID: UUID?, seats: Int, startDate: Day, endDate: Day, subsidy: Int64, pairingID: UUID?,
                description: String?) {
        self.id = id
        self.name = name
        self.mode = mode
        self.occupationCode = occupationCode
        self.provider = provider
        self.countyCode = countyCode
        self.employerID = employerID
        self.hireCommitment = hireCommitment
        self.brandID = brandID
        self.seats = seats
        self.startDate = startDate
        self.endDate = endDate
        self.subsidy = subsidy
        self.pairingID = pairingID
        self.description = description
    }
}

/// What someone submits to record or edit a training programme.
public struct TrainingProgrammeDraft: Sendable, Codable, Equatable {
    public var name: String?
    public var mode: String?
    public var occupationCode: String?
    public var provider: String?
    public var countyCode: String?
    public var employerId: UUID?
    public var hireCommitment: Int?
    public var brandId: UUID?
    public var seats: Int?
    public var startsOn: String?
    public var endsOn: String?
    /// Fen per trainee.
    public var subsidy: Int64?
    public var description: String?

    public init(name: String? = nil, mode: String? = nil, occupationCode: String? = nil, provider: String? = nil, countyCode: String? = nil,
                employerId: UUID? = nil, hireCommitment: Int? = nil, brandId: UUID? = nil, seats: Int? = nil, startsOn: String? = nil,
                endsOn: String? = nil, subsidy: Int64? = nil, description: String? = nil) {
        self.name = name
        self.mode = mode
        self.occupationCode = occupationCode
        self.provider = provider
        self.countyCode = countyCode
        self.employerId = employerId
        self.hireCommitment = hireCommitment
        self.brandId = brandId
        self.seats = seats
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.subsidy = subsidy
        self.description = description
    }

    /// Checks every field. Order-based training names its employer and commits to hire between 1 and `seats`;
    /// project-based training has neither. The end is not before the start; there is at least one seat.
    public func validated(in regions: RegionDirectory, id: UUID, employerKnown: Bool, brandKnown: Bool) throws(DomainError) -> TrainingProgramme {
        let name = try IndustryValidate.line(name, field: "name", max: 100)
        let modeText = try Validate.required(mode, field: "mode", max: 20)
        guard let mode = TrainingMode(rawValue: modeText) else { throw .invalid("mode", "unknown_choice", ["value": modeText]) }
        let occupation = try Validate.required(occupationCode, field: "occupationCode", max: 12)
        guard OccupationCatalogue.isWellFormed(occupation) else { throw .invalid("occupationCode", "occupation_format") }
        let provider = try IndustryValidate.line(provider, field: "provider", max: 100)
        let county = try Validate.shaanxiCounty(countyCode, field: "countyCode", in: regions)
        let seats = try Validate.count(seats, field: "seats")
        guard seats > 0 else { throw .invalid("seats", "must_be_positive") }
        guard seats <= 10_000 else { throw .invalid("seats", "amount_too_large") }
        let start = try IndustryValidate.day(startsOn, field: "startsOn", required: true, notAfter: nil)!
        let end = try IndustryValidate.day(endsOn, field: "endsOn", required: true, notAfter: nil)!
        guard start <= end else { throw .invalid("endsOn", "ends_before_start") }
        let commitment = try Validate.count(hireCommitment, field: "hireCommitment")
        switch mode {
        case .orderBased:
            guard employerId != nil else { throw .invalid("employerId", "required") }
            guard employerKnown else { throw .invalid("employerId", "unknown_employer") }
            guard commitment > 0 else { throw .invalid("hireCommitment", "must_be_positive") }
            guard commitment <= seats else { throw .invalid("hireCommitment", "part_exceeds_whole") }
        case .projectBased:
            if employerId != nil { throw .invalid("employerId", "not_for_project_based") }
            if commitment > 0 { throw .invalid("hireCommitment", "not_for_project_based") }
        }
        if brandId != nil, !brandKnown { throw .invalid("brandId", "unknown_brand") }
        let subsidy = try Validate.fen(subsidy, field: "subsidy", required: false) ?? 0
        guard subsidy <= 10_000_000 else { throw .invalid("subsidy", "amount_too_large") }
        return TrainingProgramme(id: id, name: name, mode: mode, occupationCode: occupation, provider: provider, countyCode: county,
                                 employerID: mode == .orderBased ? employerId : nil, hireCommitment: commitment, brandID: brandId,
                                 seats: seats, startDate: start, endDate: end, subsidy: subsidy, pairingID: nil,
                                 description: try Validate.text(description, field: "description", max: 2000, required: false))
    }
}
