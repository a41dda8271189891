import Foundation
import NIOCore
import Testing
@testable import XiezuoWeb
import XiezuoCore

@Suite("A partner's feed page as the sync reads it")
struct FeedPageTests {
    func page(_ text: String) throws -> PartnerSync.Page {
        try PartnerSync.Page(json: ByteBuffer(string: text))
    }

    @Test("a page's records, cursor, platform and progress; items that are not objects are counted")
    func whole() throws {
        let page = try page(#"""
            {"items": [{"xiezuo:originId": "a", "seq": 4}, 7, "x", null, {"title": "t"}],
             "next": 9, "hasMore": true, "platform": "shaanxi", "latest": 120, "unknown": [1, {"a": 2}]}
            """#)
        #expect(page.records.count == 2 && page.malformed == 3 && page.received == 5)
        #expect(page.records[0].originId == "a" && page.records[0].seq == 4)
        #expect(page.records[1].title == "t")
        #expect(page.next == 9 && page.hasMore && page.platform == "shaanxi" && page.latest == 120)
    }

    @Test("a page lacking a required member or of the wrong type is refused, to be fetched again", arguments: [
        #"{"next": 9, "hasMore": false, "platform": "p"}"#,
        #"{"items": [], "hasMore": false, "platform": "p"}"#,
        #"{"items": [], "next": "9", "hasMore": false, "platform": "p"}"#,
        #"{"items": [], "next": 9, "platform": "p"}"#,
        #"{"items": [], "next": 9, "hasMore": false}"#,
        #"[]"#,
    ])
    func refused(text: String) {
        #expect(throws: SyncError.self) { try page(text) }
        #expect(SyncError.badPage.isRetryable)
    }

    @Test("a page cut short is not JSON")
    func cut() {
        #expect(throws: JSONPullReader.SyntaxError.self) { try page(#"{"items": [{"title": "t"}, {"ti"#) }
    }
}
