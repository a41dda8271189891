import XiezuoCore

/// Conversions of form text, which arrives as strings, into typed values with field-named errors.
enum FormValue {
    static func int(_ text: String?, field: String) throws -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw DomainError.invalid(field, "wrong_type") }
        return value
    }
}
