import Foundation

/// Reads JSON text value by value, for the feed's receiving side: Foundation's `JSONDecoder` was the largest single
/// cost of a sync (a fifth of both cores), most of it in generic `Codable` machinery rather than in scanning.
///
/// The reader is a cursor over UTF-8 bytes. Readers of a known shape ask for the type they expect: each `…OrNil`
/// call returns nil and skips the value when it is of another type (a lenient reader of optional fields, as
/// `JobFeedRecord` needs), while text that is not JSON at all throws ``JSONPullReader/SyntaxError``. It checks the
/// syntax of every value, skipped ones included, so it refuses some text `JSONDecoder` lets through unread
/// (`01`, `1.`, a trailing comma, a raw tab or a bad escape inside a string it never decodes).
public struct JSONPullReader: ~Copyable {
    /// Why the text is not JSON, and the byte offset where that was found.
    public struct SyntaxError: Error, Equatable, CustomStringConvertible {
        public var offset: Int
        public var reason: String
        public var description: String { "not JSON at byte \(offset): \(reason)" }
    }

    /// What the next value is.
    public enum Kind: Equatable { case object, array, string, number, bool, null }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Runs `body` with a reader over `bytes`, then checks that only whitespace follows the value it read.
    public static func read<T>(_ bytes: some ContiguousBytes, _ body: (inout JSONPullReader) throws -> T) throws -> T {
        try bytes.withUnsafeBytes { raw in
            var reader = JSONPullReader(raw.bindMemory(to: UInt8.self))
            let value = try body(&reader)
            reader.skipWhitespace()
            if reader.position < reader.bytes.count { throw reader.error("text after the value") }
            return value
        }
    }

    // MARK: Structure

    /// The kind of the next value (whitespace skipped); throws at the end of the text or on a character that
    /// starts no value.
    public mutating func peek() throws -> Kind {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: throw error("unexpected character")
        }
    }

    /// Reads an object, calling `member` once per member with its key; `member` must read or skip the value.
    public mutating func readObject(_ member: (inout JSONPullReader, Key) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a key") }
            let key = try readKey()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    /// Reads an array, calling `element` once per element; `element` must read or skip it.
    public mutating func readArray(_ element: (inout JSONPullReader) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return }
        while true {
            try element(&self)
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "]"))
            return
        }
    }

    /// Skips the next value, checking its syntax.
    public mutating func skipValue() throws {
        switch try peek() {
        case .object: try readObject { reader, _ in try reader.skipValue() }
        case .array: try readArray { reader in try reader.skipValue() }
        case .string: _ = try readString()
        case .number: _ = try numberText()
        case .bool: _ = try readBool()
        case .null: try literal("null")
        }
    }

    // MARK: Values of an expected type

    /// The next value if it is a string; otherwise skipped, nil.
    public mutating func stringOrNil() throws -> String? {
        try peek() == .string ? try readString() : skipping()
    }

    /// The next value if it is a number that is a whole `Int64` (as `JSONDecoder` reads one: `5`, `5.0`, `5e2`);
    /// otherwise skipped, nil.
    public mutating func int64OrNil() throws -> Int64? {
        guard try peek() == .number else { return try skipping() }
        let text = try numberText()
        if let value = Int64(text) { return value }
        guard let double = Double(text), double.rounded() == double, let value = Int64(exactly: double) else { return nil }
        return value
    }

    /// Like ``int64OrNil()``, for `Int`.
    public mutating func intOrNil() throws -> Int? {
        try int64OrNil().flatMap { Int(exactly: $0) }
    }

    /// The next value if it is `true` or `false`; otherwise skipped, nil.
    public mutating func boolOrNil() throws -> Bool? {
        try peek() == .bool ? try readBool() : skipping()
    }

    /// The next value if it is a number, as a `Decimal`; otherwise skipped, nil.
    public mutating func decimalOrNil() throws -> Decimal? {
        guard try peek() == .number else { return try skipping() }
        let text = try numberText()
        // Most numbers are short decimals ("4500.5"): made from their digits and a power of ten, which costs a
        // tenth of parsing the text as a Decimal.
        var digits: Int64 = 0, count = 0, fraction = 0, point = false, negative = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): point = true
            case UInt8(ascii: "0")...UInt8(ascii: "9") where count < 18:
                digits = digits * 10 + Int64(byte - UInt8(ascii: "0"))
                count += 1
                if point { fraction += 1 }
            default: return Decimal(string: text, locale: nil) // an exponent, or too many digits for an Int64
            }
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fraction, significand: Decimal(digits))
    }

    /// The next value if it is an array of strings only; otherwise skipped, nil.
    public mutating func stringsOrNil() throws -> [String]? {
        guard try peek() == .array else { return try skipping() }
        var strings: [String]? = []
        try readArray { reader in
            if let text = try reader.stringOrNil() { strings?.append(text) } else { strings = nil }
        }
        return strings
    }

    /// The next value read by `body` if it is an object; otherwise skipped, nil.
    public mutating func objectOrNil<T>(_ body: (inout JSONPullReader) throws -> T?) throws -> T? {
        try peek() == .object ? try body(&self) : skipping()
    }

    /// True when the next value is `null` (which is then consumed).
    public mutating func readNull() throws -> Bool {
        guard try peek() == .null else { return false }
        try literal("null")
        return true
    }

    private mutating func skipping<T>() throws -> T? {
        try skipValue()
        return nil
    }

    // MARK: Keys

    /// A member's key as it stands in the text.
    public struct Key {
        fileprivate let raw: UnsafeBufferPointer<UInt8>
        /// The unescaped key, when it had escapes (rare).
        fileprivate let unescaped: String?

        /// True when the key is `name`.
        public func `is`(_ name: StaticString) -> Bool {
            if let unescaped { return unescaped == name.description }
            guard raw.count == name.utf8CodeUnitCount else { return false }
            return raw.isEmpty || memcmp(raw.baseAddress!, name.utf8Start, raw.count) == 0
        }

        /// True when the key is the UTF-8 `name`.
        public func `is`(_ name: [UInt8]) -> Bool {
            if let unescaped { return unescaped.utf8.elementsEqual(name) }
            guard raw.count == name.count else { return false }
            return raw.isEmpty || name.withUnsafeBufferPointer { memcmp(raw.baseAddress!, $0.baseAddress!, raw.count) == 0 }
        }
    }

    private mutating func readKey() throws -> Key {
        let start = position + 1
        var index = start
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 {
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            position = index + 1
            return Key(raw: UnsafeBufferPointer(rebasing: bytes[start..<index]), unescaped: nil)
        }
        let text = try readString()
        return Key(raw: UnsafeBufferPointer(rebasing: bytes[start..<start]), unescaped: text)
    }

    // MARK: Scanning

    private mutating func readString() throws -> String {
        position += 1 // the opening quote
        let start = position
        // The common case: no escapes, so the bytes between the quotes are the string.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return try utf8(slice, at: start)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in a string") }
            position += 1
        }
        var unescaped = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return try unescaped.withUnsafeBufferPointer { try utf8($0, at: start) }
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { throw error("unfinished escape") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escape)
                case UInt8(ascii: "b"): unescaped.append(0x08)
                case UInt8(ascii: "f"): unescaped.append(0x0C)
                case UInt8(ascii: "n"): unescaped.append(0x0A)
                case UInt8(ascii: "r"): unescaped.append(0x0D)
                case UInt8(ascii: "t"): unescaped.append(0x09)
                case UInt8(ascii: "u"): unescaped.append(contentsOf: try unicodeEscape())
                default: throw error("unknown escape")
                }
            default:
                if byte < 0x20 { throw error("control character in a string") }
                unescaped.append(byte)
                position += 1
            }
        }
        throw error("unfinished string")
    }

    /// The UTF-8 of a `\uXXXX` escape (the `\u` already read), joining a surrogate pair.
    private mutating func unicodeEscape() throws -> [UInt8] {
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                throw error("lone surrogate")
            }
            position += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw error("lone surrogate") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw error("lone surrogate")
        }
        return Array(String(Character(Unicode.Scalar(scalar)!)).utf8)
    }

    private mutating func hex4() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Hex.value(of: bytes[position]) else { throw error("bad \\u escape") }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// The text of valid UTF-8 bytes. Through `UTF8Span`: `String(validating:as:)` is generic over the encoding and
    /// looked up its type metadata on every call, a quarter of reading a feed page.
    private func utf8(_ slice: UnsafeBufferPointer<UInt8>, at offset: Int) throws -> String {
        guard let span = try? UTF8Span(validating: slice.span) else { throw SyntaxError(offset: offset, reason: "invalid UTF-8") }
        return String(copying: span)
    }

    /// The text of a number, its syntax checked (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
    private mutating func numberText() throws -> String {
        let start = position
        _ = consume(UInt8(ascii: "-"))
        if consume(UInt8(ascii: "0")) {
        } else if try digits() == 0 {
            throw error("bad number")
        }
        if consume(UInt8(ascii: ".")), try digits() == 0 { throw error("bad number") }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            if try digits() == 0 { throw error("bad number") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private mutating func digits() throws -> Int {
        let start = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
        return position - start
    }

    private mutating func readBool() throws -> Bool {
        if bytes[position] == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false")
        return false
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count, memcmp(bytes.baseAddress! + position, word.utf8Start, count) == 0 else {
            throw error("bad literal")
        }
        position += count
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ byte: UInt8) throws {
        skipWhitespace()
        guard consume(byte) else { throw error("expected \(Character(Unicode.Scalar(byte)))") }
    }

    private func error(_ reason: String) -> SyntaxError { SyntaxError(offset: position, reason: reason) }
}
