/// Telephone numbers of contacts: mainland mobile (11 digits starting with 1) or fixed line with area code.
public enum PhoneNumber {
    /// The number with separators removed, or a validation error naming `field`.
    public static func validated(_ text: String?, field: String, required: Bool) throws(DomainError) -> String? {
        guard let raw = try Validate.text(text, field: field, max: 20, required: required) else { return nil }
        let digits = raw.filter { !" -()".contains($0) }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .invalid(field, "phone_format") }
        let mobile = digits.count == 11 && digits.hasPrefix("1")
        let fixed = digits.hasPrefix("0") && (10...12).contains(digits.count)
        guard mobile || fixed else { throw .invalid(field, "phone_format") }
        return digits
    }

    /// The digits of a typed number (separators dropped).
    public static func digits(_ text: String?) -> String { (text ?? "").filter { !" -()".contains($0) } }

    /// A mainland mobile number (11 digits starting with 1, separators allowed), or `mobile_required` naming `field`.
    public static func mobile(_ text: String?, field: String) throws(DomainError) -> String {
        guard let raw = try Validate.text(text, field: field, max: 20, required: true) else { throw .invalid(field, "required") }
        let digits = digits(raw)
        guard digits.count == 11, digits.hasPrefix("1"), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalid(field, "mobile_required")
        }
        return digits
    }

    /// The number with all but its first three and last four digits hidden: `138****5678`.
    public static func masked(_ number: String) -> String {
        Masking.mask(number, keepFirst: 3, keepLast: 4)
    }
}

/// How personal numbers are shown to those who may not see them in full.
public enum Masking {
    /// Replaces the middle of `value` with `*`, keeping `keepFirst` and `keepLast` characters
    /// (`6101**********1234`). Values too short to hide anything are hidden completely.
    public static func mask(_ value: String, keepFirst: Int, keepLast: Int) -> String {
        let characters = Array(value)
        guard characters.count > keepFirst + keepLast else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(keepFirst)) + String(repeating: "*", count: characters.count - keepFirst - keepLast)
            + String(characters.suffix(keepLast))
    }
}
