import Foundation

extension UUID {
    /// Reads the 36-character hyphenated form (`E621E1F8-C36C-495A-93FC-0C247A3E6E5F`, either case) from its bytes;
    /// nil for anything else. Accepts exactly what `UUID(uuidString:)` accepts in that form, without its
    /// `sscanf` (1 % of the machine's CPU during a sync, on the sending node).
    public init?(hyphenated text: String) {
        var text = text
        let bytes = text.withUTF8 { utf8 -> uuid_t? in
            guard utf8.count == 36 else { return nil }
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let parsed = withUnsafeMutableBytes(of: &value) { out -> Bool in
                var position = 0
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        guard utf8[position] == UInt8(ascii: "-") else { return false }
                        position += 1
                    }
                    guard let high = Hex.value(of: utf8[position]), let low = Hex.value(of: utf8[position + 1]) else { return false }
                    out[index] = high << 4 | low
                    position += 2
                }
                return true
            }
            return parsed ? value : nil
        }
        guard let bytes else { return nil }
        self.init(uuid: bytes)
    }

    /// The 36-character hyphenated form in upper case, as `uuidString` writes it, without its `snprintf` (every
    /// posting a sync writes binds its id as this text).
    public var hyphenatedText: String {
        let digits: StaticString = "0123456789ABCDEF"
        return String(unsafeUninitializedCapacity: 36) { text in
            var position = 0
            withUnsafeBytes(of: uuid) { bytes in
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    text[position] = digits.utf8Start[Int(bytes[index] >> 4)]
                    text[position + 1] = digits.utf8Start[Int(bytes[index] & 0x0F)]
                    position += 2
                }
            }
            return 36
        }
    }
}

