import Foundation

/// One statistic's split between the sending and the hosting region, in basis points; the two sum to 10,000.
public struct ShareSplit: Sendable, Codable, Hashable {
    public var sending: Int
    public var hosting: Int

    public init(sending: Int, hosting: Int) {
        self.sending = sending
        self.hosting = hosting
    }

    /// `amount`'s part for each side: the sending part rounded down to the fen, the hosting part the rest, so the
    /// two add up. In integers (amount × share would lose fen in floating point near the largest amounts).
    public func split(_ amount: Int64) -> (sending: Int64, hosting: Int64) {
        let share = Int64(sending)
        let part = (amount / 10_000) * share + (amount % 10_000) * share / 10_000
        return (part, amount - part)
    }
}

/// The agreed sharing of an enclave park's statistics (飞地经济) for a span of years.
public struct EnclaveShare: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var parkID: UUID
    /// The region that sends the projects, and the region that hosts the park.
    public var sendingCode: String
    public var hostingCode: String
    public var fromYear: Int
    /// The last year it applies; nil while in force.
    public var toYear: Int?
    public var outputValue: ShareSplit
    public var taxRevenue: ShareSplit
    public var gdp: ShareSplit

    public init(id: UUID, parkID: UUID, sendingCode: String, hostingCode: String, fromYear: Int, toYear: Int?, outputValue: ShareSplit,
                taxRevenue: ShareSplit, gdp: ShareSplit) {
        self.id = id
        self.parkID = parkID
        self.sendingCode = sendingCode
        self.hostingCode = hostingCode
        self.fromYear = fromYear
        self.toYear = toYear
        self.outputValue = outputValue
        self.taxRevenue = taxRevenue
        self.gdp = gdp
    }

    /// True when the arrangement applies in `year`.
    public func covers(_ year: Int) -> Bool { fromYear <= year && (toYear.map { year <= $0 } ?? true) }

    /// True when two arrangements' spans share a year.
    public func overlaps(_ other: EnclaveShare) -> Bool {
        fromYear <= (other.toYear ?? Int.max) && other.fromYear <= (toYear ?? Int.max)
    }
}

/// What someone submits to agree an enclave share. Shares in basis points (10,000 = 100 %).
public struct EnclaveShareDraft: Sendable, Codable, Equatable {
    public var sendingCode: String?
    public var fromYear: Int?
    public var toYear: Int?
    public var outputSending: Int?
    public var outputHosting: Int?
    public var taxSending: Int?
    public var taxHosting: Int?
    public var gdpSending: Int?
    public var gdpHosting: Int?

    public init(sendingCode: String? = nil, fromYear: Int? = nil, toYear: Int? = nil, outputSending: Int? = nil, outputHosting: Int? = nil,
                taxSending: Int? = nil, taxHosting: Int? = nil, gdpSending: Int? = nil, gdpHosting: Int? = nil) {
        self.sendingCode = sendingCode
        self.fromYear = fromYear
        self.toYear = toYear
        self.outputSending = outputSending
        self.outputHosting = outputHosting
        self.taxSending = taxSending
        self.taxHosting = taxHosting
        self.gdpSending = gdpSending
        self.gdpHosting = gdpHosting
    }

    /// Checks the draft for `park`: the park must be an enclave; the sending side is the park's county or its
    /// partner, the hosting side the other; each split sums to 100 %; the span must not overlap `existing`.
    public func validated(for park: Park, existing: [EnclaveShare], id: UUID) throws(DomainError) -> EnclaveShare {
        guard park.form == .enclave else { throw .invalid("parkId", "park_not_enclave") }
        let sending = try Validate.required(sendingCode, field: "sendingCode", max: 9)
        let hosting: String
        switch sending {
        case park.countyCode: hosting = park.partnerCode
        case park.partnerCode: hosting = park.countyCode
        default: throw .invalid("sendingCode", "not_park_side")
        }
        let from = try Validate.year(fromYear, field: "fromYear", required: true)!
        let to = try Validate.year(toYear, field: "toYear", required: false)
        if let to, to < from { throw .invalid("toYear", "end_before_start") }
        func split(_ sending: Int?, _ hosting: Int?, field: String) throws(DomainError) -> ShareSplit {
            guard let sending else { throw .invalid(field + "Sending", "required") }
            guard let hosting else { throw .invalid(field + "Hosting", "required") }
            guard (0...10_000).contains(sending) else { throw .invalid(field + "Sending", "share_out_of_range") }
            guard (0...10_000).contains(hosting) else { throw .invalid(field + "Hosting", "share_out_of_range") }
            guard sending + hosting == 10_000 else {
                throw .invalid(field + "Hosting", "shares_not_100", ["sum": ShareText.percent(sending + hosting)])
            }
            return ShareSplit(sending: sending, hosting: hosting)
        }
        let share = EnclaveShare(id: id, parkID: park.id, sendingCode: sending, hostingCode: hosting, fromYear: from, toYear: to,
                                 outputValue: try split(outputSending, outputHosting, field: "output"),
                                 taxRevenue: try split(taxSending, taxHosting, field: "tax"),
                                 gdp: try split(gdpSending, gdpHosting, field: "gdp"))
        if existing.contains(where: { $0.id != id && $0.overlaps(share) }) { throw .invalid("fromYear", "share_period_overlaps") }
        return share
    }
}

/// An enclave park's statistics for one year, in fen.
public struct ParkFigures: Sendable, Codable, Hashable {
    public var parkID: UUID
    public var year: Int
    public var outputValue: Int64
    public var taxRevenue: Int64
    public var gdp: Int64

    public init(parkID: UUID, year: Int, outputValue: Int64, taxRevenue: Int64, gdp: Int64) {
        self.parkID = parkID
        self.year = year
        self.outputValue = outputValue
        self.taxRevenue = taxRevenue
        self.gdp = gdp
    }
}

/// One enclave park's year: its figures and each side's part of them under the arrangement in force.
public struct EnclaveReportLine: Sendable, Codable, Hashable {
    public var parkID: UUID
    public var parkName: String
    public var year: Int
    public var share: EnclaveShare?
    public var figures: ParkFigures?
    /// Each side's part, in fen (nil while figures or an arrangement are missing).
    public var sendingOutput: Int64?
    public var hostingOutput: Int64?
    public var sendingTax: Int64?
    public var hostingTax: Int64?
    public var sendingGDP: Int64?
    public var hostingGDP: Int64?

    public init(park: Park, year: Int, shares: [EnclaveShare], figures: ParkFigures?) {
        parkID = park.id
        parkName = park.name
        self.year = year
        share = shares.first { $0.covers(year) }
        self.figures = figures
        if let share, let figures {
            (sendingOutput, hostingOutput) = share.outputValue.split(figures.outputValue)
            (sendingTax, hostingTax) = share.taxRevenue.split(figures.taxRevenue)
            (sendingGDP, hostingGDP) = share.gdp.split(figures.gdp)
        }
    }
}

/// Basis points as a percentage for messages.
public enum ShareText {
    /// `8050` → `80.5%`.
    public static func percent(_ basisPoints: Int) -> String {
        let whole = basisPoints / 100, rest = basisPoints % 100
        if rest == 0 { return "\(whole)%" }
        return rest % 10 == 0 ? "\(whole).\(rest / 10)%" : "\(whole).\(String(format: "%02d", rest))%"
    }
}
