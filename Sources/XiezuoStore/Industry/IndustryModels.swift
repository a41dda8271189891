import FluentKit
import Foundation
import XiezuoCore

/// The `body` column: a record as JSON, with stable key order so audit diffs and tests compare cleanly.
enum RecordBody {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ text: String, as type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

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
    @Field(key: "body") var body: String
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func industry() throws -> FeaturedIndustry { try StoredRow(Self.schema, id: id).body(body, as: FeaturedIndustry.self) }

    func apply(_ industry: FeaturedIndustry, seq: Int64) throws {
        id = industry.id
        name = industry.name
        countyCode = industry.countyCode
        pairingID = industry.pairingID
        category = industry.category
        role = industry.role.rawValue
        since = industry.since
        body = try RecordBody.encode(industry)
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
    @Field(key: "body") var body: String
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func park() throws -> Park { try StoredRow(Self.schema, id: id).body(body, as: Park.self) }

    func apply(_ park: Park, seq: Int64) throws {
        id = park.id
        name = park.name
        countyCode = park.countyCode
        partnerCode = park.partnerCode
        pairingID = park.pairingID
        form = park.form.rawValue
        established = park.established?.description
        body = try RecordBody.encode(park)
        changeSeq = seq
    }
}

/// A row of `enterprises`.
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
    @Field(key: "body") var body: String
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func enterprise() throws -> Enterprise { try StoredRow(Self.schema, id: id).body(body, as: Enterprise.self) }

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
        body = try RecordBody.encode(enterprise)
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
    @Field(key: "body") var body: String
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func event() throws -> PromotionEvent { try StoredRow(Self.schema, id: id).body(body, as: PromotionEvent.self) }

    func apply(_ event: PromotionEvent, seq: Int64) throws {
        id = event.id
        date = event.date.description
        cityCode = event.cityCode
        organiserCode = event.organiserCode
        body = try RecordBody.encode(event)
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
    @Field(key: "body") var body: String
    @Field(key: "change_seq") var changeSeq: Int64

    init() {}

    func share() throws -> EnclaveShare { try StoredRow(Self.schema, id: id).body(body, as: EnclaveShare.self) }

    func apply(_ share: EnclaveShare, seq: Int64) throws {
        id = share.id
        parkID = share.parkID
        fromYear = share.fromYear
        toYear = share.toYear
        body = try RecordBody.encode(share)
        changeSeq = seq
    }
}
