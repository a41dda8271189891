import Foundation

/// Field rules shared by every draft type, so limits and messages are the same everywhere.
public enum Validate {
    /// Trims the value and checks it is present and at most `max` characters long.
    public static func text(_ value: String?, field: String, max: Int, required: Bool = true) throws(DomainError) -> String? {
        // Fast paths (every received posting comes through here): nothing to trim when neither end is white space, and
        // a text of at most `max` bytes has at most `max` characters.
        let trimmed: String
        if let value, let first = value.unicodeScalars.first, let last = value.unicodeScalars.last,
           !isWhitespace(first), !isWhitespace(last) {
            trimmed = value
        } else {
            trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }
        if trimmed.isEmpty {
            if required { throw .invalid(field, "required") }
            return nil
        }
        if trimmed.utf8.count > max, trimmed.count > max { throw .invalid(field, "too_long", ["max": String(max)]) }
        return trimmed
    }

    /// `scalar.properties.isWhitespace`, answered without Unicode's property tables for ASCII and for the CJK and
    /// Hangul blocks (none of whose characters is white space): those lookups were 3 % of a sync's CPU.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20: true
        case 0x00...0x7F, 0x3400...0x9FFF, 0xAC00...0xD7A3: false
        default: scalar.properties.isWhitespace
        }
    }

    /// Like ``text(_:field:max:required:)`` for a field that must be present.
    public static func required(_ value: String?, field: String, max: Int) throws(DomainError) -> String {
        guard let text = try text(value, field: field, max: max, required: true) else { throw .invalid(field, "required") }
        return text
    }

    /// Checks that a year lies in the range the cooperation can have records for.
    public static func year(_ value: Int?, field: String, required: Bool) throws(DomainError) -> Int? {
        guard let value else {
            if required { throw .invalid(field, "required") }
            return nil
        }
        guard (1990...2100).contains(value) else { throw .invalid(field, "year_out_of_range") }
        return value
    }
}

