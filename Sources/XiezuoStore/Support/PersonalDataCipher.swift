import Crypto
import Foundation
import XiezuoCore

/// Seals phone and ID-card numbers with AES-GCM before they reach the database, so the raw file holds no plaintext.
///
/// The 256-bit key comes from `XIEZUO_DATA_KEY` (base64) or from a key file created with owner-only permissions on
/// first run. Losing the key loses the sealed numbers: back it up with the database.
public struct PersonalDataCipher: Sendable {
    private let keyBytes: Data
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// A cipher over a known key.
    public init(key: SymmetricKey) {
        keyBytes = key.withUnsafeBytes { Data($0) }
    }

    /// A cipher over a base64 key, or nil when the text is not 32 bytes of base64.
    public init?(base64 text: String) {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else {
            return nil
        }
        keyBytes = data
    }

    /// The key in `path`, creating the file with a fresh random key (mode 0600) when it does not exist.
    public static func loadOrCreate(keyFile path: String) throws -> PersonalDataCipher {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            guard let cipher = PersonalDataCipher(base64: text) else { throw CipherError.badKeyFile(path) }
            return cipher
        }
        let key = SymmetricKey(size: .bits256)
        let text = key.withUnsafeBytes { Data($0) }.base64EncodedString() + "\n"
        // Created exclusively: when two first runs race, one writes the file and the other reads the key it wrote.
        switch createExclusively(path, Array(text.utf8)) {
        case .created: return PersonalDataCipher(key: key)
        case .exists: return try loadOrCreate(keyFile: path)
        case .failed: throw CipherError.cannotCreate(path)
        }
    }

    /// The key as its file holds it (base64 and a newline), for a backup sealed under the operator's passphrase.
    public var keyFileText: String { keyBytes.base64EncodedString() + "\n" }

    /// The sealed form of `plaintext`: base64 of nonce, ciphertext and tag.
    public func seal(_ plaintext: String) throws -> String {
        guard let combined = try AES.GCM.seal(Data(plaintext.utf8), using: key).combined else { throw CipherError.sealFailed }
        return combined.base64EncodedString()
    }

    /// A keyed digest of `value` (HMAC-SHA256 under a key derived from the data key), for finding a sealed number
    /// again (deduplication) without storing anything a dictionary of all ID numbers could reverse.
    public func blindIndex(_ value: String) -> String {
        let subkey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data("xiezuo blind index v1".utf8), using: key))
        return Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: subkey))
    }

    /// The plaintext of a value sealed with this key.
    public func open(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed) else { throw CipherError.notSealed }
        let box = try AES.GCM.SealedBox(combined: data)
        return String(decoding: try AES.GCM.open(box, using: key), as: UTF8.self)
    }
}

/// Why personal data could not be sealed or opened.
public enum CipherError: Error, CustomStringConvertible {
    case badKeyFile(String), cannotCreate(String), sealFailed, notSealed

    public var description: String {
        switch self {
        case .badKeyFile(let path): "\(path) does not hold a 32-byte base64 key"
        case .cannotCreate(let path): "cannot create the key file \(path)"
        case .sealFailed: "sealing failed"
        case .notSealed: "the stored value is not sealed data"
        }
    }
}

private enum Creation { case created, exists, failed }

/// Writes a new owner-only file, refusing to replace one that exists (`O_EXCL`).
private func createExclusively(_ path: String, _ bytes: [UInt8]) -> Creation {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard descriptor >= 0 else { return errno == EEXIST ? .exists : .failed }
    defer { close(descriptor) }
    return write(descriptor, bytes, bytes.count) == bytes.count && fsync(descriptor) == 0 ? .created : .failed
}
