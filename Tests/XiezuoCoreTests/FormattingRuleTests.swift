import Foundation
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

    @Test("anything but a real day as YYYY-MM-DD in ASCII digits is refused")
    func dayRefusals() {
        for text in ["", "2025-1-05", "2025-01-5", "2025/01/05", "2025-02-29", "2024-02-30", "2025-13-01", "2025-00-10",
                     "2025-01-00", "+202-01-01", "2025-01-05 ", " 2025-01-05", "２０２５-01-05", "2025-01-0５", "20250105",
                     "2025-01-05T00:00", "-2025-01-05", "2025--1-05"] {
            #expect(Day(text) == nil, "\(text)")
        }
        let substring = "x2024-02-29x".dropFirst().dropLast()
        #expect(Day(String(substring)) == Day("2024-02-29"))
        #expect(Day("2024-02-29")?.month == 2 && Day("2024-02-29")?.day == 29 && Day("2024-02-29")?.year == 2024)
    }

    @Test("noon in China computed from the date equals the calendar's answer")
    func noon() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        for text in ["1970-01-01", "2000-02-29", "2024-12-31", "2025-03-01", "2026-11-29", "2100-03-01"] {
            let day = Day(text)!
            let expected = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!
            #expect(day.noonInChina == expected, "\(text)")
            #expect(Day(day.noonInChina) == day)
        }
    }

    @Test("hex is two lower-case digits per byte")
    func hex() {
        #expect(Hex.encode([0x00, 0x0F, 0x10, 0xAB, 0xFF]) == "000f10abff")
        #expect(Hex.encode([UInt8]()) == "")
    }

    @Test("the quick white-space test agrees with Unicode's properties for every scalar, and text is trimmed by it")
    func whitespace() throws {
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if Validate.isWhitespace(scalar) != scalar.properties.isWhitespace { disagreements.append(value) }
        }
        #expect(disagreements.isEmpty)
        #expect(try Validate.text("\u{3000}辅警\n", field: "title", max: 10) == "辅警")
        #expect(try Validate.text("辅警\u{A0}", field: "title", max: 10) == "辅警")
        #expect(try Validate.text(" \t ", field: "title", max: 10, required: false) == nil)
    }
}
