import Foundation

/// A resident identity card number (居民身份证号码, GB 11643-1999): six digits of the region of first
/// registration, the birth date `yyyyMMdd`, a three-digit sequence whose last digit is odd for men and even for
/// women, and a check character (ISO 7064 MOD 11-2; `X` stands for 10).
public struct IDCardNumber: Sendable, Hashable, CustomStringConvertible {
    /// The 18 characters, upper case.
    public let value: String
    public let birthDate: Day
    public let gender: Gender

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Checks `text` (spaces ignored, `x` taken as `X`); `today` bounds the birth date.
    public init(_ text: String?, field: String = "idNumber", today: Day) throws(DomainError) {
        let raw = (text ?? "").replacingOccurrences(of: " ", with: "").uppercased()
        guard !raw.isEmpty else { throw .invalid(field, "required") }
        guard raw.count == 18 else { throw .invalid(field, "id_length", ["length": String(raw.count)]) }
        let characters = Array(raw)
        guard characters.prefix(17).allSatisfy({ $0.isASCII && $0.isNumber }),
              characters[17].isASCII, characters[17].isNumber || characters[17] == "X" else {
            throw .invalid(field, "id_characters")
        }
        let digits = characters.prefix(17).map { Int(String($0))! }
        guard characters[17] == Self.check(digits) else { throw .invalid(field, "id_check_character") }
        let birth = String(characters[6..<14])
        guard let day = Day("\(birth.prefix(4))-\(birth.dropFirst(4).prefix(2))-\(birth.suffix(2))"), day.year >= 1900, day <= today else {
            throw .invalid(field, "id_birth_date")
        }
        value = raw
        birthDate = day
        gender = digits[16] % 2 == 1 ? .male : .female
    }

    /// The check character of the first 17 digits.
    public static func check(_ digits: [Int]) -> Character {
        checkCharacters[zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11]
    }

    /// The number with its check character completed, for generated demo numbers: `body` is 17 digits.
    public static func completing(_ body: String) -> String? {
        guard body.count == 17, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return body + String(check(body.map { Int(String($0))! }))
    }

    /// `6110**********123X`: the first four and the last four characters.
    public var masked: String { Self.masked(value) }

    /// Masks any stored number the same way.
    public static func masked(_ value: String) -> String {
        guard value.count > 8 else { return String(repeating: "*", count: value.count) }
        return String(value.prefix(4)) + String(repeating: "*", count: value.count - 8) + String(value.suffix(4))
    }

    public var description: String { masked }
}

/// Gender as the ID number records it.
public enum Gender: String, Sendable, Codable, CaseIterable {
    case male, female
}
