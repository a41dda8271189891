import FluentKit
import Foundation
import XiezuoCore

/// A row of `featured_industries`.
final class FeaturedIndustryModel: Model, @unchecked Sendable {
    static let schema = "featured_industries"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "county_code") var countyCode: String
    @OptionalField(key: "pairing_id") var pairingID: UUID?
    @Field(key: "category") var category: String
    @Field(key: "role") var role: String
    @Field(key: "since") var since: Int
    @Field(key: "body") var body: StoredBody<FeaturedIndustryStoredV1>
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func industry() throws -> FeaturedIndustry { try body.value(in: StoredRow(Self.schema, id: id)) }

    func apply(_ industry: FeaturedIndustry, seq: Int64) throws {
        id = industry.id
        name = industry.name
        countyCode = industry.countyCode
        pairingID = industry.pairingID
        category = industry.category
        role = industry.role.rawValue
        since = industry.since
        body = StoredBody(FeaturedIndustryStoredV1(industry))
        changeSeq = seq
    }
}

/// A row of `parks`.
final class ParkModel: Model, @unchecked Sendable {
    static let schema = "parks"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "county_code") var countyCode: String
    @Field(key: "partner_code") var partnerCode: String
    @OptionalField(key: "pairing_id") var pairingID: UUID?
    @Field(key: "form") var form: String
    @OptionalField(key: "established") var established: String?
    @Field(key: "body") var body: StoredBody<ParkStoredV1>
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func park() throws -> Park { try body.value(in: StoredRow(Self.schema, id: id)) }

    func apply(_ park: Park, seq: Int64) throws {
        id = park.id
        name = park.name
        countyCode = park.countyCode
        partnerCode = park.partnerCode
        pairingID = park.pairingID
        form = park.form.rawValue
        established = park.established?.description
        body = StoredBody(ParkStoredV1(park))
        changeSeq = seq
    }
}

/// A row of `enterprises`: the columns lists filter and sort on, the figures reports will sum (investment, jobs, the
/// pipeline's days: kept by every write, read by no query yet; the yearly report and exports are to use them), and
/// the record in its stored shape (``EnterpriseStoredV1``) in `body`.
final class EnterpriseModel: Model, @unchecked Sendable {
    static let schema = "enterprises"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @OptionalField(key: "credit_code") var creditCode: String?
    @Field(key: "county_code") var countyCode: String
    @Field(key: "origin_code") var originCode: String
    @OptionalField(key: "park_id") var parkID: UUID?
    @OptionalField(key: "pairing_id") var pairingID: UUID?
    @Field(key: "status") var status: String
    @Field(key: "chain") var chain: String
    @Field(key: "planned_investment") var plannedInvestment: Int64
    @Field(key: "actual_investment") var actualInvestment: Int64
    @Field(key: "jobs") var jobs: Int
    @Field(key: "jobs_rural") var jobsRural: Int
    @Field(key: "jobs_poverty_lifted") var jobsPovertyLifted: Int
    @OptionalField(key: "signed_on") var signedOn: String?
    @OptionalField(key: "landed_on") var landedOn: String?
    @OptionalField(key: "operating_on") var operatingOn: String?
    @Field(key: "body") var body: StoredBody<EnterpriseStoredV1>
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func enterprise() throws -> Enterprise { try body.value(in: StoredRow(Self.schema, id: id)) }

    func apply(_ enterprise: Enterprise, seq: Int64) throws {
        id = enterprise.id
        name = enterprise.name
        creditCode = enterprise.creditCode
        countyCode = enterprise.countyCode
        originCode = enterprise.originCode
        parkID = enterprise.parkID
        pairingID = enterprise.pairingID
        status = enterprise.status.rawValue
        chain = enterprise.chain
        plannedInvestment = enterprise.plannedInvestment
        actualInvestment = enterprise.actualInvestment
        jobs = enterprise.jobs
        jobsRural = enterprise.jobsRural
        jobsPovertyLifted = enterprise.jobsPovertyLifted
        signedOn = enterprise.signedOn?.description
        landedOn = enterprise.landedOn?.description
        operatingOn = enterprise.operatingOn?.description
        body = StoredBody(EnterpriseStoredV1(enterprise))
        changeSeq = seq
    }
}

/// A row of `promotion_events`.
final class PromotionEventModel: Model, @unchecked Sendable {
    static let schema = "promotion_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "date") var date: String
    @Field(key: "city_code") var cityCode: String
    @Field(key: "organiser_code") var organiserCode: String
    @Field(key: "body") var body: StoredBody<PromotionEventStoredV1>
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func event() throws -> PromotionEvent { try body.value(in: StoredRow(Self.schema, id: id)) }

    func apply(_ event: PromotionEvent, seq: Int64) throws {
        id = event.id
        date = event.date.description
        cityCode = event.cityCode
        organiserCode = event.organiserCode
        body = StoredBody(PromotionEventStoredV1(event))
        changeSeq = seq
    }
}

/// A row of `enclave_shares`.
final class EnclaveShareModel: Model, @unchecked Sendable {
    static let schema = "enclave_shares"

    @ID(key: .id) var id: UUID?
    @Field(key: "park_id") var parkID: UUID
    @Field(key: "from_year") var fromYear: Int
    @OptionalField(key: "to_year") var toYear: Int?
    @Field(key: "body") var body: StoredBody<EnclaveShareStoredV1>
    @Field(key: "change_seq") var changeSeq: Int64

    init() {}

    func share() throws -> EnclaveShare { try body.value(in: StoredRow(Self.schema, id: id)) }

    func apply(_ share: EnclaveShare, seq: Int64) throws {
        id = share.id
        parkID = share.parkID
        fromYear = share.fromYear
        toYear = share.toYear
        body = StoredBody(EnclaveShareStoredV1(share))
        changeSeq = seq
    }
}
