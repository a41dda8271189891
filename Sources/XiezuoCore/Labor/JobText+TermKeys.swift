/// Terms as 64-bit numbers, for the job index's dictionary, and a tokenizer that makes them without building strings.
///
/// A Han character or pair is its code points: `1 ‖ 0 ‖ … ‖ scalar` for a character, `1 ‖ 1 ‖ … ‖ first (21 bits) ‖
/// second (21 bits)` for a pair. A Latin or digit word is a keyed SipHash-2-4 of its UTF-8 bytes with the top bit
/// clear: two different words share a number with a chance of about one in 10^19 for any two — at worst a search for
/// one also offers postings of the other, which its other words and filters still sift.
///
/// Building the index over a million postings spent three quarters of its time making a `Set<String>` of terms per
/// posting (Foundation's compatibility mapping, grapheme breaking, normalised string hashing). ``forEachIndexTermKey``
/// walks the Unicode scalars of the usual texts — CJK unified ideographs, ASCII, full-width letters and digits,
/// common CJK and general punctuation — and calls back with the same terms ``indexTerms(_:singles:)`` makes, as
/// numbers (possibly more than once); any other text takes the string path.
extension JobText {
    private static let wordHash = SipHash24(k0: 0x6a6f_6274_6578_742d, k1: 0x7465_726d_2d6b_6579)

    /// The number of a term as ``indexTerms(_:singles:)`` and ``queryTerms(_:)`` make it.
    public static func termKey(_ term: String) -> UInt64 {
        var scalars = term.unicodeScalars.makeIterator()
        if let first = scalars.next(), isHan(first) {
            let second = scalars.next()
            if second == nil { return hanKey(first.value) }
            if let second, isHan(second), scalars.next() == nil { return hanKey(first.value, second.value) }
        }
        return wordKey(term.utf8)
    }

    @inline(__always) static func hanKey(_ scalar: UInt32) -> UInt64 { 1 << 63 | UInt64(scalar) }

    @inline(__always) static func hanKey(_ first: UInt32, _ second: UInt32) -> UInt64 {
        3 << 62 | UInt64(first) << 21 | UInt64(second)
    }

    static func wordKey<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64 { wordHash.hash(bytes) >> 1 }

    /// Calls `body` with the number of every term of `text` (``indexTerms(_:singles:)``'s, each at least once).
    public static func forEachIndexTermKey(_ text: String, singles: Bool = true, _ body: (UInt64) -> Void) {
        if fastIndexTermKeys(text, singles: singles, body) { return }
        for term in indexTerms(text, singles: singles) { body(termKey(term)) }
    }

    /// What a scalar is to the fast tokenizer: part of a Han run, a Latin/digit byte (normalised: lower case,
    /// half-width), a separator, or something only the string path handles.
    private enum ScalarKind { case han, word(UInt8), separator, other }

    @inline(__always) private static func kind(_ value: UInt32) -> ScalarKind {
        switch value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF: .han
        case 0x30...0x39, 0x61...0x7A: .word(UInt8(value))
        case 0x41...0x5A: .word(UInt8(value + 0x20))
        // Full-width digits and letters: compatibility mapping makes them ASCII.
        case 0xFF10...0xFF19, 0xFF41...0xFF5A: .word(UInt8(value - 0xFEE0))
        case 0xFF21...0xFF3A: .word(UInt8(value - 0xFEE0 + 0x20))
        // ASCII, CJK and general punctuation, full-width punctuation: neither letters nor digits before or after
        // compatibility mapping.
        case 0x00...0x7F, 0x00B7, 0x2010...0x2027, 0x3000...0x3004, 0x3008...0x3011, 0x3014...0x301F,
             0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF60: .separator
        default: .other
        }
    }

    /// The fast path of ``forEachIndexTermKey(_:singles:_:)``; false (having called `body` for nothing) when the
    /// text holds a scalar it does not know.
    private static func fastIndexTermKeys(_ text: String, singles: Bool, _ body: (UInt64) -> Void) -> Bool {
        for scalar in text.unicodeScalars {
            if case .other = kind(scalar.value) { return false }
        }
        var previous: UInt32 = 0
        var runLength = 0
        var word: [UInt8] = []
        func endRun() {
            if runLength == 1 && !singles { body(hanKey(previous)) }
            previous = 0
            runLength = 0
        }
        func endWord() {
            if !word.isEmpty { body(wordKey(word)) }
            word.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            switch kind(scalar.value) {
            case .han:
                endWord()
                if singles { body(hanKey(scalar.value)) }
                if runLength > 0 { body(hanKey(previous, scalar.value)) }
                previous = scalar.value
                runLength += 1
            case .word(let byte):
                endRun()
                word.append(byte)
            case .separator, .other:
                endRun()
                endWord()
            }
        }
        endRun()
        endWord()
        return true
    }
}
