import Foundation

/// Writes feed pages as JSON by hand. A page carries up to 5,000 records, and Foundation's `JSONEncoder` cost the
/// sending node more than reading them from the database; this writer gives the same JSON (keys in the same order,
/// absent values left out, slashes unescaped), which tests check by decoding it back.
public struct FeedJSON {
    /// The JSON text so far, UTF-8.
    public private(set) var bytes: [UInt8] = []
    private var needsComma = false

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// `{`; members follow.
    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    /// `}`.
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    /// `[`; elements follow.
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    /// `]`.
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    /// A member's key (a literal in the code); its value must follow.
    public mutating func key(_ name: StaticString) {
        separate()
        name.withUTF8Buffer { quoted($0) }
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A string member, left out when nil.
    public mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// An integer member, left out when nil.
    public mutating func member(_ name: StaticString, _ value: (some BinaryInteger)?) {
        guard let value else { return }
        key(name)
        integer(value)
    }

    /// A Boolean member, left out when nil.
    public mutating func member(_ name: StaticString, _ value: Bool?) {
        guard let value else { return }
        key(name)
        literal(value ? "true" : "false")
    }

    /// A decimal number member (as `JSONEncoder` writes `Decimal`), left out when nil.
    public mutating func member(_ name: StaticString, _ value: Decimal?) {
        guard let value else { return }
        key(name)
        literal(value.description)
    }

    /// A decimal member that is, when it equals ``JobFeedRecord/yuan(fen:)`` of `fen`, written from the fen's
    /// digits (`Decimal.description` was a quarter of a record's JSON time); otherwise as ``member(_:_:)-(_,Decimal?)``.
    mutating func member(_ name: StaticString, _ value: Decimal?, fen: Int64?) {
        guard let value, let fen, fen >= 0, value == JobFeedRecord.yuan(fen: fen) else { return member(name, value) }
        key(name)
        yuan(fen: fen)
    }

    /// `fen / 100` as `Decimal.description` writes ``JobFeedRecord/yuan(fen:)`` (no trailing zeros after the point).
    mutating func yuan(fen: Int64) {
        integer(fen / 100)
        let cents = fen % 100
        guard cents != 0 else { return }
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(cents / 10))
        if cents % 10 != 0 { bytes.append(UInt8(ascii: "0") + UInt8(cents % 10)) }
    }

    /// A list of strings, left out when nil.
    public mutating func member(_ name: StaticString, _ values: [String]?) {
        guard let values else { return }
        key(name)
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// An object member written by `body`, left out when `value` is nil.
    public mutating func member<Value>(_ name: StaticString, _ value: Value?, _ body: (inout FeedJSON, Value) -> Void) {
        guard let value else { return }
        key(name)
        beginObject()
        body(&self, value)
        endObject()
    }

    /// A string value (an array element, or after ``key(_:)``).
    public mutating func string(_ value: String) {
        separate()
        var value = value
        value.withUTF8 { quoted($0) }
        needsComma = true
    }

    /// A number or literal written as it is.
    public mutating func literal(_ text: String) {
        separate()
        bytes.append(contentsOf: text.utf8)
        needsComma = true
    }

    /// An integer's decimal digits, written without making a `String` of them.
    mutating func integer(_ value: some BinaryInteger) {
        guard let value = Int64(exactly: value) else { return literal(String(value)) }
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // room for the 19 digits of Int64.min's magnitude
        withUnsafeMutableBytes(of: &digits) { buffer in
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: buffer[start...])
        }
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// The text in quotes with `"`, `\` and control characters escaped; everything else as UTF-8. Runs that need
    /// no escape are copied whole (a byte-by-byte append was a sixth of the sending node's CPU).
    private mutating func quoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var run = 0
        var index = 0
        let count = utf8.count
        while index < count {
            // Eight bytes at a time while none needs an escape (the bytes of a feed page are mostly plain text).
            if index + 8 <= count, !Self.needsEscape(UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = utf8[index]
            index += 1
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<(index - 1)]))
            run = index
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            default: bytes.append(contentsOf: ("\\u00" + Hex.encode([byte])).utf8)
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        bytes.append(UInt8(ascii: "\""))
    }

    /// True when one of the eight bytes is below 0x20, a quote or a backslash (never false when one is; the
    /// classic "has a byte less than n" and "has a zero byte" word tests).
    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- 0x2020_2020_2020_2020) & ~word & highs
        let quotes = word ^ 0x2222_2222_2222_2222, backslashes = word ^ 0x5C5C_5C5C_5C5C_5C5C
        return (control | (quotes &- ones) & ~quotes & highs | (backslashes &- ones) & ~backslashes & highs) != 0
    }
}

extension JobFeedRecord {
    /// Writes the record as one JSON object, as its `Encodable` form would be written.
    public func write(to json: inout FeedJSON) {
        json.beginObject()
        json.member("@context", context)
        json.member("@type", type)
        json.member("seq", seq)
        json.member("identifier", identifier) { json, identifier in
            json.member("@type", identifier.type)
            json.member("propertyID", identifier.propertyID)
            json.member("value", identifier.value)
        }
        json.member("xiezuo:originPlatform", originPlatform)
        json.member("xiezuo:originId", originId)
        json.member("xiezuo:originVersion", originVersion)
        json.member("xiezuo:status", status)
        json.member("xiezuo:tombstone", tombstone)
        json.member("title", title)
        json.member("description", description)
        json.member("occupationalCategory", occupationalCategory)
        json.member("hiringOrganization", hiringOrganization) { json, organization in
            json.member("@type", organization.type)
            json.member("name", organization.name)
            json.member("taxID", organization.taxID)
        }
        json.member("jobLocation", jobLocation) { json, place in
            json.member("@type", place.type)
            json.member("address", place.address) { json, address in
                json.member("@type", address.type)
                json.member("addressCountry", address.addressCountry)
                json.member("addressRegion", address.addressRegion)
                json.member("addressLocality", address.addressLocality)
            }
        }
        json.member("baseSalary", baseSalary) { json, salary in
            json.member("@type", salary.type)
            json.member("currency", salary.currency)
            json.member("value", salary.value) { json, value in
                json.member("@type", value.type)
                json.member("minValue", value.minValue, fen: wageMinFen)
                json.member("maxValue", value.maxValue, fen: wageMaxFen)
                json.member("unitText", value.unitText)
            }
        }
        json.member("xiezuo:wageMinFen", wageMinFen)
        json.member("xiezuo:wageMaxFen", wageMaxFen)
        json.member("xiezuo:wageType", wageType)
        json.member("totalJobOpenings", totalJobOpenings)
        json.member("educationRequirements", educationRequirements)
        json.member("xiezuo:ageMin", ageMin)
        json.member("xiezuo:ageMax", ageMax)
        json.member("jobBenefits", jobBenefits)
        json.member("validThrough", validThrough)
        json.member("datePosted", datePosted)
        json.endObject()
    }
}
