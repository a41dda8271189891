import Foundation

extension Validate {
    /// Parses an amount typed by a person (a form, a CSV file) in `unitFen` fen per unit (100 for 元, 1,000,000 for
    /// 万元) into fen; nil for empty text; a field error for anything that is not a non-negative number that comes
    /// to whole fen. Thousands separators are ignored.
    public static func fen(text: String?, unitFen: Int64, field: String) throws(DomainError) -> Int64? {
        guard let text = text?.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return nil
        }
        // ASCII digits with at most one decimal point: `Decimal(string:)` alone would take "1.2.3" as 1.2.
        guard text.wholeMatch(of: /[0-9]+(\.[0-9]+)?/) != nil,
              let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw .invalid(field, "wrong_type")
        }
        let fen = decimal * Decimal(unitFen)
        var rounded = Decimal()
        var source = fen
        NSDecimalRound(&rounded, &source, 0, .plain)
        guard rounded == fen else { throw .invalid(field, "too_precise") }
        guard rounded <= Decimal(1_000_000_000_000) else { throw .invalid(field, "amount_too_large") }
        return NSDecimalNumber(decimal: rounded).int64Value
    }
}
