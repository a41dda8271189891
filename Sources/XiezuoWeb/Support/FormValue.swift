import XiezuoCore

/// Conversions of form text, which arrives as strings, into typed values with field-named errors.
enum FormValue {
    static func int(_ text: String?, field: String) throws -> Int? {
        try Validate.integer(text, field: field)
    }
}
