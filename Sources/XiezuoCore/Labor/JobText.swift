import Foundation

/// Text handling for the job board: normalisation, the character-bigram terms Chinese search indexes and asks
/// for, and the duplicate key.
///
/// Chinese has no spaces, so without a dictionary a text is indexed by its single characters and its overlapping
/// character pairs: 中式烹调师 → 中 式 烹 调 师 中式 式烹 烹调 调师. A one-character query looks up the character (the
/// job board indexes single characters of titles only: in long descriptions they match nearly everything); a
/// longer one requires every pair it contains, which finds the word wherever it occurs. Latin letters and digits
/// form words of their own.
public enum JobText {
    /// Compatibility-normalised (full-width to half-width) and lower-cased.
    public static func normalised(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.lowercased()
    }

    /// True for the CJK ideographs the index splits into characters.
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: true
        default: false
        }
    }

    /// The runs a text splits into: Han runs and Latin/digit words; everything else separates.
    static func runs(_ text: String) -> [(han: Bool, text: [Character])] {
        var runs: [(han: Bool, text: [Character])] = []
        var current: [Character] = []
        var currentHan = false
        func flush() {
            if !current.isEmpty { runs.append((currentHan, current)) }
            current = []
        }
        for character in normalised(text) {
            guard let scalar = character.unicodeScalars.first else { continue }
            if isHan(scalar) {
                if !currentHan { flush() }
                currentHan = true
                current.append(character)
            } else if character.isLetter || character.isNumber {
                if currentHan { flush() }
                currentHan = false
                current.append(character)
            } else {
                flush()
            }
        }
        flush()
        return runs
    }

    /// Every term a text is indexed under: Han characters (unless `singles` is false) and character pairs, Latin
    /// words. Each term once.
    public static func indexTerms(_ text: String, singles: Bool = true) -> Set<String> {
        var terms = Set<String>()
        for run in runs(text) {
            if run.han {
                for (index, character) in run.text.enumerated() {
                    if singles || run.text.count == 1 { terms.insert(String(character)) }
                    if index + 1 < run.text.count { terms.insert(String(run.text[index...index + 1])) }
                }
            } else {
                terms.insert(String(run.text))
            }
        }
        return terms
    }

    /// The terms a query needs all of: a lone Han character itself, longer Han runs their pairs, Latin words.
    public static func queryTerms(_ query: String) -> [String] {
        var terms: [String] = []
        for run in runs(query) {
            if run.han && run.text.count > 1 {
                for index in 0..<(run.text.count - 1) { terms.append(String(run.text[index...index + 1])) }
            } else {
                terms.append(String(run.text))
            }
        }
        var seen = Set<String>()
        return terms.filter { seen.insert($0).inserted }
    }

    /// A title reduced to its letters and digits, so 「中式烹调师（包吃住）」 and 「中式烹调师 包吃住」 compare equal.
    public static func normalisedTitle(_ title: String) -> String {
        fastNormalisedTitle(title) ?? String(normalised(title).filter { $0.isLetter || $0.isNumber })
    }

    /// The same for the usual titles, made only of CJK unified ideographs, ASCII and common punctuation (which
    /// compatibility mapping leaves alone or turns into other punctuation); nil for anything else. A sync computes
    /// this key for every received posting, and Foundation's normalisation was 2 % of the machine's CPU during one.
    static func fastNormalisedTitle(_ title: String) -> String? {
        var kept = String.UnicodeScalarView()
        for scalar in title.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x61...0x7A, 0x3400...0x4DBF, 0x4E00...0x9FFF: kept.append(scalar)
            case 0x41...0x5A: kept.append(Unicode.Scalar(scalar.value + 0x20)!)
            case 0x00...0x7F, 0x3000...0x3004, 0x3008...0x3011, 0xFF08, 0xFF09, 0xFF0C, 0xFF1A, 0xFF1B: continue
            default: return nil
            }
        }
        return String(kept)
    }

    /// Employer credit code + normalised title + county + wage range: the same job on two platforms. Stored and
    /// indexed as a 96-bit digest of those fields (16 characters): the fields themselves made a ~70-byte key whose
    /// random inserts into its index cost a sync of 1,000,000 postings a quarter of SQLite's time.
    public static func duplicateKey(creditCode: String, title: String, countyCode: String, wageMin: Int64, wageMax: Int64) -> String {
        var fields = duplicateFields(creditCode: creditCode, title: title, countyCode: countyCode, wageMin: wageMin, wageMax: wageMax)
        return fields.withUTF8(digest)
    }

    /// The fields a duplicate key digests, as one text: `CREDITCODE|normalised title|county|min-max` (the key
    /// itself before it was a digest).
    public static func duplicateFields(creditCode: String, title: String, countyCode: String, wageMin: Int64, wageMax: Int64) -> String {
        "\(creditCode.uppercased())|\(normalisedTitle(title))|\(countyCode)|\(wageMin)-\(wageMax)"
    }

    private static let digestHashes = (SipHash24(k0: 0x7869_657a_756f_2d64, k1: 0x7570_6c69_6361_7465),
                                       SipHash24(k0: 0x6a6f_622d_706f_7374, k1: 0x696e_672d_6b65_7921))
    private static let base64URL = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// 96 bits of two keyed SipHash-2-4 values (64 + 32) as 16 base64url characters. A chance collision between
    /// two different jobs among ten million postings is about one in 10^15.
    static func digest(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let high = digestHashes.0.hash(bytes)
        let low = digestHashes.1.hash(bytes) >> 32
        return String(unsafeUninitializedCapacity: 16) { text in
            for index in 0..<16 {
                // 6 bits at a time from the 96-bit number high ‖ low, most significant first.
                let shift = 90 - 6 * index
                let sixBits = shift >= 32 ? (high >> UInt64(shift - 32)) & 0x3F
                    : ((high << UInt64(32 - shift)) | (low >> UInt64(shift))) & 0x3F
                text[index] = base64URL[Int(sixBits)]
            }
            return 16
        }
    }
}
