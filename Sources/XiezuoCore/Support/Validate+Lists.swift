import Foundation

/// Checks of list fields.
extension Validate {
    /// A list of short entries (names, skills): blanks dropped, each one line of at most `maxLength` characters, at
    /// most `maxCount` of them.
    public static func items(_ values: [String]?, field: String, maxCount: Int, maxLength: Int) throws(DomainError) -> [String] {
        let items = (values ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard items.count <= maxCount else { throw .invalid(field, "too_many", ["max": String(maxCount)]) }
        for item in items {
            if item.count > maxLength { throw .invalid(field, "too_long", ["max": String(maxLength)]) }
            if item.contains(where: \.isNewline) { throw .invalid(field, "one_line") }
            if hasControlCharacter(item) { throw .invalid(field, "control_character") }
        }
        return items
    }
}

extension Validate {
    /// A required choice among `T`'s raw values.
    public static func choice<T: RawRepresentable>(_ text: String?, field: String, as type: T.Type) throws(DomainError) -> T
    where T.RawValue == String {
        let value = try Validate.required(text, field: field, max: 40)
        guard let choice = T(rawValue: value) else { throw .invalid(field, "unknown_choice", ["value": value]) }
        return choice
    }
}
