import Foundation
import XiezuoCore

/// Conversions of form text, which arrives as strings, into typed values with field-named errors.
enum FormValue {
    /// What separates the items of a list field: commas and semicolons (either width), 、 and line breaks.
    static let listSeparators = CharacterSet(charactersIn: ",，、;；\n\r")

    /// A list field's items, trimmed, without empty ones.
    static func items(_ text: String?, separators: CharacterSet = listSeparators) -> [String] {
        (text ?? "").components(separatedBy: separators).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func int(_ text: String?, field: String) throws(DomainError) -> Int? {
        try Validate.integer(text, field: field)
    }
}
