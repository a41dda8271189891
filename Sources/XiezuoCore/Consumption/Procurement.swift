import Foundation

/// A Jiangsu budget unit's canteen buying for a year (预留份额): at least 10% of its canteen food should come from
/// poverty-lifted areas.
public struct Procurement: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    /// The budget unit (预算单位), e.g. a city bureau.
    public var unitName: String
    public var regionCode: String
    public var year: Int
    /// Fen spent on canteen food in the year, and of it on products of poverty-lifted areas.
    public var canteenSpending: Int64
    public var povertyAreaSpending: Int64

    public init(id: UUID, unitName: String, regionCode: String, year: Int, canteenSpending: Int64, povertyAreaSpending: Int64) {
        self.id = id
        self.unitName = unitName
        self.regionCode = regionCode
        self.year = year
        self.canteenSpending = canteenSpending
        self.povertyAreaSpending = povertyAreaSpending
    }

    /// The floor, in basis points of canteen spending.
    public static let floorBasisPoints = 1_000

    /// The share bought from poverty-lifted areas in basis points, rounded down; nil when the unit spent nothing on its
    /// canteen (no share can be said).
    public var shareBasisPoints: Int? {
        guard canteenSpending > 0 else { return nil }
        return Int(povertyAreaSpending * 10_000 / canteenSpending)
    }

    /// True when the share reaches the floor; nil with no canteen spending.
    public var meetsFloor: Bool? { shareBasisPoints.map { $0 >= Self.floorBasisPoints } }
}

/// What staff submit to record a budget unit's year.
public struct ProcurementDraft: Sendable, Codable, Equatable {
    public var unitName: String?
    public var regionCode: String?
    public var year: Int?
    public var canteenSpending: Int64?
    public var povertyAreaSpending: Int64?

    public init(unitName: String? = nil, regionCode: String? = nil, year: Int? = nil, canteenSpending: Int64? = nil, povertyAreaSpending: Int64? = nil) {
        self.unitName = unitName
        self.regionCode = regionCode
        self.year = year
        self.canteenSpending = canteenSpending
        self.povertyAreaSpending = povertyAreaSpending
    }

    /// Checks every field: a Jiangsu region, a year not after this one, the part not above the whole.
    public func validated(in regions: RegionDirectory, id: UUID, today: Day) throws(DomainError) -> Procurement {
        let name = try IndustryValidate.line(unitName, field: "unitName", max: 100)
        let region = try Validate.jiangsuRegion(regionCode, field: "regionCode", in: regions)
        guard let year = try Validate.year(year, field: "year", required: true) else { throw .invalid("year", "required") }
        guard year <= today.year else { throw .invalid("year", "in_future") }
        let canteen = try Validate.fen(canteenSpending, field: "canteenSpending", required: true)!
        let part = try Validate.fen(povertyAreaSpending, field: "povertyAreaSpending", required: true)!
        guard part <= canteen else { throw .invalid("povertyAreaSpending", "part_exceeds_whole") }
        return Procurement(id: id, unitName: name, regionCode: region, year: year, canteenSpending: canteen, povertyAreaSpending: part)
    }
}
