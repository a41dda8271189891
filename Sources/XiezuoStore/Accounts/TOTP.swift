import Crypto
import Foundation
import XiezuoCore

/// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, 30-second steps, six digits, as every
/// authenticator app computes them.
public enum TOTP {
    public static let step: TimeInterval = 30
    public static let digits = 6

    /// The time step `date` falls in.
    public static func counter(at date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / step).rounded(.down)) }

    /// The code for a counter value (HOTP), `digits` long.
    public static func code(secret: [UInt8], counter: Int64, digits: Int = TOTP.digits) -> String {
        let message = withUnsafeBytes(of: UInt64(bitPattern: counter).bigEndian) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let text = String(binary % modulus)
        return String(repeating: "0", count: digits - text.count) + text
    }

    /// The code at `date`.
    public static func code(secret: [UInt8], at date: Date, digits: Int = TOTP.digits) -> String {
        code(secret: secret, counter: counter(at: date), digits: digits)
    }

    /// The counter whose code `given` is, among the step of `date` and the one before and after it (clocks drift),
    /// or nil. Compared in constant time.
    public static func matchingCounter(_ given: String, secret: [UInt8], at date: Date) -> Int64? {
        let now = counter(at: date)
        var found: Int64?
        for candidate in [now - 1, now, now + 1] where constantTimeEqual(code(secret: secret, counter: candidate), given) {
            found = found ?? candidate
        }
        return found
    }

    /// The `otpauth://` address an authenticator app scans.
    public static func provisioningURI(secret: [UInt8], account: String, issuer: String = "Xiezuo") -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let label = (issuer + ":" + account).addingPercentEncoding(withAllowedCharacters: allowed.union(CharacterSet(charactersIn: ":"))) ?? account
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(issuer)&algorithm=SHA1&digits=\(digits)&period=\(Int(step))"
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
