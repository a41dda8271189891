import Foundation
import Logging
import Testing
@testable import XiezuoWeb

@Suite("Structured logs")
struct JSONLogHandlerTests {
    @Test func oneJSONObjectPerLine() throws {
        var handler = JSONLogHandler(label: "codes.vapor.request")
        handler[metadataKey: "request-id"] = "abc"
        let data = try #require(handler.render(level: .info, message: "GET /regions/611026", metadata: ["status": "200"],
                                               source: "Vapor", at: Date(timeIntervalSince1970: 0)))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasSuffix("}\n"))
        #expect(text.filter { $0 == "\n" }.count == 1)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: String]
        #expect(object == ["ts": "1970-01-01T00:00:00Z", "level": "info", "label": "codes.vapor.request",
                           "msg": "GET /regions/611026", "source": "Vapor", "request-id": "abc", "status": "200"])
    }
}
