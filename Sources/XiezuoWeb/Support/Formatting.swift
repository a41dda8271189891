import Foundation
import XiezuoCore

/// Number formats of pages: money in 万元 (reports' unit) or 元, shares as percentages, counts with separators.
enum Formatting {
    /// `fen` as 万元 with two decimals, e.g. 123,456.78.
    /// A day as `yyyyMMdd`, for file names.
    static func compactDay(_ day: Day) -> String { String(format: "%04d%02d%02d", day.year, day.month, day.day) }

    static func wan(_ fen: Int64) -> String { fixed(fen, scale: 10_000, digits: 2) }

    /// `fen` as 元 with two decimals.
    static func yuan(_ fen: Int64) -> String { fixed(fen, scale: 1, digits: 2) }

    /// Basis points as a percentage with one decimal.
    static func percent(_ basisPoints: Int64) -> String { fixed(basisPoints, scale: 10, digits: 1) + "%" }

    /// A whole number with thousands separators.
    static func count(_ value: Int64) -> String { fixed(value, scale: 1, digits: 0) }

    /// A value of an indicator in its unit, without the unit's name.
    static func value(_ value: Int64, unit: IndicatorUnit) -> String {
        switch unit {
        case .fen: wan(value)
        case .share: percent(value)
        default: count(value)
        }
    }

    /// An amount in fen as the exact number of units of `unitFen` fen, for a form to show again: no separators,
    /// no rounding, no trailing zeros (12,345 fen in 万元 is "0.012345").
    static func plain(_ fen: Int64, unitFen: Int64) -> String {
        let whole = fen / unitFen
        var fraction = fen % unitFen
        guard fraction != 0 else { return String(whole) }
        var digits = ""
        var unit = unitFen
        while unit > 1 {
            unit /= 10
            digits.append(String(fraction / unit))
            fraction %= unit
        }
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    /// `value / scale` shown with `digits` decimals (`value / scale` counted in units of 10^-digits), rounded half
    /// away from zero, with thousands separators. Integer arithmetic, so money never passes through a float.
    static func fixed(_ value: Int64, scale: Int64, digits: Int) -> String {
        let negative = value < 0
        let magnitude = value.magnitude
        let rounded = (magnitude + UInt64(scale) / 2) / UInt64(scale)
        var unit: UInt64 = 1
        for _ in 0..<digits { unit *= 10 }
        let whole = String(rounded / unit)
        var grouped = ""
        for (index, character) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        var text = (negative ? "-" : "") + grouped
        if digits > 0 {
            let fraction = String(rounded % unit)
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return text
    }

    /// Parses an amount typed in a form in `unitFen` fen per unit into fen (`Validate.fen(text:unitFen:field:)`).
    static func fen(from text: String?, unitFen: Int64, field: String) throws(DomainError) -> Int64? {
        try Validate.fen(text: text, unitFen: unitFen, field: field)
    }
}
