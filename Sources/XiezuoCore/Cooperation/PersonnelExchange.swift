import Foundation

/// Which way a person is sent (互派干部人才).
public enum ExchangeDirection: String, Sendable, Codable, CaseIterable {
    /// From Jiangsu to serve in Shaanxi (江苏选派到陕西).
    case toShaanxi = "to_shaanxi"
    /// From Shaanxi to serve in Jiangsu (陕西选派到江苏).
    case toJiangsu = "to_jiangsu"
}

/// Party and government cadre (党政干部) or professional (专业技术人才).
public enum ExchangeLevel: String, Sendable, Codable, CaseIterable {
    case cadre, professional
}

/// The field a professional works in.
public enum ExchangeField: String, Sendable, Codable, CaseIterable {
    case education, health, agriculture, science, other
}

public enum PersonSex: String, Sendable, Codable, CaseIterable {
    case male, female
}

/// A person exchanged between the provinces for a posting (挂职): no ID number is kept.
public struct PersonnelExchange: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var name: String
    public var sex: PersonSex
    /// The person's own employer and post there.
    public var employer: String
    public var post: String
    public var field: ExchangeField
    public var direction: ExchangeDirection
    public var level: ExchangeLevel
    /// The Shaanxi county (or city) served, or sent from when the person goes to Jiangsu; its staff keep the record.
    public var regionCode: String
    /// The Jiangsu region on the other side, if recorded.
    public var partnerCode: String?
    /// The posting, both days included.
    public var from: Day
    public var to: Day
    public var generated: Bool

    public init(id: UUID, name: String, sex: PersonSex, employer: String, post: String, field: ExchangeField, direction: ExchangeDirection,
                level: ExchangeLevel, regionCode: String, partnerCode: String?, from: Day, to: Day, generated: Bool = false) {
        self.id = id
        self.name = name
        self.sex = sex
        self.employer = employer
        self.post = post
        self.field = field
        self.direction = direction
        self.level = level
        self.regionCode = regionCode
        self.partnerCode = partnerCode
        self.from = from
        self.to = to
        self.generated = generated
    }

    /// Days on post within `year` (both ends included), 0 when the posting does not touch it.
    public func daysOnPost(in year: Int) -> Int {
        guard let first = Day("\(year)-01-01"), let last = Day("\(year)-12-31") else { return 0 }
        let start = max(from, first), end = min(to, last)
        guard start <= end else { return 0 }
        return Int(((end.noonInChina.timeIntervalSince(start.noonInChina)) / 86_400).rounded()) + 1
    }
}

/// What someone submits to record or edit an exchanged person.
public struct PersonnelExchangeDraft: Sendable, Codable, Equatable {
    public var name: String?
    public var sex: String?
    public var employer: String?
    public var post: String?
    public var field: String?
    public var direction: String?
    public var level: String?
    public var regionCode: String?
    public var partnerCode: String?
    public var from: String?
    public var to: String?

    public init(name: String? = nil, sex: String? = nil, employer: String? = nil, post: String? = nil, field: String? = nil,
                direction: String? = nil, level: String? = nil, regionCode: String? = nil, partnerCode: String? = nil,
                from: String? = nil, to: String? = nil) {
        self.name = name
        self.sex = sex
        self.employer = employer
        self.post = post
        self.field = field
        self.direction = direction
        self.level = level
        self.regionCode = regionCode
        self.partnerCode = partnerCode
        self.from = from
        self.to = to
    }

    /// Checks every field: a Shaanxi county or city, a Jiangsu partner if given, a posting of at most five years that
    /// ends on or after it starts.
    public func validated(in regions: RegionDirectory, id: UUID) throws(DomainError) -> PersonnelExchange {
        let region = try Validate.required(regionCode, field: "regionCode", max: 9)
        guard let served = regions[region] else { throw .invalid("regionCode", "unknown_region", ["code": region]) }
        guard served.province == .shaanxi, served.level == .county || served.level == .city else {
            throw .invalid("regionCode", "not_shaanxi_county_or_city")
        }
        let partner = try partnerCode.flatMap { $0.isEmpty ? nil : $0 }.map { code throws(DomainError) in
            try Validate.jiangsuRegion(code, field: "partnerCode", in: regions)
        }
        let from = try IndustryValidate.day(self.from, field: "from", required: true, notAfter: nil)!
        let to = try IndustryValidate.day(self.to, field: "to", required: true, notAfter: nil)!
        guard from <= to else { throw .invalid("to", "ends_before_start") }
        guard to.year - from.year <= 5 else { throw .invalid("to", "posting_too_long") }
        return PersonnelExchange(
            id: id, name: try IndustryValidate.line(name, field: "name", max: 30),
            sex: try Validate.choice(sex, field: "sex", as: PersonSex.self),
            employer: try IndustryValidate.line(employer, field: "employer", max: 100), post: try IndustryValidate.line(post, field: "post", max: 60),
            field: try Validate.choice(field, field: "field", as: ExchangeField.self),
            direction: try Validate.choice(direction, field: "direction", as: ExchangeDirection.self),
            level: try Validate.choice(level, field: "level", as: ExchangeLevel.self), regionCode: region, partnerCode: partner,
            from: from, to: to)
    }
}

extension FactRules {
    /// A person counts once in each year of the posting (in its first month within the year), each way and by kind,
    /// with the days on post in that year.
    public static func contributions(of person: PersonnelExchange) -> [FactKey: Int64] {
        var facts: [FactKey: Int64] = [:]
        for year in person.from.year...person.to.year {
            let month = year == person.from.year ? person.from.monthKey : year * 100 + 1
            func add(_ code: String, _ value: Int) {
                guard value != 0 else { return }
                facts[FactKey(indicator: code, countyCode: person.regionCode, pairingID: nil, month: month), default: 0] += Int64(value)
            }
            add(person.direction == .toShaanxi ? IndicatorCatalogue.personnelToShaanxi : IndicatorCatalogue.personnelToJiangsu, 1)
            add(person.level == .cadre ? IndicatorCatalogue.personnelCadres : IndicatorCatalogue.personnelProfessionals, 1)
            add(IndicatorCatalogue.personnelDays, person.daysOnPost(in: year))
        }
        return facts
    }
}
