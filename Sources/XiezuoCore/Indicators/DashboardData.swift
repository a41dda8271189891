import Foundation

/// A region's (or pairing's) value of one indicator, for charts.
public struct RegionValue: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    public var value: Int64

    public init(code: String, name: String, value: Int64) {
        self.code = code
        self.name = name
        self.value = value
    }
}

/// Everything a dashboard shows for one year and one region or pairing.
public struct DashboardData: Sendable, Codable, Equatable {
    public var year: Int
    public var regionCode: String?
    public var pairingID: UUID?
    /// The agreement whose targets apply, if there is one.
    public var agreement: Agreement?
    public var figures: [IndicatorFigure]
    /// The indicator the bar chart shows, per child region.
    public var breakdownIndicator: String
    public var breakdown: [RegionValue]
    /// The indicator the trend line shows, per month (12 values).
    public var trendIndicator: String
    public var trend: [Int64]

    public init(year: Int, regionCode: String?, pairingID: UUID?, agreement: Agreement?, figures: [IndicatorFigure],
                breakdownIndicator: String, breakdown: [RegionValue], trendIndicator: String, trend: [Int64]) {
        self.year = year
        self.regionCode = regionCode
        self.pairingID = pairingID
        self.agreement = agreement
        self.figures = figures
        self.breakdownIndicator = breakdownIndicator
        self.breakdown = breakdown
        self.trendIndicator = trendIndicator
        self.trend = trend
    }
}
