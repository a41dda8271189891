import Foundation

/// An investment-promotion event along an industry chain (产业链招商), held in a Jiangsu city by a Shaanxi region.
public struct PromotionEvent: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var title: String
    public var date: Day
    /// The Jiangsu city it was held in.
    public var cityCode: String
    /// The Shaanxi region (province, city or county) that organised it.
    public var organiserCode: String
    public var chain: String?
    /// Enterprises met, and deals signed with them.
    public var enterprisesMet: Int
    public var dealsSigned: Int
    /// Investment agreed in the signed deals, in fen.
    public var signedInvestment: Int64
    public var description: String?

    public init(id: UUID, title: String, date: Day, cityCode: String, organiserCode: String, chain: String? = nil, enterprisesMet: Int = 0,
                dealsSigned: Int = 0, signedInvestment: Int64 = 0, description: String? = nil) {
        self.id = id
        self.title = title
        self.date = date
        self.cityCode = cityCode
        self.organiserCode = organiserCode
        self.chain = chain
        self.enterprisesMet = enterprisesMet
        self.dealsSigned = dealsSigned
        self.signedInvestment = signedInvestment
        self.description = description
    }
}

/// What someone submits to record an event.
public struct PromotionEventDraft: Sendable, Codable, Equatable {
    public var title: String?
    public var date: String?
    public var cityCode: String?
    public var organiserCode: String?
    public var chain: String?
    public var enterprisesMet: Int?
    public var dealsSigned: Int?
    public var signedInvestment: Int64?
    public var description: String?

    public init(title: String? = nil, date: String? = nil, cityCode: String? = nil, organiserCode: String? = nil, chain: String? = nil,
                enterprisesMet: Int? = nil, dealsSigned: Int? = nil, signedInvestment: Int64? = nil, description: String? = nil) {
        self.title = title
        self.date = date
        self.cityCode = cityCode
        self.organiserCode = organiserCode
        self.chain = chain
        self.enterprisesMet = enterprisesMet
        self.dealsSigned = dealsSigned
        self.signedInvestment = signedInvestment
        self.description = description
    }

    /// Checks every field; an event may be recorded ahead of its date, deals only once it has happened.
    public func validated(in regions: RegionDirectory, id: UUID, today: Day) throws(DomainError) -> PromotionEvent {
        let title = try Validate.required(title, field: "title", max: 100)
        let date = try IndustryValidate.day(date, field: "date", required: true, notAfter: nil)!
        let city = try Validate.jiangsuRegion(cityCode, field: "cityCode", in: regions)
        let organiser = try Validate.required(organiserCode, field: "organiserCode", max: 9)
        guard let region = regions[organiser] else { throw .invalid("organiserCode", "unknown_region", ["code": organiser]) }
        guard region.province == .shaanxi else { throw .invalid("organiserCode", "not_shaanxi_region") }
        let met = try Validate.count(enterprisesMet, field: "enterprisesMet")
        let deals = try Validate.count(dealsSigned, field: "dealsSigned")
        if deals > met { throw .invalid("dealsSigned", "part_exceeds_whole") }
        if deals > 0, today < date { throw .invalid("dealsSigned", "event_not_held") }
        let investment = try Validate.fen(signedInvestment, field: "signedInvestment", required: false) ?? 0
        if investment > 0, deals == 0 { throw .invalid("signedInvestment", "investment_without_deals") }
        return PromotionEvent(id: id, title: title, date: date, cityCode: city, organiserCode: organiser,
                              chain: try Validate.text(chain, field: "chain", max: 40, required: false), enterprisesMet: met,
                              dealsSigned: deals, signedInvestment: investment,
                              description: try Validate.text(description, field: "description", max: 2000, required: false))
    }
}
