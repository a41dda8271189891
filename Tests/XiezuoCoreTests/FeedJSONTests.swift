import Foundation
import Testing
@testable import XiezuoCore

@Suite("Feed records written by hand")
struct FeedJSONTests {
    static func full() -> JobFeedRecord {
        var record = JobFeedRecord()
        record.context = "https://schema.org"
        record.type = "JobPosting"
        record.seq = 42
        record.identifier = .init(propertyID: "xiezuo", value: "A/1")
        record.originPlatform = "xiezuo"
        record.originId = "A/1"
        record.originVersion = 3
        record.status = "open"
        record.title = "厨师 \"主厨\" \\ 后厨/面点"
        record.description = "包吃住\n每月休 4 天\t\u{1}\u{1F}，😀 é"
        record.occupationalCategory = "4-03-02-01"
        record.hiringOrganization = .init(name: "南京某某餐饮有限公司", taxID: "91320118MA1X000000")
        record.jobLocation = .init(countyCode: "320118", localityName: "高淳区")
        record.baseSalary = .init(currency: "CNY", value: .init(minValue: Decimal(450_050) / 100, maxValue: 6_000, unitText: "MONTH"))
        record.wageMinFen = 450_050
        record.wageMaxFen = 600_000
        record.wageType = "monthly"
        record.totalJobOpenings = 5
        record.educationRequirements = "junior_high"
        record.ageMin = 18
        record.ageMax = 50
        record.jobBenefits = ["board", "lodging"]
        record.validThrough = "2026-12-31"
        record.datePosted = "2026-11-01"
        return record
    }

    static func tombstone() -> JobFeedRecord {
        var record = JobFeedRecord()
        record.seq = 43
        record.originPlatform = "jiangsu"
        record.originId = "J-9"
        record.originVersion = 7
        record.status = "withdrawn"
        record.tombstone = true
        record.jobBenefits = []
        return record
    }

    @Test("a record reads back as itself, and as the same JSON Foundation's encoder writes", arguments: [full(), tombstone(), JobFeedRecord()])
    func sameAsEncoder(record: JobFeedRecord) throws {
        var json = FeedJSON()
        json.beginArray()
        record.write(to: &json)
        record.write(to: &json)
        json.endArray()
        let data = Data(json.bytes)
        #expect(try JSONDecoder().decode([JobFeedRecord].self, from: data) == [record, record])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let ours = try JSONSerialization.jsonObject(with: data) as? NSArray
        let foundation = try JSONSerialization.jsonObject(with: encoder.encode([record, record])) as? NSArray
        #expect(ours != nil && ours == foundation)
    }

    @Test("members are separated, absent values left out")
    func shape() {
        var json = FeedJSON()
        json.beginObject()
        json.key("items")
        json.beginArray()
        json.string("a")
        json.string("b")
        json.endArray()
        json.member("next", Int64(5))
        json.member("gone", String?.none)
        json.member("more", true)
        json.endObject()
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"{"items":["a","b"],"next":5,"more":true}"#)
    }
}
