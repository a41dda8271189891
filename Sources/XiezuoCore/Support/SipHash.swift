/// SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed 64-bit hash, the same on every machine and in every run
/// (Swift's `Hasher` is seeded per process, so it cannot name anything that is stored).
public struct SipHash24: Sendable {
    private let k0: UInt64
    private let k1: UInt64

    /// A hasher with the 128-bit key `k0 ‖ k1` (each read little-endian, as the reference implementation does).
    public init(k0: UInt64, k1: UInt64) {
        self.k0 = k0
        self.k1 = k1
    }

    /// The hash of `bytes`.
    public func hash<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var v0: UInt64 = 0x736f6d6570736575 ^ k0
        var v1: UInt64 = 0x646f72616e646f6d ^ k1
        var v2: UInt64 = 0x6c7967656e657261 ^ k0
        var v3: UInt64 = 0x7465646279746573 ^ k1
        @inline(__always) func round() {
            v0 &+= v1; v1 = v1.rotated(13); v1 ^= v0; v0 = v0.rotated(32)
            v2 &+= v3; v3 = v3.rotated(16); v3 ^= v2
            v0 &+= v3; v3 = v3.rotated(21); v3 ^= v0
            v2 &+= v1; v1 = v1.rotated(17); v1 ^= v2; v2 = v2.rotated(32)
        }
        var word: UInt64 = 0
        var count = 0
        for byte in bytes {
            word |= UInt64(byte) &<< (8 * UInt64(count & 7))
            count += 1
            if count & 7 == 0 {
                v3 ^= word; round(); round(); v0 ^= word
                word = 0
            }
        }
        word |= UInt64(truncatingIfNeeded: count) &<< 56
        v3 ^= word; round(); round(); v0 ^= word
        v2 ^= 0xff
        round(); round(); round(); round()
        return v0 ^ v1 ^ v2 ^ v3
    }
}

private extension UInt64 {
    func rotated(_ bits: UInt64) -> UInt64 { (self &<< bits) | (self &>> (64 - bits)) }
}
