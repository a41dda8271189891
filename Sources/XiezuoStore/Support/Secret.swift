import Crypto
import Foundation
import XiezuoCore

/// Random secrets handed out once (API tokens, order keys) and the digest under which they are stored.
enum Secret {
    /// `prefix` and 32 random bytes in URL-safe base64 (43 characters).
    static func make(prefix: String = "") -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + base64
    }

    /// The stored form of a secret: hex SHA-256 (a secret of 256 random bits needs no salt or slow hash).
    static func digest(_ secret: String) -> String {
        Hex.encode(SHA256.hash(data: Data(secret.utf8)))
    }
}
