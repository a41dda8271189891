import Foundation
import XiezuoCore

/// How a ``FeaturedIndustry`` is kept in `featured_industries.body`: version 1 of the stored shape (see
/// ``StoredShape``).
struct FeaturedIndustryStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var name: String
    var countyCode: String
    var pairingID: UUID?
    var category: String
    var role: String
    var since: Int
    var areaMu: Int?
    var heads: Int?
    var outputValue: Int64?
    var upgrades: [IndustryUpgradeStoredV1]
    var projectIDs: [UUID]
    var valueChain: ValueChainStoredV1
    var farmerLink: FarmerLinkStoredV1
    var description: String?

    init(_ value: FeaturedIndustry) {
        v = Self.version
        id = value.id
        name = value.name
        countyCode = value.countyCode
        pairingID = value.pairingID
        category = value.category
        role = value.role.rawValue
        since = value.since
        areaMu = value.areaMu
        heads = value.heads
        outputValue = value.outputValue
        upgrades = value.upgrades.map(IndustryUpgradeStoredV1.init)
        projectIDs = value.projectIDs
        valueChain = ValueChainStoredV1(value.valueChain)
        farmerLink = FarmerLinkStoredV1(value.farmerLink)
        description = value.description
    }

    func value(in row: StoredRow) throws -> FeaturedIndustry {
        try row.check(version: v, reads: Self.version)
        return FeaturedIndustry(id: id, name: name, countyCode: countyCode, pairingID: pairingID, category: category,
                                role: try row.choice(role, as: IndustryRole.self, column: "body.role"), since: since,
                                areaMu: areaMu, heads: heads, outputValue: outputValue,
                                upgrades: try upgrades.map { try $0.value(in: row) }, projectIDs: projectIDs,
                                valueChain: try valueChain.value(in: row), farmerLink: try farmerLink.value(in: row),
                                description: description)
    }
}

/// How a ``Park`` is kept in `parks.body`: version 1 of the stored shape (see ``StoredShape``).
struct ParkStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var name: String
    var countyCode: String
    var form: String
    var partnerCode: String
    var partnerPark: String?
    var pairingID: UUID?
    var established: String?
    var plannedAreaMu: Int
    var builtAreaMu: Int
    var projectIDs: [UUID]
    var description: String?

    init(_ value: Park) {
        v = Self.version
        id = value.id
        name = value.name
        countyCode = value.countyCode
        form = value.form.rawValue
        partnerCode = value.partnerCode
        partnerPark = value.partnerPark
        pairingID = value.pairingID
        established = value.established?.description
        plannedAreaMu = value.plannedAreaMu
        builtAreaMu = value.builtAreaMu
        projectIDs = value.projectIDs
        description = value.description
    }

    func value(in row: StoredRow) throws -> Park {
        try row.check(version: v, reads: Self.version)
        return Park(id: id, name: name, countyCode: countyCode,
                    form: try row.choice(form, as: ParkForm.self, column: "body.form"), partnerCode: partnerCode,
                    partnerPark: partnerPark, pairingID: pairingID,
                    established: try row.day(established, column: "body.established"), plannedAreaMu: plannedAreaMu,
                    builtAreaMu: builtAreaMu, projectIDs: projectIDs, description: description)
    }
}

/// How a ``PromotionEvent`` is kept in `promotion_events.body`: version 1 of the stored shape (see ``StoredShape``).
struct PromotionEventStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var title: String
    var date: String
    var cityCode: String
    var organiserCode: String
    var chain: String?
    var enterprisesMet: Int
    var dealsSigned: Int
    var signedInvestment: Int64
    var description: String?

    init(_ value: PromotionEvent) {
        v = Self.version
        id = value.id
        title = value.title
        date = value.date.description
        cityCode = value.cityCode
        organiserCode = value.organiserCode
        chain = value.chain
        enterprisesMet = value.enterprisesMet
        dealsSigned = value.dealsSigned
        signedInvestment = value.signedInvestment
        description = value.description
    }

    func value(in row: StoredRow) throws -> PromotionEvent {
        try row.check(version: v, reads: Self.version)
        return PromotionEvent(id: id, title: title, date: try row.day(date, column: "body.date"), cityCode: cityCode,
                              organiserCode: organiserCode, chain: chain, enterprisesMet: enterprisesMet,
                              dealsSigned: dealsSigned, signedInvestment: signedInvestment, description: description)
    }
}

/// How an ``EnclaveShare`` is kept in `enclave_shares.body`: version 1 of the stored shape (see ``StoredShape``).
struct EnclaveShareStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var parkID: UUID
    var sendingCode: String
    var hostingCode: String
    var fromYear: Int
    var toYear: Int?
    var outputValue: ShareSplitStoredV1
    var taxRevenue: ShareSplitStoredV1
    var gdp: ShareSplitStoredV1

    init(_ value: EnclaveShare) {
        v = Self.version
        id = value.id
        parkID = value.parkID
        sendingCode = value.sendingCode
        hostingCode = value.hostingCode
        fromYear = value.fromYear
        toYear = value.toYear
        outputValue = ShareSplitStoredV1(value.outputValue)
        taxRevenue = ShareSplitStoredV1(value.taxRevenue)
        gdp = ShareSplitStoredV1(value.gdp)
    }

    func value(in row: StoredRow) throws -> EnclaveShare {
        try row.check(version: v, reads: Self.version)
        return EnclaveShare(id: id, parkID: parkID, sendingCode: sendingCode, hostingCode: hostingCode,
                            fromYear: fromYear, toYear: toYear, outputValue: try outputValue.value(in: row),
                            taxRevenue: try taxRevenue.value(in: row), gdp: try gdp.value(in: row))
    }
}

/// How an ``Enterprise`` is kept in `enterprises.body`: version 1 of the stored shape (see ``StoredShape``).
struct EnterpriseStoredV1: StoredShape {
    static let version = 1

    var v: Int
    var id: UUID
    var name: String
    var creditCode: String?
    var originCode: String
    var chain: String
    var parkID: UUID?
    var countyCode: String
    var pairingID: UUID?
    var status: String
    var plannedInvestment: Int64
    var actualInvestment: Int64
    var jobs: Int
    var jobsRural: Int
    var jobsPovertyLifted: Int
    var signedOn: String?
    var landedOn: String?
    var operatingOn: String?
    var description: String?

    init(_ value: Enterprise) {
        v = Self.version
        id = value.id
        name = value.name
        creditCode = value.creditCode
        originCode = value.originCode
        chain = value.chain
        parkID = value.parkID
        countyCode = value.countyCode
        pairingID = value.pairingID
        status = value.status.rawValue
        plannedInvestment = value.plannedInvestment
        actualInvestment = value.actualInvestment
        jobs = value.jobs
        jobsRural = value.jobsRural
        jobsPovertyLifted = value.jobsPovertyLifted
        signedOn = value.signedOn?.description
        landedOn = value.landedOn?.description
        operatingOn = value.operatingOn?.description
        description = value.description
    }

    func value(in row: StoredRow) throws -> Enterprise {
        try row.check(version: v, reads: Self.version)
        return Enterprise(id: id, name: name, creditCode: creditCode, originCode: originCode, chain: chain,
                          parkID: parkID, countyCode: countyCode, pairingID: pairingID,
                          status: try row.choice(status, as: EnterpriseStatus.self, column: "body.status"),
                          plannedInvestment: plannedInvestment, actualInvestment: actualInvestment, jobs: jobs,
                          jobsRural: jobsRural, jobsPovertyLifted: jobsPovertyLifted,
                          signedOn: try row.day(signedOn, column: "body.signedOn"),
                          landedOn: try row.day(landedOn, column: "body.landedOn"),
                          operatingOn: try row.day(operatingOn, column: "body.operatingOn"), description: description)
    }
}

/// An ``IndustryUpgrade`` inside a stored record.
struct IndustryUpgradeStoredV1: Codable, Sendable, Equatable {
    var kind: String
    var date: String
    var description: String

    init(_ value: IndustryUpgrade) {
        kind = value.kind.rawValue
        date = value.date.description
        description = value.description
    }

    func value(in row: StoredRow) throws -> IndustryUpgrade {
        IndustryUpgrade(kind: try row.choice(kind, as: UpgradeKind.self, column: "body.kind"),
                        date: try row.day(date, column: "body.date"), description: description)
    }
}

/// A ``ValueChain`` inside a stored record.
struct ValueChainStoredV1: Codable, Sendable, Equatable {
    var leadingEnterprises: [String]
    var cooperatives: [String]
    var productionBases: [String]
    var households: Int

    init(_ value: ValueChain) {
        leadingEnterprises = value.leadingEnterprises
        cooperatives = value.cooperatives
        productionBases = value.productionBases
        households = value.households
    }

    func value(in row: StoredRow) throws -> ValueChain {
        ValueChain(leadingEnterprises: leadingEnterprises, cooperatives: cooperatives,
                   productionBases: productionBases, households: households)
    }
}

/// A ``FarmerLink`` inside a stored record.
struct FarmerLinkStoredV1: Codable, Sendable, Equatable {
    var households: Int
    var incomeIncrease: Int64
    var mechanisms: [String]

    init(_ value: FarmerLink) {
        households = value.households
        incomeIncrease = value.incomeIncrease
        mechanisms = value.mechanisms.map(\.rawValue)
    }

    func value(in row: StoredRow) throws -> FarmerLink {
        FarmerLink(households: households, incomeIncrease: incomeIncrease,
                   mechanisms: try mechanisms.map { try row.choice($0, as: LinkMechanism.self, column: "body.mechanisms") })
    }
}

/// A ``ShareSplit`` inside a stored record.
struct ShareSplitStoredV1: Codable, Sendable, Equatable {
    var sending: Int
    var hosting: Int

    init(_ value: ShareSplit) {
        sending = value.sending
        hosting = value.hosting
    }

    func value(in row: StoredRow) throws -> ShareSplit {
        ShareSplit(sending: sending, hosting: hosting)
    }
}

