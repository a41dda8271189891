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

    @Test("the full record sets every key the record declares but the tombstone, so the writer is checked for each")
    func fullCoversEveryKey() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(Self.full())) as? [String: Any])
        #expect(Set(object.keys) == Set(JobFeedRecord.CodingKeys.allCases.map(\.rawValue)).subtracting(["xiezuo:tombstone"]))
    }

    @Test("a posting's contact person never travels in the feed")
    func noContactPerson() throws {
        let posting = JobPosting(id: UUID(), employerID: UUID(), employerName: "南京某某餐饮有限公司", employerCreditCode: "91320118MA1X000000",
                                 title: "厨师", occupationCode: "4-03-02-01", description: "", countyCode: "320118", wageMin: 450_000,
                                 wageMax: 600_000, wageType: .fixed, headcount: 2, education: .none, ageMin: nil, ageMax: nil,
                                 benefits: [], validThrough: Day("2026-12-31")!, status: .open,
                                 origin: JobOrigin(platform: "xiezuo", id: "A/1", version: 1), postedAt: Date(timeIntervalSince1970: 1_790_000_000),
                                 contactPerson: "人事部王女士")
        var json = FeedJSON()
        JobFeedRecord(posting, seq: 1, localityName: nil).write(to: &json)
        let text = String(decoding: json.bytes, as: UTF8.self)
        #expect(text.contains("厨师"))
        #expect(!text.contains("王女士"))
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

    @Test("integers of every size and escapes at the ends of a string read back as written")
    func integersAndEdges() throws {
        var json = FeedJSON()
        json.beginObject()
        for (index, value) in [Int64(0), 7, -7, 10, -10, 1_000_000, Int64.max, Int64.min].enumerated() {
            json.member(index == 0 ? "a" : "n", value)
        }
        json.member("u", UInt64.max)
        json.member("s", "\"edge\\\n")
        json.member("t", "\u{0}x\u{7F}é")
        json.member("e", "")
        json.endObject()
        let text = String(decoding: json.bytes, as: UTF8.self)
        #expect(text == #"{"a":0,"n":7,"n":-7,"n":10,"n":-10,"n":1000000,"n":9223372036854775807,"n":-9223372036854775808,"u":18446744073709551615,"s":"\"edge\\\n","t":"\u0000x"# + "\u{7F}é\",\"e\":\"\"}")
        let object = try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any]
        #expect(object?["s"] as? String == "\"edge\\\n" && object?["t"] as? String == "\u{0}x\u{7F}é")
    }

    @Test("yuan written from fen are what Decimal.description makes of the same amount")
    func yuanFromFen() {
        var amounts: [Int64] = [0, 1, 5, 10, 50, 99, 100, 101, 110, 450_050, 1_000_000_000, 10_000_000]
        amounts += (0..<3_000).map { _ in Int64.random(in: 0...20_000_000) }
        for fen in amounts {
            var json = FeedJSON()
            json.yuan(fen: fen)
            #expect(String(decoding: json.bytes, as: UTF8.self) == JobFeedRecord.yuan(fen: fen).description, "\(fen)")
        }
        // A value that is not the fen's yuan is written as it is.
        var json = FeedJSON()
        json.beginObject()
        json.member("minValue", Decimal(string: "12.345")!, fen: 1_234)
        json.member("maxValue", JobFeedRecord.yuan(fen: 1_250), fen: 1_250)
        json.endObject()
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"{"minValue":12.345,"maxValue":12.5}"#)
    }

    @Test("strings of plain text, escapes and multi-byte characters at every position read back as themselves")
    func stringsReadBack() throws {
        let pieces = ["a", "Z", " ", "辅", "警", "😀", "\"", "\\", "\n", "\t", "\u{01}", "\u{1F}", "/", "~", "\u{7F}", "é"]
        for length in 0..<40 {
            for _ in 0..<25 {
                let text = (0..<length).map { _ in pieces.randomElement()! }.joined()
                var json = FeedJSON()
                json.beginArray()
                json.string(text)
                json.endArray()
                #expect(!json.bytes.contains { $0 < 0x20 }, "a raw control character in \(json.bytes)")
                let read = try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String]
                #expect(read == [text], "\(text.debugDescription)")
            }
        }
        // Each byte value in each position of a word, against the byte-by-byte rule.
        for byte in UInt8.min...UInt8.max {
            for position in 0..<8 {
                let word = UInt64(byte) << (8 * position) | (0x4141_4141_4141_4141 & ~(UInt64(0xFF) << (8 * position)))
                #expect(FeedJSON.needsEscape(word) == (byte < 0x20 || byte == 0x22 || byte == 0x5C), "\(byte) at \(position)")
            }
        }
    }
}

