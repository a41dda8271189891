import Foundation

/// Where a Jiangsu enterprise moving west stands: 线索 lead → 洽谈 negotiating → 签约 signed → 开工 under
/// construction → 投产 operating; or 流失 lost before it starts building.
public enum EnterpriseStatus: String, Sendable, Codable, CaseIterable {
    case lead, negotiating, signed
    case underConstruction = "under_construction"
    case operating, lost

    /// The statuses reachable in one move: the next step, lost before construction, and a lost one taken up again.
    public var next: [EnterpriseStatus] {
        switch self {
        case .lead: return [.negotiating, .lost]
        case .negotiating: return [.signed, .lost]
        case .signed: return [.underConstruction, .lost]
        case .underConstruction: return [.operating]
        case .operating: return []
        case .lost: return [.lead]
        }
    }

    /// True once construction has started: the enterprise has landed (落地) and counts for the indicators.
    public var hasLanded: Bool { self == .underConstruction || self == .operating }

    /// True for statuses the public may see (a lead or a negotiation is not announced).
    public var isPublic: Bool { self == .signed || hasLanded }

    /// Refuses any move but one step on.
    public func checkMove(to target: EnterpriseStatus) throws(DomainError) {
        guard next.contains(target) else {
            throw .invalid("status", "illegal_pipeline_move", ["from": rawValue, "to": target.rawValue])
        }
    }
}

/// A Jiangsu enterprise investing in Shaanxi (东部企业西进), followed through the investment pipeline.
public struct Enterprise: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var name: String
    /// Unified social credit code, when known (a lead may not have one yet).
    public var creditCode: String?
    /// The Jiangsu city (or district) it comes from.
    public var originCode: String
    /// 电子信息, 汽车零部件, 羊乳制品, 纺织服装, …
    public var chain: String
    /// The co-built park it settles in, if any.
    public var parkID: UUID?
    /// The Shaanxi county it invests in (the park's county when it has a park).
    public var countyCode: String
    /// The pairing its facts are credited to: the county's pairing with its home city when there is one.
    public var pairingID: UUID?
    public var status: EnterpriseStatus
    /// Investment in fen: planned, and actually in place.
    public var plannedInvestment: Int64
    public var actualInvestment: Int64
    /// Jobs created, of which for local rural workers, of which for poverty-lifted people.
    public var jobs: Int
    public var jobsRural: Int
    public var jobsPovertyLifted: Int
    public var signedOn: Day?
    /// The day construction started: the landing day, whose month the indicators count it in.
    public var landedOn: Day?
    public var operatingOn: Day?
    public var description: String?

    public init(id: UUID, name: String, creditCode: String?, originCode: String, chain: String, parkID: UUID?, countyCode: String,
                pairingID: UUID?, status: EnterpriseStatus = .lead, plannedInvestment: Int64 = 0, actualInvestment: Int64 = 0,
                jobs: Int = 0, jobsRural: Int = 0, jobsPovertyLifted: Int = 0, signedOn: Day? = nil, landedOn: Day? = nil,
                operatingOn: Day? = nil, description: String? = nil) {
        self.id = id
        self.name = name
        self.creditCode = creditCode
        self.originCode = originCode
        self.chain = chain
        self.parkID = parkID
        self.countyCode = countyCode
        self.pairingID = pairingID
        self.status = status
        self.plannedInvestment = plannedInvestment
        self.actualInvestment = actualInvestment
        self.jobs = jobs
        self.jobsRural = jobsRural
        self.jobsPovertyLifted = jobsPovertyLifted
        self.signedOn = signedOn
        self.landedOn = landedOn
        self.operatingOn = operatingOn
        self.description = description
    }

    /// Moves one step on, dating the step (`on` defaults to the caller's today); an illegal jump is refused naming
    /// `status`, a future date naming `date`.
    public func moved(to target: EnterpriseStatus, on day: Day, today: Day) throws(DomainError) -> Enterprise {
        try status.checkMove(to: target)
        guard day <= today else { throw .invalid("date", "in_future") }
        guard day.year >= 1990 else { throw .invalid("date", "year_out_of_range") }
        var result = self
        result.status = target
        switch target {
        case .signed: result.signedOn = day
        case .underConstruction:
            if let signed = signedOn, day < signed { throw .invalid("date", "before_previous_step") }
            result.landedOn = day
        case .operating:
            if let landed = landedOn, day < landed { throw .invalid("date", "before_previous_step") }
            result.operatingOn = day
        case .lead:
            result.signedOn = nil
        default: break
        }
        return result
    }
}

/// The industry chains suggested in forms (others may be typed).
public enum IndustryChains {
    public static let suggested = ["电子信息", "汽车零部件", "羊乳制品", "纺织服装", "装备制造", "新材料", "生物医药", "食品加工", "新能源"]
}

/// What someone submits to record or edit an enterprise (its status moves separately). Money in fen.
public struct EnterpriseDraft: Sendable, Codable, Equatable {
    public var name: String?
    public var creditCode: String?
    public var originCode: String?
    public var chain: String?
    public var parkId: UUID?
    public var countyCode: String?
    public var plannedInvestment: Int64?
    public var actualInvestment: Int64?
    public var jobs: Int?
    public var jobsRural: Int?
    public var jobsPovertyLifted: Int?
    public var description: String?

    public init(name: String? = nil, creditCode: String? = nil, originCode: String? = nil, chain: String? = nil, parkId: UUID? = nil,
                countyCode: String? = nil, plannedInvestment: Int64? = nil, actualInvestment: Int64? = nil, jobs: Int? = nil,
                jobsRural: Int? = nil, jobsPovertyLifted: Int? = nil, description: String? = nil) {
        self.name = name
        self.creditCode = creditCode
        self.originCode = originCode
        self.chain = chain
        self.parkId = parkId
        self.countyCode = countyCode
        self.plannedInvestment = plannedInvestment
        self.actualInvestment = actualInvestment
        self.jobs = jobs
        self.jobsRural = jobsRural
        self.jobsPovertyLifted = jobsPovertyLifted
        self.description = description
    }

    /// Checks every field over `base` (the stored enterprise when editing; its status and dates are kept).
    ///
    /// `park` is the park named by `parkId`, looked up by the caller; the county defaults to the park's and must
    /// equal it. `pairingID` is the pairing of the county with the home city, looked up by the caller.
    public func validated(in regions: RegionDirectory, base: Enterprise?, id: UUID, park: Park?,
                          pairingID: UUID?) throws(DomainError) -> Enterprise {
        let name = try Validate.required(name, field: "name", max: 100)
        let credit: String?
        if let text = try Validate.text(creditCode, field: "creditCode", max: 18, required: false) {
            credit = try CreditCode.validated(text)
        } else {
            credit = nil
        }
        let origin = try Validate.jiangsuRegion(originCode, field: "originCode", in: regions)
        let chain = try Validate.required(chain, field: "chain", max: 40)
        if parkId != nil, park == nil { throw .invalid("parkId", "unknown_park") }
        let county: String
        if let park {
            county = park.countyCode
            if let given = countyCode?.trimmingCharacters(in: .whitespaces), !given.isEmpty, given != county {
                throw .invalid("countyCode", "county_not_park_county")
            }
        } else {
            county = try Validate.shaanxiCounty(countyCode, field: "countyCode", in: regions)
        }
        let planned = try Validate.fen(plannedInvestment, field: "plannedInvestment", required: false) ?? 0
        let actual = try Validate.fen(actualInvestment, field: "actualInvestment", required: false) ?? 0
        let jobs = try Validate.count(jobs, field: "jobs")
        let rural = try Validate.count(jobsRural, field: "jobsRural")
        let poor = try Validate.count(jobsPovertyLifted, field: "jobsPovertyLifted")
        if rural > jobs { throw .invalid("jobsRural", "part_exceeds_whole") }
        if poor > rural { throw .invalid("jobsPovertyLifted", "part_exceeds_whole") }
        var enterprise = base ?? Enterprise(id: id, name: name, creditCode: credit, originCode: origin, chain: chain, parkID: nil,
                                            countyCode: county, pairingID: nil)
        enterprise.name = name
        enterprise.creditCode = credit
        enterprise.originCode = origin
        enterprise.chain = chain
        enterprise.parkID = park?.id
        enterprise.countyCode = county
        enterprise.pairingID = pairingID
        enterprise.plannedInvestment = planned
        enterprise.actualInvestment = actual
        enterprise.jobs = jobs
        enterprise.jobsRural = rural
        enterprise.jobsPovertyLifted = poor
        enterprise.description = try Validate.text(description, field: "description", max: 2000, required: false)
        return enterprise
    }

    /// The draft that reproduces an enterprise, for edit forms.
    public init(_ enterprise: Enterprise) {
        self.init(name: enterprise.name, creditCode: enterprise.creditCode, originCode: enterprise.originCode, chain: enterprise.chain,
                  parkId: enterprise.parkID, countyCode: enterprise.countyCode, plannedInvestment: enterprise.plannedInvestment,
                  actualInvestment: enterprise.actualInvestment, jobs: enterprise.jobs, jobsRural: enterprise.jobsRural,
                  jobsPovertyLifted: enterprise.jobsPovertyLifted, description: enterprise.description)
    }
}
