import Testing
@testable import XiezuoCore

@Suite("Text forms of days and digests")
struct FormattingRuleTests {
    @Test("a day prints zero-padded and reads back as itself")
    func dayText() {
        for text in ["2025-01-05", "0999-12-31", "2024-02-29", "1000-10-01"] {
            #expect(Day(text)?.description == text)
        }
    }

    @Test("hex is two lower-case digits per byte")
    func hex() {
        #expect(Hex.encode([0x00, 0x0F, 0x10, 0xAB, 0xFF]) == "000f10abff")
        #expect(Hex.encode([UInt8]()) == "")
    }
}
