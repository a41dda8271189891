import Foundation

/// What an employer or officer submits to post or edit a job, before it is checked. Wages in fen per month.
public struct JobDraft: Sendable, Codable, Equatable {
    public var title: String?
    public var occupationCode: String?
    public var description: String?
    public var countyCode: String?
    public var wageMin: Int64?
    public var wageMax: Int64?
    public var wageType: String?
    public var headcount: Int?
    public var education: String?
    public var ageMin: Int?
    public var ageMax: Int?
    public var benefits: [String]?
    public var validThrough: String?
    /// Whom to ask about the job (联系人), optional.
    public var contactPerson: String?
    /// A gender restriction. Any value other than empty or `any` is refused: postings may not restrict by gender.
    public var gender: String?
    /// An ethnicity restriction, refused the same way.
    public var ethnicity: String?

    /// Creates a draft.
    public init(title: String? = nil, occupationCode: String? = nil, description: String? = nil, countyCode: String? = nil,
                wageMin: Int64? = nil, wageMax: Int64? = nil, wageType: String? = nil, headcount: Int? = nil,
                education: String? = nil, ageMin: Int? = nil, ageMax: Int? = nil, benefits: [String]? = nil,
                validThrough: String? = nil, contactPerson: String? = nil, gender: String? = nil, ethnicity: String? = nil) {
        self.title = title
        self.occupationCode = occupationCode
        self.description = description
        self.countyCode = countyCode
        self.wageMin = wageMin
        self.wageMax = wageMax
        self.wageType = wageType
        self.headcount = headcount
        self.education = education
        self.ageMin = ageMin
        self.ageMax = ageMax
        self.benefits = benefits
        self.validThrough = validThrough
        self.contactPerson = contactPerson
        self.gender = gender
        self.ethnicity = ethnicity
    }

    /// The checked content of a posting: everything but its identity, employer, status and origin.
    public struct Checked: Sendable, Equatable {
        public var title, occupationCode, description, countyCode: String
        public var wageMin, wageMax: Int64
        public var wageType: WageType
        public var headcount: Int
        public var education: Education
        public var ageMin, ageMax: Int?
        public var benefits: [Benefit]
        public var validThrough: Day
        public var contactPerson: String?
    }

    /// Phrases that restrict applicants by gender or ethnicity (就业促进法 art. 27–28 forbids them).
    static let discriminatoryPhrases = [
        "限男", "限女", "只招男", "只招女", "只要男", "只要女", "不招女", "不招男", "不要女", "不要男", "男性优先", "女性优先",
        "男士优先", "女士优先", "限汉族", "只招汉族", "仅招汉族", "不招少数民族", "少数民族除外", "限本民族",
    ]

    static let phraseBytes = discriminatoryPhrases.map { Array($0.utf8) }

    /// Characters of which every phrase contains one (a test checks it), for a quick first look.
    static let anchors = ["男", "女", "族"].map { Array($0.utf8) }

    /// True when `bytes` contains `part`.
    static func contains(_ bytes: [UInt8], _ part: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { contains($0, part) }
    }

    /// True when `bytes` contains `part`.
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ part: [UInt8]) -> Bool {
        guard !part.isEmpty, part.count <= bytes.count else { return part.isEmpty }
        var start = 0
        while start + part.count <= bytes.count {
            if bytes[start] == part[0], bytes[start..<(start + part.count)].elementsEqual(part) { return true }
            start += 1
        }
        return false
    }

    /// True when `bytes` contains `anchor`: the C library's `memchr` finds each place of its last byte, and only
    /// those are compared (a byte-by-byte search took as long as the rest of checking a received posting's texts).
    static func containsAnchor(_ bytes: UnsafeBufferPointer<UInt8>, _ anchor: [UInt8]) -> Bool {
        guard let base = bytes.baseAddress, let last = anchor.last, bytes.count >= anchor.count else { return anchor.isEmpty }
        var from = anchor.count - 1
        while from < bytes.count, let found = memchr(base + from, Int32(last), bytes.count - from) {
            let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if bytes[(end - anchor.count + 1)...end].elementsEqual(anchor) { return true }
            from = end + 1
        }
        return false
    }

    /// True when the text, with spaces and punctuation removed, contains one of the (Chinese) phrases. A byte search: this
    /// runs for every posting received from a partner, and Foundation's substring search is slow.
    static func isDiscriminatory(_ text: String) -> Bool {
        // Every phrase names a sex or a people (男, 女, 族): a text with none of them needs no closer look.
        var text = text
        guard text.withUTF8({ raw in anchors.contains { containsAnchor(raw, $0) } }) else { return false }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                if (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) { bytes.append(byte) }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        return phraseBytes.contains { contains(bytes, $0) }
    }

    /// Checks every field. `today` bounds the last day; a received posting may already be past it (`allowPast`).
    public func validated(in regions: RegionDirectory, today: Day, allowPast: Bool = false) throws(DomainError) -> Checked {
        try checkRequirements()
        let title = try checkedTitle()
        let description = try checkedDescription()
        let occupation = try checkedOccupation()
        let countyCode = try checkedCounty(in: regions)
        let (wageMin, wageMax) = try checkedWages()
        let wageType = try Self.choice(wageType, field: "wageType", default: WageType.fixed)
        let headcount = try checkedHeadcount()
        let education = try Self.choice(education, field: "education", default: Education.none)
        try checkAges()
        let benefits = try checkedBenefits()
        let validThrough = try checkedValidThrough(today: today, allowPast: allowPast)
        let contactPerson = try checkedContactPerson()
        return Checked(title: title, occupationCode: occupation, description: description, countyCode: countyCode,
                       wageMin: wageMin, wageMax: wageMax, wageType: wageType, headcount: headcount, education: education,
                       ageMin: ageMin, ageMax: ageMax, benefits: benefits, validThrough: validThrough, contactPerson: contactPerson)
    }

    /// Every field's problem at once (the first of each check), for a form that shows them all beside their fields;
    /// the same checks as ``validated(in:today:allowPast:)``.
    public func problems(in regions: RegionDirectory, today: Day, allowPast: Bool = false) -> [DomainError] {
        var problems: [DomainError] = []
        func run(_ check: () throws(DomainError) -> Void) {
            do { try check() } catch { problems.append(error) }
        }
        run { () throws(DomainError) in try checkRequirements() }
        run { () throws(DomainError) in _ = try checkedTitle() }
        run { () throws(DomainError) in _ = try checkedDescription() }
        run { () throws(DomainError) in _ = try checkedOccupation() }
        run { () throws(DomainError) in _ = try checkedCounty(in: regions) }
        run { () throws(DomainError) in _ = try checkedWages() }
        run { () throws(DomainError) in _ = try Self.choice(wageType, field: "wageType", default: WageType.fixed) }
        run { () throws(DomainError) in _ = try checkedHeadcount() }
        run { () throws(DomainError) in _ = try Self.choice(education, field: "education", default: Education.none) }
        run { () throws(DomainError) in try checkAges() }
        run { () throws(DomainError) in _ = try checkedBenefits() }
        run { () throws(DomainError) in _ = try checkedValidThrough(today: today, allowPast: allowPast) }
        run { () throws(DomainError) in _ = try checkedContactPerson() }
        return problems
    }

    /// Gender and ethnicity may only be "any".
    private func checkRequirements() throws(DomainError) {
        for (field, value) in [("gender", gender), ("ethnicity", ethnicity)] {
            let text = value?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            if !["", "any", "不限"].contains(text) { throw .invalid(field, "discriminatory_requirement") }
        }
    }

    /// A name and perhaps how to address them (王女士, 人事部 李经理): at most 30 characters, no line breaks; empty means none.
    private func checkedContactPerson() throws(DomainError) -> String? {
        try Validate.text(contactPerson, field: "contactPerson", max: 30, required: false)
    }

    private func checkedTitle() throws(DomainError) -> String {
        let title = try Validate.required(title, field: "title", max: 60)
        if Self.isDiscriminatory(title) { throw .invalid("title", "discriminatory_requirement") }
        return title
    }

    private func checkedDescription() throws(DomainError) -> String {
        let description = try Validate.text(description, field: "description", max: 4000, required: false) ?? ""
        if Self.isDiscriminatory(description) { throw .invalid("description", "discriminatory_requirement") }
        return description
    }

    private func checkedOccupation() throws(DomainError) -> String {
        let occupation = try Validate.required(occupationCode, field: "occupationCode", max: 10)
        guard OccupationCatalogue.depth(occupation) == 4 else {
            throw .invalid("occupationCode", "occupation_format")
        }
        guard OccupationCatalogue.named(String(occupation.prefix(1))) != nil else { throw .invalid("occupationCode", "occupation_unknown") }
        return occupation
    }

    private func checkedCounty(in regions: RegionDirectory) throws(DomainError) -> String {
        let countyCode = try Validate.required(countyCode, field: "countyCode", max: 9)
        guard let county = regions[countyCode] else { throw .invalid("countyCode", "unknown_region", ["code": countyCode]) }
        guard county.level == .county else { throw .invalid("countyCode", "not_a_county") }
        return countyCode
    }

    private func checkedWages() throws(DomainError) -> (Int64, Int64) {
        let wageMin = try Validate.fen(wageMin, field: "wageMin", required: true, positive: true)!
        let wageMax = try Validate.fen(wageMax, field: "wageMax", required: false, positive: true) ?? wageMin
        guard wageMax >= wageMin else { throw .invalid("wageMax", "wage_max_below_min") }
        guard wageMax <= 10_000_000 else { throw .invalid("wageMax", "amount_too_large") }
        return (wageMin, wageMax)
    }

    private func checkedHeadcount() throws(DomainError) -> Int {
        guard let headcount, headcount >= 1 else { throw .invalid("headcount", headcount == nil ? "required" : "must_be_positive") }
        guard headcount <= 100_000 else { throw .invalid("headcount", "amount_too_large") }
        return headcount
    }

    private func checkAges() throws(DomainError) {
        for (field, age) in [("ageMin", ageMin), ("ageMax", ageMax)] {
            if let age, !(16...70).contains(age) { throw .invalid(field, "age_out_of_range") }
        }
        if let ageMin, let ageMax, ageMax < ageMin { throw .invalid("ageMax", "age_max_below_min") }
    }

    private func checkedBenefits() throws(DomainError) -> [Benefit] {
        var benefits: [Benefit] = []
        for text in self.benefits ?? [] where !text.isEmpty {
            guard let benefit = Benefit(rawValue: text) else { throw .invalid("benefits", "unknown_benefit", ["value": text]) }
            if !benefits.contains(benefit) { benefits.append(benefit) }
        }
        return benefits.sorted { $0.rawValue < $1.rawValue }
    }

    private func checkedValidThrough(today: Day, allowPast: Bool) throws(DomainError) -> Day {
        guard let validThrough = try Validate.day(validThrough, field: "validThrough") else { throw .invalid("validThrough", "required") }
        if !allowPast { guard !(validThrough < today) else { throw .invalid("validThrough", "date_in_past") } }
        guard validThrough.year <= today.year + 1 else { throw .invalid("validThrough", "too_far_ahead") }
        return validThrough
    }

    static func choice<T: RawRepresentable>(_ text: String?, field: String, default value: T) throws(DomainError) -> T
    where T.RawValue == String {
        guard let text = try Validate.text(text, field: field, max: 20, required: false) else { return value }
        guard let choice = T(rawValue: text) else { throw .invalid(field, "unknown_choice", ["value": text]) }
        return choice
    }
}

extension JobDraft {
    /// The draft that edits `posting` (for forms that start from the current values).
    public init(_ posting: JobPosting) {
        self.init(title: posting.title, occupationCode: posting.occupationCode, description: posting.description,
                  countyCode: posting.countyCode, wageMin: posting.wageMin, wageMax: posting.wageMax,
                  wageType: posting.wageType.rawValue, headcount: posting.headcount, education: posting.education.rawValue,
                  ageMin: posting.ageMin, ageMax: posting.ageMax, benefits: posting.benefits.map(\.rawValue),
                  validThrough: posting.validThrough.description)
    }
}
