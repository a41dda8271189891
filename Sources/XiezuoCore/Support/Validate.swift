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
        if hasControlCharacter(trimmed) { throw .invalid(field, "control_character") }
        return trimmed
    }

    /// Whether a text holds a character no field may store: a C0 control other than tab, line feed and carriage
    /// return (NUL among them, which PostgreSQL refuses in text), DEL, a C1 control, or a bidirectional embedding,
    /// override or isolate (U+202A–202E, U+2066–2069), which make a text display as something other than it is.
    ///
    /// Reads the UTF-8 bytes and looks closer only at bytes that can start such a character (below 0x20, 0x7F, and
    /// the lead bytes 0xC2 and 0xE2), so Chinese text costs one comparison a byte.
    public static func hasControlCharacter(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                switch byte {
                case 0x09, 0x0A, 0x0D: break
                case 0x00..<0x20, 0x7F: return true
                case 0xC2 where index + 1 < count && (0x80...0x9F).contains(bytes[index + 1]): return true
                case 0xE2 where index + 2 < count && bytes[index + 1] == 0x80 && (0xAA...0xAE).contains(bytes[index + 2]): return true
                case 0xE2 where index + 2 < count && bytes[index + 1] == 0x81 && (0xA6...0xA9).contains(bytes[index + 2]): return true
                default: break
                }
                index += 1
            }
            return false
        }
    }

    /// The largest magnitude of any whole number a request may carry (10^13: a thousand times the largest amount of
    /// money a field takes, 10^12 fen, and far enough below `Int64.max` that sums of many and products with small
    /// counts cannot overflow).
    public static let integerLimit: Int64 = 10_000_000_000_000

    /// Parses a typed whole number (a form field, a CSV cell, a query parameter); empty is nil. Text that is not a
    /// whole number is `wrong_type`; one beyond ±``integerLimit`` is `number_out_of_range`.
    public static func integer(_ text: String?, field: String) throws(DomainError) -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        let digits = text.drop { $0 == "-" || $0 == "+" }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), text.count - digits.count <= 1 else {
            throw .invalid(field, "wrong_type")
        }
        guard let value = Int64(text), value.magnitude <= integerLimit.magnitude else {
            throw .invalid(field, "number_out_of_range", ["max": String(integerLimit)])
        }
        return Int(value)
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

