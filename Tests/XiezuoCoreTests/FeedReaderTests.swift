import Foundation
import Testing
@testable import XiezuoCore

@Suite("Feed records read by hand")
struct FeedReaderTests {
    /// The record `JSONPullReader` reads from `text` (nil: not an object).
    static func pulled(_ text: String) throws -> JobFeedRecord? {
        try JSONPullReader.read(Array(text.utf8)) { try JobFeedRecord.read(&$0) }
    }

    /// The record Foundation's decoder reads from `text` (nil: not an object).
    static func decoded(_ text: String) throws -> JobFeedRecord? {
        struct Item: Decodable {
            var record: JobFeedRecord?
            init(from decoder: any Decoder) throws { record = try? JobFeedRecord(from: decoder) }
        }
        return try JSONDecoder().decode(Item.self, from: Data(text.utf8)).record
    }

    @Test("records written by FeedJSON read back as themselves", arguments: [FeedJSONTests.full(), FeedJSONTests.tombstone(), JobFeedRecord()])
    func roundTrip(record: JobFeedRecord) throws {
        var json = FeedJSON()
        record.write(to: &json)
        let text = String(decoding: json.bytes, as: UTF8.self)
        #expect(try Self.pulled(text) == record)
        #expect(try Self.pulled(text) == Self.decoded(text))
    }

    @Test("odd but valid records read as JSONDecoder reads them", arguments: [
        #"{"title": 5, "seq": "7", "xiezuo:originVersion": 3.0, "xiezuo:ageMin": 2e1, "xiezuo:ageMax": 20.5}"#,
        #"{"xiezuo:wageMinFen": -0, "xiezuo:wageMaxFen": 99999999999999999999, "totalJobOpenings": 1E2, "seq": null}"#,
        #"{"jobBenefits": ["board", 1], "xiezuo:tombstone": "true", "validThrough": ["2026-01-01"], "datePosted": {}}"#,
        #"{"jobBenefits": [], "xiezuo:tombstone": false, "extra": {"a": [1, {"b": null}], "c": "\u00e9"}, "title": "x"}"#,
        #"{"identifier": {"@type": "PropertyValue", "propertyID": "p", "value": 7}, "hiringOrganization": {"name": null}}"#,
        #"{"identifier": {"propertyID": "p"}, "hiringOrganization": "x", "jobLocation": {"address": {"addressRegion": 610702}}}"#,
        #"{"jobLocation": {"address": {"addressRegion": "610702", "more": true}}, "baseSalary": {"value": {"minValue": "1"}}}"#,
        #"{"baseSalary": {"currency": "CNY", "value": {"minValue": 4500.5, "maxValue": 6e3, "unitText": "MONTH"}}}"#,
        #"{"baseSalary": {"value": null}, "jobLocation": {"address": null, "@type": "Place"}, "identifier": null}"#,
        #"{"baseSalary": {"value": {"minValue": -0.05, "maxValue": 123456789012345678901234.5}}}"#,
        #"{"baseSalary": {"value": {"minValue": 4500.50, "maxValue": 1.5e-3}}}"#,
        #"{"ti\u0074le": "escaped key", "description": "\ud83d\ude00 \u4e2d\u6587 \"q\" \\ \/ \b\f\n\r\t", "@context": "https://schema.org"}"#,
        #" { "title" : "spaces" , "xiezuo:originId" : "a" ,"xiezuo:originPlatform":"b" } "#,
        #"{"title": "first", "title": "second"}"#, #"{"title": 5, "title": "second", "seq": 1, "seq": "x"}"#,
        #"{"identifier": {"value": "a", "value": 5}, "hiringOrganization": {"name": 5, "name": "n"}}"#,
        #"{}"#, #"[]"#, #""text""#, #"12"#, #"null"#, #"true"#,
    ])
    func sameAsDecoder(text: String) throws {
        #expect(try Self.pulled(text) == Self.decoded(text), "\(text)")
    }

    @Test("random values in every field read as JSONDecoder reads them")
    func randomFields() throws {
        var random = SystemRandomNumberGenerator()
        let keys = ["@context", "@type", "seq", "identifier", "xiezuo:originPlatform", "xiezuo:originId", "xiezuo:originVersion",
                    "xiezuo:status", "xiezuo:tombstone", "title", "description", "occupationalCategory", "hiringOrganization",
                    "jobLocation", "baseSalary", "xiezuo:wageMinFen", "xiezuo:wageMaxFen", "xiezuo:wageType", "totalJobOpenings",
                    "educationRequirements", "xiezuo:ageMin", "xiezuo:ageMax", "jobBenefits", "validThrough", "datePosted", "other"]
        let leaves = [#""s""#, #""中文""#, "0", "-12", "3.5", "1e2", "true", "false", "null", "[]", #"["a","b"]"#, "[1]", "{}",
                      "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-0.05", "4500.50",
                      "12345678901234567890.5", "1E-2", "0.000000000000000001"]
        let nestedKeys = ["@type", "propertyID", "value", "name", "taxID", "address", "addressRegion", "addressCountry",
                          "addressLocality", "currency", "minValue", "maxValue", "unitText"]
        func value(depth: Int) -> String {
            if depth < 2, Int.random(in: 0..<4, using: &random) == 0 {
                let members = (0..<Int.random(in: 0..<4, using: &random)).map { _ in
                    "\"\(nestedKeys.randomElement(using: &random)!)\": \(value(depth: depth + 1))"
                }
                return "{" + members.joined(separator: ", ") + "}"
            }
            return leaves.randomElement(using: &random)!
        }
        for _ in 0..<2_000 {
            // Some keys twice: the first occurrence counts.
            let chosen = keys.shuffled(using: &random).prefix(Int.random(in: 0...keys.count, using: &random))
            let members = (chosen + chosen.filter { _ in Int.random(in: 0..<8, using: &random) == 0 }).map {
                "\"\($0)\": \(value(depth: 0))"
            }
            let text = "{" + members.joined(separator: ",") + "}"
            #expect(try Self.pulled(text) == Self.decoded(text), "\(text)")
        }
    }

    /// Foundation's decoder lets some of these through when it never reads the bad value; this reader does not.
    @Test("text that is not JSON throws", arguments: [
        "", "{", #"{"a" 1}"#, #"{"a": 1,}"#, "[1,]", #"{"a": tru}"#, #"{"a": 01}"#, #"{"a": 1.}"#, #"{"a": -}"#,
        "{\"a\": \"tab\there\"}", #"{"a": "\x"}"#, #"{"a": "\ud800"}"#, #"{"a": "\u12"}"#, #"{"a": "open"#, "{} {}", "{}x",
    ])
    func notJSON(text: String) {
        #expect(throws: JSONPullReader.SyntaxError.self) { try Self.pulled(text) }
    }

    @Test("invalid UTF-8 in a string throws, with or without escapes; valid UTF-8 of every length reads back",
          arguments: [[0xC3, 0x28], [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xB8], [0xF4, 0x90, 0x80, 0x80]] as [[UInt8]])
    func invalidUTF8(sequence: [UInt8]) throws {
        for escape in [[], [UInt8(ascii: "\\"), UInt8(ascii: "n")]] as [[UInt8]] {
            let bytes: [UInt8] = Array(#"{"title": "辅警"#.utf8) + escape + sequence + Array(#""}"#.utf8)
            #expect(throws: JSONPullReader.SyntaxError.self) {
                try JSONPullReader.read(bytes) { try JobFeedRecord.read(&$0) }
            }
        }
        let valid = "a é 辅警 😀"
        let record = try JSONPullReader.read(Array(#"{"title": "\#(valid)"}"#.utf8)) { try JobFeedRecord.read(&$0) }
        #expect(record?.title == valid)
    }
}
