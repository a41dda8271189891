import FluentKit
import Foundation
import XiezuoCore

/// A row of `employers`.
final class EmployerModel: Model, @unchecked Sendable {
    static let schema = "employers"

    @ID(key: .id) var id: UUID?
    @Field(key: "credit_code") var creditCode: String
    @Field(key: "name") var name: String
    @Field(key: "region_code") var regionCode: String
    @Field(key: "industry") var industry: String
    @Field(key: "contact_name") var contactName: String
    @Field(key: "contact_phone_sealed") var contactPhoneSealed: String
    @Field(key: "contact_phone_masked") var contactPhoneMasked: String
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    /// The employer with its phone masked.
    var masked: Employer {
        Employer(id: id!, creditCode: creditCode, name: name, regionCode: regionCode, industry: industry,
                 contactName: contactName, contactPhone: contactPhoneMasked, phoneRevealed: false)
    }

    func apply(_ checked: EmployerDraft.Checked, cipher: PersonalDataCipher) throws {
        creditCode = checked.creditCode
        name = checked.name
        regionCode = checked.regionCode
        industry = checked.industry
        contactName = checked.contactName
        guard !checked.contactPhone.isEmpty else { return }  // an edit that keeps the stored phone
        contactPhoneSealed = try cipher.seal(checked.contactPhone)
        contactPhoneMasked = PhoneNumber.masked(checked.contactPhone)
    }
}
