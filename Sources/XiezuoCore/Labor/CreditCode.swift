/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters whose last one is a check
/// character computed from the first seventeen.
public enum CreditCode {
    /// The code's alphabet: digits and the capital letters except I, O, S, V and Z, each worth its index.
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The code in canonical form (upper case, trimmed), or a validation error naming `field`.
    public static func validated(_ text: String?, field: String = "creditCode") throws(DomainError) -> String {
        let code = try Validate.required(text, field: field, max: 18).uppercased()
        if let valid = fastCheck(code) {
            guard valid else { throw .invalid(field, "credit_code_check") }
            return code
        }
        guard code.count == 18 else { throw .invalid(field, "credit_code_length") }
        let values = code.map { alphabet.firstIndex(of: $0) }
        guard values.allSatisfy({ $0 != nil }) else { throw .invalid(field, "credit_code_characters") }
        guard checkCharacter(for: values.prefix(17).map { $0! }) == code.last else {
            throw .invalid(field, "credit_code_check")
        }
        return code
    }

    /// For eighteen bytes all in the alphabet, whether the check character is right; nil for anything else (the
    /// slow path then says what is wrong). A sync checks a code per received posting.
    static func fastCheck(_ code: String) -> Bool? {
        let utf8 = code.utf8
        guard utf8.count == 18 else { return nil }
        var sum = 0
        var last = 0
        for (index, byte) in utf8.enumerated() {
            guard byte < 128, let value = byteValues[Int(byte)] else { return nil }
            if index < 17 { sum += value * weights[index] } else { last = value }
        }
        return (31 - sum % 31) % 31 == last
    }

    /// The alphabet's value of each ASCII byte (nil for bytes not in it).
    static let byteValues: [Int?] = (0..<128).map { byte in alphabet.firstIndex(of: Character(Unicode.Scalar(UInt8(byte)))) }

    /// The check character for the first seventeen characters' values.
    static func checkCharacter(for values: [Int]) -> Character {
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// Completes a seventeen-character body with its check character (for demo data and tests).
    public static func completing(_ body: String) -> String? {
        guard body.count == 17 else { return nil }
        let values = body.uppercased().compactMap { alphabet.firstIndex(of: $0) }
        guard values.count == 17 else { return nil }
        return body.uppercased() + String(checkCharacter(for: values))
    }
}
