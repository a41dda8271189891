import Testing
import XiezuoCore
@testable import XiezuoWeb

@Suite("Money and number formats")
struct FormattingTests {
    @Test func pagesShowWanYuanAndPercent() {
        #expect(Formatting.wan(123_456_789_000) == "123,456.79")
        #expect(Formatting.wan(0) == "0.00")
        #expect(Formatting.yuan(100_050) == "1,000.50")
        #expect(Formatting.yuan(-5) == "-0.05")
        #expect(Formatting.percent(7512) == "75.1%")
        #expect(Formatting.count(1_234_567) == "1,234,567")
    }

    @Test("forms show the exact amount again", arguments: [Int64(12_345), 1_000_000, 123_400_000, 1, 0])
    func exactRoundTrip(fen: Int64) throws {
        let text = Formatting.plain(fen, unitFen: 1_000_000)
        #expect(try Formatting.fen(from: text, unitFen: 1_000_000, field: "budget") == fen)
    }

    @Test("typed amounts must be plain numbers", arguments: ["1.2.3", "1²", "１２", "-5", "1e3", "abc", "1,0.5.", ".5"])
    func garbage(text: String) {
        #expect(throws: DomainError.invalid("amount", "wrong_type")) { try Formatting.fen(from: text, unitFen: 100, field: "amount") }
    }

    @Test func amountsParse() throws {
        #expect(try Formatting.fen(from: "1,000.50", unitFen: 100, field: "amount") == 100_050)
        #expect(try Formatting.fen(from: "  ", unitFen: 100, field: "amount") == nil)
        #expect(throws: DomainError.invalid("amount", "too_precise")) { try Formatting.fen(from: "0.001", unitFen: 100, field: "amount") }
    }
}
