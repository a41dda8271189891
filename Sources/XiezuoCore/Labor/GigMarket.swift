import Foundation

/// What a gig market (零工市场) offers.
public enum GigService: String, Sendable, Codable, CaseIterable {
    /// 零工登记与撮合: registering and matching odd jobs.
    case matching
    /// 技能培训: short skills courses.
    case training
    /// 权益维护: help with wage arrears and disputes.
    case rightsProtection = "rights_protection"
    /// 政策咨询: advice on employment policy.
    case policyAdvice = "policy_advice"
    /// 休息区: a place to wait and rest.
    case restArea = "rest_area"
}

/// A standardised gig market (零工市场) of a county.
public struct GigMarket: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var name: String
    public var countyCode: String
    public var address: String
    /// Opening hours as posted, e.g. "周一至周六 7:00–18:00".
    public var hours: String
    public var services: [GigService]
    public var phone: String?

    public init(id: UUID, name: String, countyCode: String, address: String, hours: String, services: [GigService], phone: String?) {
        self.id = id
        self.name = name
        self.countyCode = countyCode
        self.address = address
        self.hours = hours
        self.services = services
        self.phone = phone
    }
}

/// What someone submits to record or edit a gig market.
public struct GigMarketDraft: Sendable, Codable, Equatable {
    public var name: String?
    public var countyCode: String?
    public var address: String?
    public var hours: String?
    public var services: [String]?
    /// The market's public service number (not personal data).
    public var phone: String?

    public init(name: String? = nil, countyCode: String? = nil, address: String? = nil, hours: String? = nil, services: [String]? = nil,
                phone: String? = nil) {
        self.name = name
        self.countyCode = countyCode
        self.address = address
        self.hours = hours
        self.services = services
        self.phone = phone
    }

    /// Checks every field; services are known codes, each once.
    public func validated(in regions: RegionDirectory, id: UUID) throws(DomainError) -> GigMarket {
        var services: [GigService] = []
        for text in self.services ?? [] {
            guard let service = GigService(rawValue: text) else { throw .invalid("services", "unknown_choice", ["value": text]) }
            if !services.contains(service) { services.append(service) }
        }
        let phone = try Validate.text(phone, field: "phone", max: 20, required: false)
        if let phone, phone.contains(where: { !$0.isNumber && $0 != "-" && $0 != " " }) { throw .invalid("phone", "bad_phone") }
        return GigMarket(id: id, name: try IndustryValidate.line(name, field: "name", max: 100),
                         countyCode: try Validate.shaanxiCounty(countyCode, field: "countyCode", in: regions),
                         address: try IndustryValidate.line(address, field: "address", max: 200),
                         hours: try IndustryValidate.line(hours, field: "hours", max: 60), services: services, phone: phone)
    }
}
