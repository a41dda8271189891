/// A sorted list of document numbers kept as the differences between neighbours, each in as few bytes as it needs
/// (LEB128: seven bits a byte, the high bit saying another byte follows).
///
/// The job index numbers postings in the order it adds them, so a posting list only ever grows at its end. Most
/// neighbours in a common term's list are a few numbers apart, so a number costs one or two bytes instead of four;
/// over a million postings the lists went from 4 bytes a number (plus an array's slack) to about one.
public struct PostingList: Sendable, Equatable {
    private(set) var bytes: [UInt8] = []
    /// The last number appended (-1 for none).
    public private(set) var last: Int32 = -1
    /// How many numbers the list holds.
    public private(set) var count: Int = 0

    /// An empty list.
    public init() {}

    /// Appends `number` if it is past the last one (a repeat of the last is ignored, so a term met twice in one text
    /// lists the posting once).
    @inline(__always)
    public mutating func append(_ number: Int32) {
        guard number > last else {
            precondition(number == last, "posting lists grow in order")
            return
        }
        var delta = UInt32(bitPattern: number &- last)
        last = number
        count += 1
        while delta >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: delta) | 0x80)
            delta >>= 7
        }
        bytes.append(UInt8(delta))
    }

    /// The numbers, in order.
    public func decoded() -> [Int32] {
        guard count > 0 else { return [] }
        return [Int32](unsafeUninitializedCapacity: count) { numbers, initialised in
            bytes.withUnsafeBufferPointer { bytes in
                var value: Int32 = -1
                var position = 0
                var delta: UInt32 = 0
                var shift: UInt32 = 0
                for byte in bytes {
                    delta |= UInt32(byte & 0x7F) << shift
                    if byte < 0x80 {
                        value &+= Int32(bitPattern: delta)
                        numbers[position] = value
                        position += 1
                        delta = 0
                        shift = 0
                    } else {
                        shift += 7
                    }
                }
                initialised = position
            }
        }
    }

    /// Bytes the list takes (not counting its array's header).
    public var byteCount: Int { bytes.count }

    /// Gives back the spare capacity an array keeps for growth (after a bulk build).
    public mutating func shrink() {
        guard bytes.capacity > bytes.count + bytes.count / 8 + 16 else { return }
        bytes = [UInt8](unsafeUninitializedCapacity: bytes.count) { target, initialised in
            _ = target.initialize(from: bytes)
            initialised = bytes.count
        }
    }
}
