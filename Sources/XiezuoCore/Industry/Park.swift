import Foundation

/// The forms of a co-built park the letter names.
public enum ParkForm: String, Sendable, Codable, CaseIterable {
    /// 园中园: a park within a park.
    case parkInPark = "park_in_park"
    /// 区中园: a park within a development zone.
    case parkInZone = "park_in_zone"
    /// 飞地: an enclave, whose output and tax statistics are shared between the sending and the hosting region.
    case enclave
    case other
}

/// A co-built industrial park (共建产业园区, 一县一园区).
public struct Park: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var name: String
    /// The Shaanxi county it is in.
    public var countyCode: String
    public var form: ParkForm
    /// The Jiangsu region that co-builds it.
    public var partnerCode: String
    /// The Jiangsu park it is built with, if any (e.g. 苏州工业园区).
    public var partnerPark: String?
    /// The pairing its facts are credited to, resolved from the county and the partner when it is recorded.
    public var pairingID: UUID?
    /// The day it was established; a park counts for the indicators from that month, and not before it has one.
    public var established: Day?
    /// Planned and built area in 亩.
    public var plannedAreaMu: Int
    public var builtAreaMu: Int
    /// Infrastructure projects of the funds ledger built for it.
    public var projectIDs: [UUID]
    public var description: String?

    public init(id: UUID, name: String, countyCode: String, form: ParkForm, partnerCode: String, partnerPark: String? = nil,
                pairingID: UUID?, established: Day?, plannedAreaMu: Int = 0, builtAreaMu: Int = 0, projectIDs: [UUID] = [],
                description: String? = nil) {
        self.id = id
        self.name = name
        self.countyCode = countyCode
        self.form = form
        self.partnerCode = partnerCode
        self.partnerPark = partnerPark
        self.pairingID = pairingID
        self.established = established
        self.plannedAreaMu = plannedAreaMu
        self.builtAreaMu = builtAreaMu
        self.projectIDs = projectIDs
        self.description = description
    }
}

/// What someone submits to record or edit a park.
public struct ParkDraft: Sendable, Codable, Equatable {
    public var name: String?
    public var countyCode: String?
    public var form: String?
    public var partnerCode: String?
    public var partnerPark: String?
    public var established: String?
    public var plannedAreaMu: Int?
    public var builtAreaMu: Int?
    public var projectIds: [UUID]?
    public var description: String?

    public init(name: String? = nil, countyCode: String? = nil, form: String? = nil, partnerCode: String? = nil,
                partnerPark: String? = nil, established: String? = nil, plannedAreaMu: Int? = nil, builtAreaMu: Int? = nil,
                projectIds: [UUID]? = nil, description: String? = nil) {
        self.name = name
        self.countyCode = countyCode
        self.form = form
        self.partnerCode = partnerCode
        self.partnerPark = partnerPark
        self.established = established
        self.plannedAreaMu = plannedAreaMu
        self.builtAreaMu = builtAreaMu
        self.projectIds = projectIds
        self.description = description
    }

    /// Checks every field and returns the park it describes; linked projects as for industries.
    public func validated(in regions: RegionDirectory, id: UUID, pairingID: UUID?, projectCounties: [UUID: String],
                          today: Day) throws(DomainError) -> Park {
        let name = try Validate.required(name, field: "name", max: 100)
        let countyCode = try Validate.shaanxiCounty(countyCode, field: "countyCode", in: regions)
        let formText = try Validate.required(form, field: "form", max: 20)
        guard let form = ParkForm(rawValue: formText) else { throw .invalid("form", "unknown_choice", ["value": formText]) }
        let partner = try Validate.jiangsuRegion(partnerCode, field: "partnerCode", in: regions)
        let established = try IndustryValidate.day(established, field: "established", required: false, notAfter: today)
        let planned = try Validate.count(plannedAreaMu, field: "plannedAreaMu")
        let built = try Validate.count(builtAreaMu, field: "builtAreaMu")
        if planned > 0, built > planned { throw .invalid("builtAreaMu", "part_exceeds_whole") }
        return Park(id: id, name: name, countyCode: countyCode, form: form, partnerCode: partner,
                    partnerPark: try Validate.text(partnerPark, field: "partnerPark", max: 100, required: false), pairingID: pairingID,
                    established: established, plannedAreaMu: planned, builtAreaMu: built,
                    projectIDs: try IndustryValidate.projects(projectIds, county: countyCode, known: projectCounties),
                    description: try Validate.text(description, field: "description", max: 2000, required: false))
    }
}
