import XiezuoCore

/// What a record form's fields declare about themselves — required, at most so many characters, a whole number, a
/// date — checked on the posted values. A record's own check stops at its first problem; when it refuses one field,
/// these are the problems the form shows beside the others, so a person fixes them all in one go.
enum FormCheck {
    /// Each declared field's problem, by field name (hidden fields and check boxes declare none).
    static func problems(_ fields: [FormField], values: [String: String]) -> [String: DomainError] {
        var problems: [String: DomainError] = [:]
        for field in fields where !["hidden", "check", "checks"].contains(field.kind) {
            do throws(DomainError) {
                guard let text = try Validate.text(values[field.name], field: field.name, max: field.max, required: field.required) else { continue }
                switch field.kind {
                case "number": _ = try Validate.integer(text.replacingOccurrences(of: ",", with: ""), field: field.name)
                case "date": _ = try Validate.day(text, field: field.name)
                default: break
                }
            } catch {
                problems[field.name] = error
            }
        }
        return problems
    }
}
