import Foundation

/// What kind of consumption-assistance event.
public enum SalesEventKind: String, Sendable, Codable, CaseIterable {
    /// 展销会
    case fair
    /// 推介会
    case promotion
    /// 直播 (a livestream session)
    case livestream
}

/// An event that sells the counties' products: a fair or a promotion in a Jiangsu city, or a livestream session.
public struct SalesEvent: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var kind: SalesEventKind
    public var title: String
    public var date: Day
    /// The Jiangsu city it is held in (for a livestream, the organiser's city).
    public var cityCode: String
    public var organiser: String
    /// Suppliers taking part (employer records of Shaanxi counties).
    public var supplierIDs: [UUID]
    /// Livestream: the platform, host and session.
    public var platform: String?
    public var host: String?
    public var session: String?
    public var dealsSigned: Int
    /// Fen of signed deals.
    public var dealsAmount: Int64
    public var generated: Bool

    public init(id: UUID, kind: SalesEventKind, title: String, date: Day, cityCode: String, organiser: String, supplierIDs: [UUID],
                platform: String?, host: String?, session: String?, dealsSigned: Int, dealsAmount: Int64, generated: Bool = false) {
        self.id = id
        self.kind = kind
        self.title = title
        self.date = date
        self.cityCode = cityCode
        self.organiser = organiser
        self.supplierIDs = supplierIDs
        self.platform = platform
        self.host = host
        self.session = session
        self.dealsSigned = dealsSigned
        self.dealsAmount = dealsAmount
        self.generated = generated
    }
}

/// What staff submit to record an event.
public struct SalesEventDraft: Sendable, Codable, Equatable {
    public var kind: String?
    public var title: String?
    public var date: String?
    public var cityCode: String?
    public var organiser: String?
    public var supplierIds: [UUID]?
    public var platform: String?
    public var host: String?
    public var session: String?
    public var dealsSigned: Int?
    public var dealsAmount: Int64?

    public init(kind: String? = nil, title: String? = nil, date: String? = nil, cityCode: String? = nil, organiser: String? = nil,
                supplierIds: [UUID]? = nil, platform: String? = nil, host: String? = nil, session: String? = nil, dealsSigned: Int? = nil,
                dealsAmount: Int64? = nil) {
        self.kind = kind
        self.title = title
        self.date = date
        self.cityCode = cityCode
        self.organiser = organiser
        self.supplierIds = supplierIds
        self.platform = platform
        self.host = host
        self.session = session
        self.dealsSigned = dealsSigned
        self.dealsAmount = dealsAmount
    }

    /// Checks every field; a livestream names its platform and host; `knownSuppliers` are the suppliers on record.
    public func validated(in regions: RegionDirectory, id: UUID, knownSuppliers: Set<UUID>) throws(DomainError) -> SalesEvent {
        let kindText = try Validate.required(kind, field: "kind", max: 20)
        guard let kind = SalesEventKind(rawValue: kindText) else { throw .invalid("kind", "unknown_choice", ["value": kindText]) }
        var suppliers: [UUID] = []
        for supplier in supplierIds ?? [] where !suppliers.contains(supplier) {
            guard knownSuppliers.contains(supplier) else { throw .invalid("supplierIds", "unknown_supplier") }
            suppliers.append(supplier)
        }
        let platform = try Validate.text(platform, field: "platform", max: 40, required: kind == .livestream)
        let host = try Validate.text(host, field: "host", max: 40, required: kind == .livestream)
        return SalesEvent(id: id, kind: kind, title: try IndustryValidate.line(title, field: "title", max: 100),
                          date: try IndustryValidate.day(date, field: "date", required: true, notAfter: nil)!,
                          cityCode: try Validate.jiangsuRegion(cityCode, field: "cityCode", in: regions),
                          organiser: try IndustryValidate.line(organiser, field: "organiser", max: 100), supplierIDs: suppliers,
                          platform: platform, host: host, session: try Validate.text(session, field: "session", max: 60, required: false),
                          dealsSigned: try Validate.count(dealsSigned, field: "dealsSigned"),
                          dealsAmount: try Validate.fen(dealsAmount, field: "dealsAmount", required: false) ?? 0)
    }
}
