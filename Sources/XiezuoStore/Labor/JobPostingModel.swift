import FluentKit
import Foundation
import XiezuoCore

/// A row of `job_postings`.
final class JobPostingModel: Model, @unchecked Sendable {
    static let schema = "job_postings"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "employer_id") var employerID: UUID?
    @Field(key: "employer_name") var employerName: String
    @Field(key: "employer_credit_code") var employerCreditCode: String
    @Field(key: "title") var title: String
    @Field(key: "occupation_code") var occupationCode: String
    @Field(key: "description") var description: String
    @Field(key: "county_code") var countyCode: String
    @Field(key: "wage_min") var wageMin: Int64
    @Field(key: "wage_max") var wageMax: Int64
    @Field(key: "wage_type") var wageType: String
    @Field(key: "headcount") var headcount: Int
    @Field(key: "education") var education: String
    @OptionalField(key: "age_min") var ageMin: Int?
    @OptionalField(key: "age_max") var ageMax: Int?
    @Field(key: "benefits") var benefits: String
    @Field(key: "valid_through") var validThrough: String
    @Field(key: "status") var status: String
    @Field(key: "origin_platform") var originPlatform: String
    @Field(key: "origin_id") var originID: String
    @Field(key: "origin_version") var originVersion: Int64
    @Field(key: "duplicate_key") var duplicateKey: String
    @Field(key: "posted_at") var postedAt: Date
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var posting: JobPosting {
        JobPosting(id: id!, employerID: employerID, employerName: employerName, employerCreditCode: employerCreditCode,
                   title: title, occupationCode: occupationCode, description: description, countyCode: countyCode,
                   wageMin: wageMin, wageMax: wageMax, wageType: WageType(rawValue: wageType) ?? .fixed, headcount: headcount,
                   education: Education(rawValue: education) ?? .none, ageMin: ageMin, ageMax: ageMax,
                   benefits: JobPostingModel.benefits(benefits), validThrough: Day(validThrough) ?? Day("2000-01-01")!,
                   status: JobStatus(rawValue: status) ?? .withdrawn,
                   origin: JobOrigin(platform: originPlatform, id: originID, version: originVersion),
                   postedAt: postedAt, updatedAt: updatedAt)
    }

    /// Copies the checked content onto the row (identity, employer, status and origin are the caller's).
    func apply(_ content: JobDraft.Checked) {
        title = content.title
        occupationCode = content.occupationCode
        description = content.description
        countyCode = content.countyCode
        wageMin = content.wageMin
        wageMax = content.wageMax
        wageType = content.wageType.rawValue
        headcount = content.headcount
        education = content.education.rawValue
        ageMin = content.ageMin
        ageMax = content.ageMax
        benefits = content.benefits.map(\.rawValue).joined(separator: ",")
        validThrough = content.validThrough.description
        duplicateKey = JobText.duplicateKey(creditCode: employerCreditCode, title: content.title, countyCode: content.countyCode,
                                            wageMin: content.wageMin, wageMax: content.wageMax)
    }

    /// The benefits in their stored form, raw values joined by commas; unknown ones are left out. Read from the bytes:
    /// splitting by characters was a fifth of reading a posting for the change feed.
    static func benefits(_ text: String) -> [Benefit] {
        var text = text
        return text.withUTF8 { bytes in
            bytes.split(separator: UInt8(ascii: ",")).compactMap { part in
                benefitBytes.first { $0.bytes.elementsEqual(part) }?.benefit
            }
        }
    }

    private static let benefitBytes = Benefit.allCases.map { (bytes: Array($0.rawValue.utf8), benefit: $0) }
}
