import Foundation

extension UUID {
    /// `count` new identifiers in ascending order, time-ordered as RFC 9562 version 7 describes: the first 48 bits
    /// are the Unix time in milliseconds, then a 32-bit counter that starts at a random value and counts up
    /// through the batch (the standard's "monotonic random" method), then 42 random bits.
    ///
    /// Rows keyed by these ids go into the end of their index instead of a random page of it, which keeps bulk
    /// writes (a sync, the demo generator) from touching the whole index; compared as text (upper or lower
    /// case) or as bytes they sort like their creation times. Ids made in the same millisecond by separate calls
    /// are unique but in no particular order.
    public static func timeOrdered(_ count: Int, at date: Date = Date()) -> [UUID] {
        precondition((0..<(1 << 31)).contains(count), "at most 2^31 ids per call")
        var generator = SystemRandomNumberGenerator()
        let milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var counter = generator.next() >> 33 // below 2^31: the batch never wraps
        func c(_ value: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: value) }
        return (0..<count).map { _ in
            defer { counter += 1 }
            let random = generator.next()
            return UUID(uuid: (
                c(milliseconds >> 40), c(milliseconds >> 32), c(milliseconds >> 24),
                c(milliseconds >> 16), c(milliseconds >> 8), c(milliseconds),
                0x70 | c(counter >> 28) & 0x0F, c(counter >> 20),
                0x80 | c(counter >> 14) & 0x3F, c(counter >> 6),
                c(counter) << 2 | c(random) & 0x03, c(random >> 8), c(random >> 16), c(random >> 24), c(random >> 32), c(random >> 40)
            ))
        }
    }

    /// One new time-ordered identifier (see ``timeOrdered(_:at:)``).
    public static func timeOrdered(at date: Date = Date()) -> UUID {
        timeOrdered(1, at: date)[0]
    }

    /// The creation time of a time-ordered (version 7) identifier, to the millisecond; nil for other versions.
    public var timeOrderedDate: Date? {
        let bytes = uuid
        guard bytes.6 >> 4 == 7 else { return nil }
        let milliseconds = [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
