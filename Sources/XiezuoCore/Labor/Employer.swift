import Foundation

/// An employer that posts jobs: a Jiangsu company hiring Shaanxi workers, a park enterprise, a county business.
public struct Employer: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    /// The unified social credit code, unique per employer.
    public var creditCode: String
    public var name: String
    /// The county or city the employer is registered in.
    public var regionCode: String
    public var industry: String
    public var contactName: String
    /// The contact's phone, masked unless the viewer may see it (and the read was audited).
    public var contactPhone: String
    /// True when `contactPhone` is shown in full.
    public var phoneRevealed: Bool

    /// Creates an employer value.
    public init(id: UUID, creditCode: String, name: String, regionCode: String, industry: String, contactName: String,
                contactPhone: String, phoneRevealed: Bool) {
        self.id = id
        self.creditCode = creditCode
        self.name = name
        self.regionCode = regionCode
        self.industry = industry
        self.contactName = contactName
        self.contactPhone = contactPhone
        self.phoneRevealed = phoneRevealed
    }
}

/// What someone submits to register or edit an employer.
public struct EmployerDraft: Sendable, Codable, Equatable {
    public var creditCode: String?
    public var name: String?
    public var regionCode: String?
    public var industry: String?
    public var contactName: String?
    public var contactPhone: String?

    /// Creates a draft.
    public init(creditCode: String? = nil, name: String? = nil, regionCode: String? = nil, industry: String? = nil,
                contactName: String? = nil, contactPhone: String? = nil) {
        self.creditCode = creditCode
        self.name = name
        self.regionCode = regionCode
        self.industry = industry
        self.contactName = contactName
        self.contactPhone = contactPhone
    }

    /// The checked fields, with the phone in full (the store encrypts it).
    public struct Checked: Sendable, Equatable {
        public var creditCode, name, regionCode, industry, contactName, contactPhone: String
    }

    /// Checks every field. When editing (`phoneOptional`), an empty phone means "keep the stored one" and is
    /// returned as "".
    public func validated(in regions: RegionDirectory, phoneOptional: Bool = false) throws(DomainError) -> Checked {
        let creditCode = try CreditCode.validated(creditCode)
        let name = try Validate.required(name, field: "name", max: 100)
        let regionCode = try checkedRegion(in: regions)
        let industry = try Validate.required(industry, field: "industry", max: 40)
        let contactName = try Validate.required(contactName, field: "contactName", max: 40)
        let phone = try PhoneNumber.validated(contactPhone, field: "contactPhone", required: !phoneOptional) ?? ""
        return Checked(creditCode: creditCode, name: name, regionCode: regionCode, industry: industry,
                       contactName: contactName, contactPhone: phone)
    }

    /// Every field's problem at once, for a form that shows them all; the same checks as ``validated(in:phoneOptional:)``.
    public func problems(in regions: RegionDirectory, phoneOptional: Bool = false) -> [DomainError] {
        var problems: [DomainError] = []
        func run(_ check: () throws(DomainError) -> Void) {
            do { try check() } catch { problems.append(error) }
        }
        run { () throws(DomainError) in _ = try CreditCode.validated(creditCode) }
        run { () throws(DomainError) in _ = try Validate.required(name, field: "name", max: 100) }
        run { () throws(DomainError) in _ = try checkedRegion(in: regions) }
        run { () throws(DomainError) in _ = try Validate.required(industry, field: "industry", max: 40) }
        run { () throws(DomainError) in _ = try Validate.required(contactName, field: "contactName", max: 40) }
        run { () throws(DomainError) in _ = try PhoneNumber.validated(contactPhone, field: "contactPhone", required: !phoneOptional) }
        return problems
    }

    private func checkedRegion(in regions: RegionDirectory) throws(DomainError) -> String {
        let regionCode = try Validate.required(regionCode, field: "regionCode", max: 9)
        guard let region = regions[regionCode] else { throw .invalid("regionCode", "unknown_region", ["code": regionCode]) }
        guard region.level != .province else { throw .invalid("regionCode", "region_too_coarse") }
        return regionCode
    }
}
