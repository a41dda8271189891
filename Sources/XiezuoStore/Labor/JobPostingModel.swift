import FluentKit
import Foundation
import XiezuoCore

/// A row of `job_postings`; its keys are ``JobPostingColumn``'s.
final class JobPostingModel: Model, @unchecked Sendable {
    static let schema = "job_postings"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: JobPostingColumn.employerID.key) var employerID: UUID?
    @Field(key: JobPostingColumn.employerName.key) var employerName: String
    @Field(key: JobPostingColumn.employerCreditCode.key) var employerCreditCode: String
    @Field(key: JobPostingColumn.title.key) var title: String
    @Field(key: JobPostingColumn.occupationCode.key) var occupationCode: String
    @Field(key: JobPostingColumn.description.key) var description: String
    @Field(key: JobPostingColumn.countyCode.key) var countyCode: String
    @Field(key: JobPostingColumn.wageMin.key) var wageMin: Int64
    @Field(key: JobPostingColumn.wageMax.key) var wageMax: Int64
    @Field(key: JobPostingColumn.wageType.key) var wageType: String
    @Field(key: JobPostingColumn.headcount.key) var headcount: Int
    @Field(key: JobPostingColumn.education.key) var education: String
    @OptionalField(key: JobPostingColumn.ageMin.key) var ageMin: Int?
    @OptionalField(key: JobPostingColumn.ageMax.key) var ageMax: Int?
    @Field(key: JobPostingColumn.benefits.key) var benefits: String
    @Field(key: JobPostingColumn.validThrough.key) var validThrough: String
    @Field(key: JobPostingColumn.status.key) var status: String
    @Field(key: JobPostingColumn.originPlatform.key) var originPlatform: String
    @Field(key: JobPostingColumn.originID.key) var originID: String
    @Field(key: JobPostingColumn.originVersion.key) var originVersion: Int64
    @Field(key: JobPostingColumn.duplicateKey.key) var duplicateKey: String
    @Field(key: JobPostingColumn.postedAt.key) var postedAt: Date
    @Field(key: JobPostingColumn.changeSeq.key) var changeSeq: Int64
    @Timestamp(key: JobPostingColumn.createdAt.key, on: .create) var createdAt: Date?
    @Timestamp(key: JobPostingColumn.updatedAt.key, on: .update) var updatedAt: Date?
    @OptionalField(key: JobPostingColumn.contactPerson.key) var contactPerson: String?

    init() {}

    var posting: JobPosting {
        get throws {
            let row = StoredRow(Self.schema, id: id)
            return JobPosting(id: id!, employerID: employerID, employerName: employerName, employerCreditCode: employerCreditCode,
                              title: title, occupationCode: occupationCode, description: description, countyCode: countyCode,
                              wageMin: wageMin, wageMax: wageMax, wageType: try row.choice(wageType, as: WageType.self, column: "wage_type"),
                              headcount: headcount, education: try row.choice(education, as: Education.self, column: "education"),
                              ageMin: ageMin, ageMax: ageMax, benefits: JobPostingModel.benefits(benefits),
                              validThrough: try row.day(validThrough, column: "valid_through"),
                              status: try row.choice(status, as: JobStatus.self, column: "status"),
                              origin: JobOrigin(platform: originPlatform, id: originID, version: originVersion),
                              postedAt: postedAt, updatedAt: updatedAt, contactPerson: contactPerson)
        }
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
        contactPerson = content.contactPerson
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
