import Foundation

/// What the cooperation achieved in a year, for a region or a pairing, section by section in the order of the reply
/// letter: funds, 一县一特色, 一县一园区, consumption, labour, personnel and villages, and where each county's year
/// stands. Every figure the dashboard also shows comes from the same facts (`figures`); the lists and the splits are
/// read from the records.
public struct AnnualReport: Sendable, Codable, Equatable {
    /// A named record the report lists, with the county it belongs to and, where it has them, an amount and a count.
    public struct Item: Sendable, Codable, Equatable {
        public var name: String
        public var countyCode: String
        public var kind: String?
        public var amount: Int64?
        public var count: Int?

        public init(name: String, countyCode: String, kind: String? = nil, amount: Int64? = nil, count: Int? = nil) {
            self.name = name
            self.countyCode = countyCode
            self.kind = kind
            self.amount = amount
            self.count = count
        }
    }

    /// An amount under a key (an action area, a category, a platform).
    public struct Split: Sendable, Codable, Equatable {
        public var key: String
        public var amount: Int64

        public init(key: String, amount: Int64) {
            self.key = key
            self.amount = amount
        }
    }

    /// Where a county's year stands, with its grade once one is set.
    public struct CountyState: Sendable, Codable, Equatable {
        public var countyCode: String
        public var state: PeriodState
        public var grade: Grade?

        public init(countyCode: String, state: PeriodState, grade: Grade?) {
            self.countyCode = countyCode
            self.state = state
            self.grade = grade
        }
    }

    /// Budget units' purchases from poverty-lifted areas against the floor (10 % of canteen spending).
    public struct ProcurementSummary: Sendable, Codable, Equatable {
        public var units: Int
        public var unitsMeetingFloor: Int
        public var canteenSpending: Int64
        public var povertyAreaSpending: Int64
        /// povertyAreaSpending / canteenSpending in basis points; nil without canteen spending.
        public var shareBasisPoints: Int?

        public init(units: Int, unitsMeetingFloor: Int, canteenSpending: Int64, povertyAreaSpending: Int64) {
            self.units = units
            self.unitsMeetingFloor = unitsMeetingFloor
            self.canteenSpending = canteenSpending
            self.povertyAreaSpending = povertyAreaSpending
            shareBasisPoints = canteenSpending > 0 ? Int(Double(povertyAreaSpending) * 10_000 / Double(canteenSpending)) : nil
        }
    }

    public var year: Int
    public var regionCode: String?
    public var pairingID: UUID?
    public var producedAt: Date
    /// Every indicator's value for the year, as the dashboard shows it (a share in basis points; nil for no data).
    public var figures: [IndicatorFigure]
    /// The agreement's four-action threshold (basis points), if an agreement applies.
    public var shareThreshold: Int?
    /// Jiangsu aid committed in the year, by the action area and by the category of the projects it went to.
    public var aidByArea: [Split]
    public var aidByCategory: [Split]
    public var industries: [Item]
    public var parks: [Item]
    public var enterprisesLanded: [Item]
    public var enclaveShares: Int
    /// Products published in the shop (推介产品) and regional brands.
    public var productsPromoted: Int
    public var regionalBrands: Int
    public var procurement: ProcurementSummary?
    public var gigMarkets: Int
    public var trips: Int
    public var passengers: Int
    /// Training programmes ending in the year, by mode (order-based, project-based).
    public var trainingByMode: [Split]
    /// Postings received from each partner platform in the year, and this platform's own postings offered in its feed.
    public var postingsReceived: [Split]
    public var postingsOffered: Int
    public var counties: [CountyState]

    public init(year: Int, regionCode: String?, pairingID: UUID?, producedAt: Date, figures: [IndicatorFigure], shareThreshold: Int?,
                aidByArea: [Split], aidByCategory: [Split], industries: [Item], parks: [Item], enterprisesLanded: [Item], enclaveShares: Int,
                productsPromoted: Int, regionalBrands: Int, procurement: ProcurementSummary?, gigMarkets: Int, trips: Int, passengers: Int,
                trainingByMode: [Split], postingsReceived: [Split], postingsOffered: Int, counties: [CountyState]) {
        self.year = year
        self.regionCode = regionCode
        self.pairingID = pairingID
        self.producedAt = producedAt
        self.figures = figures
        self.shareThreshold = shareThreshold
        self.aidByArea = aidByArea
        self.aidByCategory = aidByCategory
        self.industries = industries
        self.parks = parks
        self.enterprisesLanded = enterprisesLanded
        self.enclaveShares = enclaveShares
        self.productsPromoted = productsPromoted
        self.regionalBrands = regionalBrands
        self.procurement = procurement
        self.gigMarkets = gigMarkets
        self.trips = trips
        self.passengers = passengers
        self.trainingByMode = trainingByMode
        self.postingsReceived = postingsReceived
        self.postingsOffered = postingsOffered
        self.counties = counties
    }

    /// One indicator's value (nil for no data).
    public func value(_ code: String) -> Int64? { figures.first { $0.code == code }?.actual }

    /// True when every county of the report has its year approved by the province.
    public var allApproved: Bool { !counties.isEmpty && counties.allSatisfy { $0.state == .approved } }
}
