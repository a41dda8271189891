import Foundation

/// One change in the partner feed: a posting in schema.org `JobPosting` vocabulary plus the origin fields, or a
/// tombstone for a withdrawn or expired posting. The same record is a line of a `.jsonl` hand-over file.
///
/// Every field is optional when decoding so a malformed record can be reported with its reason instead of failing
/// the page; ``posting(in:today:)`` does the checking. The format is documented in `docs/exchange.md`.
public struct JobFeedRecord: Sendable, Codable, Equatable {
    public var context: String?
    public var type: String?
    /// The sender's change sequence number of this change; the cursor for the next page.
    public var seq: Int64?
    public var identifier: Identifier?
    public var originPlatform: String?
    public var originId: String?
    public var originVersion: Int64?
    public var status: String?
    /// True for a withdrawn or expired posting: the receiver removes its copy.
    public var tombstone: Bool?
    public var title: String?
    public var description: String?
    public var occupationalCategory: String?
    public var hiringOrganization: Organization?
    public var jobLocation: Place?
    public var baseSalary: MonetaryAmount?
    public var wageMinFen: Int64?
    public var wageMaxFen: Int64?
    public var wageType: String?
    public var totalJobOpenings: Int?
    public var educationRequirements: String?
    public var ageMin: Int?
    public var ageMax: Int?
    public var jobBenefits: [String]?
    public var validThrough: String?
    public var datePosted: String?

    /// The record's keys as JSON spells them, used by the decoder and the pull reader (``read(_:)``). ``FeedJSON``'s
    /// writer spells them as literals; `FeedJSONTests` checks it writes the same JSON as the encoder, for every key.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case context = "@context", type = "@type", seq, identifier, title, description, occupationalCategory,
             hiringOrganization, jobLocation, baseSalary, totalJobOpenings, educationRequirements, jobBenefits,
             validThrough, datePosted
        case originPlatform = "xiezuo:originPlatform", originId = "xiezuo:originId", originVersion = "xiezuo:originVersion"
        case status = "xiezuo:status", tombstone = "xiezuo:tombstone", wageMinFen = "xiezuo:wageMinFen"
        case wageMaxFen = "xiezuo:wageMaxFen", wageType = "xiezuo:wageType", ageMin = "xiezuo:ageMin", ageMax = "xiezuo:ageMax"
    }

    /// schema.org `PropertyValue`: the posting's id on its origin platform.
    public struct Identifier: Sendable, Codable, Equatable {
        public var type: String? = "PropertyValue"
        public var propertyID: String?
        public var value: String?
        enum CodingKeys: String, CodingKey { case type = "@type", propertyID, value }
    }

    /// schema.org `Organization`; `taxID` carries the unified social credit code.
    public struct Organization: Sendable, Codable, Equatable {
        public var type: String? = "Organization"
        public var name: String?
        public var taxID: String?
        enum CodingKeys: String, CodingKey { case type = "@type", name, taxID }

        /// An organisation with a name and credit code.
        public init(name: String?, taxID: String?) {
            self.name = name
            self.taxID = taxID
        }
    }

    /// schema.org `Place` with a `PostalAddress` whose `addressRegion` is the county's division code.
    public struct Place: Sendable, Codable, Equatable {
        public var type: String? = "Place"
        public var address: Address?
        enum CodingKeys: String, CodingKey { case type = "@type", address }

        /// A place at a county code.
        public init(countyCode: String?, localityName: String? = nil) {
            address = Address(addressCountry: "CN", addressRegion: countyCode, addressLocality: localityName)
        }

        public struct Address: Sendable, Codable, Equatable {
            public var type: String? = "PostalAddress"
            public var addressCountry: String?
            public var addressRegion: String?
            public var addressLocality: String?
            enum CodingKeys: String, CodingKey { case type = "@type", addressCountry, addressRegion, addressLocality }
        }
    }

    /// schema.org `MonetaryAmount` in yuan per month, for readers that only know schema.org; the fen fields rule.
    public struct MonetaryAmount: Sendable, Codable, Equatable {
        public var type: String? = "MonetaryAmount"
        public var currency: String?
        public var value: Value?
        enum CodingKeys: String, CodingKey { case type = "@type", currency, value }

        public struct Value: Sendable, Codable, Equatable {
            public var type: String? = "QuantitativeValue"
            public var minValue: Decimal?
            public var maxValue: Decimal?
            public var unitText: String?
            enum CodingKeys: String, CodingKey { case type = "@type", minValue, maxValue, unitText }
        }
    }

    /// Creates an empty record.
    public init() {}

    /// Decodes leniently: a value of the wrong type reads as absent, so the checks report the record with a
    /// reason instead of one bad value failing a whole page of the feed.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func value<T: Decodable>(_ key: CodingKeys) -> T? { (try? c.decodeIfPresent(T.self, forKey: key)) ?? nil }
        context = value(.context)
        type = value(.type)
        seq = value(.seq)
        identifier = value(.identifier)
        originPlatform = value(.originPlatform)
        originId = value(.originId)
        originVersion = value(.originVersion)
        status = value(.status)
        tombstone = value(.tombstone)
        title = value(.title)
        description = value(.description)
        occupationalCategory = value(.occupationalCategory)
        hiringOrganization = value(.hiringOrganization)
        jobLocation = value(.jobLocation)
        baseSalary = value(.baseSalary)
        wageMinFen = value(.wageMinFen)
        wageMaxFen = value(.wageMaxFen)
        wageType = value(.wageType)
        totalJobOpenings = value(.totalJobOpenings)
        educationRequirements = value(.educationRequirements)
        ageMin = value(.ageMin)
        ageMax = value(.ageMax)
        jobBenefits = value(.jobBenefits)
        validThrough = value(.validThrough)
        datePosted = value(.datePosted)
    }

    /// The record for `posting` at sequence `seq`: in full while it is open or filled, a tombstone once removed.
    public init(_ posting: JobPosting, seq: Int64, localityName: String?) {
        self.seq = seq
        context = "https://schema.org"
        type = "JobPosting"
        identifier = Identifier(propertyID: posting.origin.platform, value: posting.origin.id)
        originPlatform = posting.origin.platform
        originId = posting.origin.id
        originVersion = posting.origin.version
        status = posting.status.rawValue
        if posting.status.isRemoval {
            tombstone = true
            return
        }
        title = posting.title
        description = posting.description
        occupationalCategory = posting.occupationCode
        hiringOrganization = Organization(name: posting.employerName, taxID: posting.employerCreditCode)
        jobLocation = Place(countyCode: posting.countyCode, localityName: localityName)
        baseSalary = MonetaryAmount(currency: "CNY", value: .init(minValue: Self.yuan(fen: posting.wageMin),
                                                                   maxValue: Self.yuan(fen: posting.wageMax), unitText: "MONTH"))
        wageMinFen = posting.wageMin
        wageMaxFen = posting.wageMax
        wageType = posting.wageType.rawValue
        totalJobOpenings = posting.headcount
        educationRequirements = posting.education.rawValue
        ageMin = posting.ageMin
        ageMax = posting.ageMax
        jobBenefits = posting.benefits.map(\.rawValue)
        validThrough = posting.validThrough.description
        datePosted = Day(posting.postedAt).description
    }

    /// The origin this record speaks for, or a reason it cannot be used.
    public func checkedOrigin() throws(DomainError) -> JobOrigin {
        let platform = try Validate.required(originPlatform, field: "xiezuo:originPlatform", max: 40)
        let id = try Validate.required(originId, field: "xiezuo:originId", max: 80)
        guard let originVersion, originVersion > 0 else { throw .invalid("xiezuo:originVersion", "required") }
        return JobOrigin(platform: platform, id: id, version: originVersion)
    }

    /// The status this record carries (a tombstone without status counts as withdrawn).
    public func checkedStatus() throws(DomainError) -> JobStatus {
        if tombstone == true, status == nil { return .withdrawn }
        guard let text = status, let status = JobStatus(rawValue: text) else { throw .invalid("xiezuo:status", "unknown_choice") }
        if tombstone == true, !status.isRemoval { throw .invalid("xiezuo:tombstone", "tombstone_status") }
        return status
    }

    /// The posting's content checked with the same rules as a local posting (a past last day is allowed: the
    /// receiver expires it itself).
    public func checkedContent(in regions: RegionDirectory, today: Day) throws(DomainError) -> (JobDraft.Checked, name: String, creditCode: String, posted: Day?) {
        let draft = JobDraft(title: title, occupationCode: occupationalCategory, description: description,
                             countyCode: jobLocation?.address?.addressRegion, wageMin: wageMinFen, wageMax: wageMaxFen,
                             wageType: wageType, headcount: totalJobOpenings, education: educationRequirements,
                             ageMin: ageMin, ageMax: ageMax, benefits: jobBenefits, validThrough: validThrough)
        let checked = try draft.validated(in: regions, today: today, allowPast: true)
        if let posted = datePosted, Day(posted) == nil { throw .invalid("datePosted", "bad_date") }
        let name = try Validate.required(hiringOrganization?.name, field: "hiringOrganization.name", max: 100)
        let creditCode = try CreditCode.validated(hiringOrganization?.taxID, field: "hiringOrganization.taxID")
        return (checked, name, creditCode, datePosted.flatMap(Day.init))
    }
}

extension JobFeedRecord {
    /// Yuan as fen with the point moved two places (dividing a Decimal by 100 cost a feed page more than its JSON).
    static func yuan(fen: Int64) -> Decimal { Decimal(sign: .plus, exponent: -2, significand: Decimal(fen)) }
}
