/// What a job-board visitor asks for: words, filters, an order and a page.
public struct JobQuery: Sendable, Equatable {
    /// Free text in Chinese or Latin letters.
    public var text: String
    /// A region code prefix: a province, city or county.
    public var region: String?
    /// An occupation code prefix: a major group (`4`), middle group (`4-03`) or deeper.
    public var occupation: String?
    /// Postings paying at least this much per month (in fen) at the bottom of their range: "月薪不低于 6000" lists a
    /// 6,000–8,000 job, not a 5,500–6,400 one.
    public var wageMin: Int64?
    /// Benefits a posting must all offer.
    public var benefits: [Benefit]
    /// Region prefixes listed first (a worker's paired Jiangsu city, or their home county's pairing).
    public var preferredRegions: [String]
    public var sort: JobSort

    /// Creates a query.
    public init(text: String = "", region: String? = nil, occupation: String? = nil, wageMin: Int64? = nil,
                benefits: [Benefit] = [], preferredRegions: [String] = [], sort: JobSort = .relevance) {
        self.text = text
        self.region = region
        self.occupation = occupation
        self.wageMin = wageMin
        self.benefits = benefits
        self.preferredRegions = preferredRegions
        self.sort = sort
    }
}

/// The orders the job board offers.
public enum JobSort: String, Sendable, CaseIterable {
    /// Most query characters in the title first, then newest.
    case relevance
    /// Most recently posted first.
    case newest
    /// Highest wage first.
    case wage
}
