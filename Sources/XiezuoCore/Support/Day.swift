import Foundation

/// A calendar day without a time, as `yyyy-MM-dd`. Dates of projects and flows are days in China Standard Time.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses `yyyy-MM-dd`; nil for anything else, including impossible dates like 2025-02-30.
    public init?(_ text: String) {
        // `YYYY-MM-DD` in ASCII digits, read from the UTF-8 bytes (a sync reads two days per posting).
        let parsed = text.utf8.withContiguousStorageIfAvailable(Day.parse) ?? Array(text.utf8).withUnsafeBufferPointer(Day.parse)
        guard let parsed else { return nil }
        (year, month, day) = parsed
    }

    /// The day in `bytes` (`YYYY-MM-DD`), or nil when they are not exactly that or name no such day.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        var digits = (year: 0, month: 0, day: 0)
        for (index, byte) in bytes.enumerated() where index != 4 && index != 7 {
            guard byte &- UInt8(ascii: "0") < 10 else { return nil }
            let digit = Int(byte &- UInt8(ascii: "0"))
            switch index {
            case 0..<4: digits.year = digits.year * 10 + digit
            case 5, 6: digits.month = digits.month * 10 + digit
            default: digits.day = digits.day * 10 + digit
            }
        }
        guard (1...12).contains(digits.month), digits.day >= 1,
              digits.day <= Day.daysIn(month: digits.month, year: digits.year) else { return nil }
        return digits
    }

    /// The day `date` falls on in China Standard Time.
    public init(_ date: Date) {
        let parts = Day.chinaCalendar.dateComponents([.year, .month, .day], from: date)
        year = parts.year!
        month = parts.month!
        day = parts.day!
    }

    /// The Gregorian calendar in China Standard Time, made once.
    static let chinaCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return calendar
    }()

    /// Noon of this day in China Standard Time (UTC+8, no daylight saving since 1991), computed from the date
    /// alone: no calendar or time-zone lookup, for paths that convert many days (a partner feed page).
    public var noonInChina: Date {
        // Days since 1970-01-01 of the proleptic Gregorian date (H. Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + 4 * 3_600))
    }

    /// `yyyymm`, the month key of the facts table.
    public var monthKey: Int { year * 100 + month }

    /// `yyyy-mm-dd`, zero-padded (built by hand: `String(format:)` is slow on this hot path).
    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected yyyy-MM-dd"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Validate {
    /// An optional `yyyy-MM-dd` field.
    public static func day(_ text: String?, field: String) throws(DomainError) -> Day? {
        guard let text = try Validate.text(text, field: field, max: 10, required: false) else { return nil }
        guard let day = Day(text) else { throw .invalid(field, "bad_date") }
        return day
    }

    /// A money amount in fen: whole, not negative, below ten billion yuan.
    public static func fen(_ value: Int64?, field: String, required: Bool, positive: Bool = false) throws(DomainError) -> Int64? {
        guard let value else {
            if required { throw .invalid(field, "required") }
            return nil
        }
        if positive ? value <= 0 : value < 0 { throw .invalid(field, positive ? "must_be_positive" : "negative") }
        guard value <= 1_000_000_000_000 else { throw .invalid(field, "amount_too_large") }
        return value
    }

    /// A count of people or households.
    public static func count(_ value: Int?, field: String) throws(DomainError) -> Int {
        guard let value else { return 0 }
        guard value >= 0 else { throw .invalid(field, "negative") }
        guard value <= 100_000_000 else { throw .invalid(field, "amount_too_large") }
        return value
    }
}
