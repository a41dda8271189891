import _CryptoExtras
import Crypto
import Foundation

/// A backup file: named files (the database copy, the data key) sealed with a key derived from the operator's
/// passphrase, so the copy can be kept off the server without exposing what the data key protects.
///
/// Layout: `XZBK1\n`, a 4-byte big-endian length and a JSON header (format, scrypt parameters and salt, what the
/// backup holds), then chunks of at most 1 MiB of the payload, each a 4-byte length and an AES-256-GCM box whose
/// authenticated data is the header's SHA-256, the chunk's number and whether it is the last, so chunks cannot be
/// reordered, dropped or cut off unnoticed. The payload is a sequence of entries: a 2-byte name length, the name, an
/// 8-byte size and the bytes. Files are streamed: a backup of any size needs about one chunk of memory.
public enum BackupArchive {
    static let magic = Data("XZBK1\n".utf8)
    static let chunkSize = 1 << 20
    /// scrypt at N = 2^15, r = 8, p = 1: 32 MiB and about a tenth of a second a try.
    static let scrypt = (rounds: 1 << 15, blockSize: 8, parallelism: 1)
    /// The shortest passphrase accepted.
    public static let minimumPassphraseLength = 12

    public struct Header: Codable, Sendable, Equatable {
        public var format: Int
        public var kdf: String
        public var rounds: Int
        public var blockSize: Int
        public var parallelism: Int
        public var salt: String
        /// `sqlite` (the database and the key) or `postgres` (the key only; the database is pg_dump's).
        public var database: String
        public var created: Date
    }

    /// One file of a backup: its name in the archive and where its bytes come from.
    public struct Source: Sendable {
        public var name: String
        public var file: URL

        public init(name: String, file: URL) {
            self.name = name
            self.file = file
        }
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case notABackup, wrongPassphrase, damaged, passphraseTooShort, targetExists(String), unknownEntry(String)

        public var description: String {
            switch self {
            case .notABackup: "not a Xiezuo backup file"
            case .wrongPassphrase: "wrong passphrase, or the file was changed"
            case .damaged: "the backup file is damaged or cut off"
            case .passphraseTooShort: "the passphrase must be at least \(BackupArchive.minimumPassphraseLength) characters"
            case .targetExists(let path): "\(path) exists; restore only into an empty location"
            case .unknownEntry(let name): "the backup holds an unexpected file: \(name)"
            }
        }
    }

    /// Writes `sources` to `destination` (which must not exist), sealed under `passphrase`.
    public static func write(_ sources: [Source], database: String, to destination: URL, passphrase: String, now: Date = Date()) throws {
        guard passphrase.count >= minimumPassphraseLength else { throw Failure.passphraseTooShort }
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = generator.next() }
        let header = Header(format: 1, kdf: "scrypt", rounds: scrypt.rounds, blockSize: scrypt.blockSize, parallelism: scrypt.parallelism,
                            salt: Data(salt).base64EncodedString(), database: database, created: now)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        let headerData = try encoder.encode(header)
        let key = try derive(passphrase, header)
        guard FileManager.default.createFile(atPath: destination.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw Failure.targetExists(destination.path)
        }
        let output = try FileHandle(forWritingTo: destination)
        defer { try? output.close() }
        try output.write(contentsOf: magic + bigEndian(UInt32(headerData.count)) + headerData)
        var sealer = Sealer(key: key, headerDigest: Data(SHA256.hash(data: headerData)), output: output)
        for source in sources {
            let size = try FileManager.default.attributesOfItem(atPath: source.file.path)[.size] as? UInt64 ?? 0
            let name = Data(source.name.utf8)
            try sealer.add(bigEndian(UInt16(name.count)) + name + bigEndian(size))
            let input = try FileHandle(forReadingFrom: source.file)
            defer { try? input.close() }
            var copied: UInt64 = 0
            while let data = try input.read(upToCount: chunkSize), !data.isEmpty {
                copied += UInt64(data.count)
                try sealer.add(data)
            }
            guard copied == size else { throw Failure.damaged }  // the file changed while it was copied
        }
        try sealer.finish()
        try output.synchronize()
    }

    /// Reads a backup's header without the passphrase.
    public static func header(of file: URL) throws -> Header {
        let input = try FileHandle(forReadingFrom: file)
        defer { try? input.close() }
        return try readHeader(input).header
    }

    /// Restores a backup: each entry goes to the path `targets` gives for its name, none of which may exist yet.
    /// Nothing is left behind when the passphrase is wrong or the file is damaged.
    @discardableResult
    public static func restore(from file: URL, passphrase: String, targets: [String: URL]) throws -> Header {
        for target in targets.values where FileManager.default.fileExists(atPath: target.path) {
            throw Failure.targetExists(target.path)
        }
        let input = try FileHandle(forReadingFrom: file)
        defer { try? input.close() }
        let (header, headerData) = try readHeader(input)
        let key = try derive(passphrase, header)
        let digest = Data(SHA256.hash(data: headerData))
        var written: [URL] = []
        do {
            var buffer = Data()
            var current: (handle: FileHandle, remaining: UInt64)?
            var index: UInt64 = 0
            var last = false
            while !last {
                guard let lengthData = try input.read(upToCount: 4), lengthData.count == 4 else { throw Failure.damaged }
                let length = Int(lengthData.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
                guard length <= chunkSize + 64, let sealed = try input.read(upToCount: length), sealed.count == length else { throw Failure.damaged }
                let box = try AES.GCM.SealedBox(combined: sealed)
                var plain: Data?
                for flag in [false, true] where plain == nil {
                    plain = try? AES.GCM.open(box, using: key, authenticating: digest + bigEndian(index) + Data([flag ? 1 : 0]))
                    if plain != nil { last = flag }
                }
                guard let plain else { throw index == 0 ? Failure.wrongPassphrase : Failure.damaged }
                index += 1
                buffer.append(plain)
                // Hand the buffered bytes to the files they belong to.
                while true {
                    if var open = current {
                        let take = Int(min(UInt64(buffer.count), open.remaining))
                        try open.handle.write(contentsOf: buffer.prefix(take))
                        buffer.removeFirst(take)
                        open.remaining -= UInt64(take)
                        if open.remaining == 0 { try open.handle.close(); current = nil } else { current = open; break }
                    }
                    guard buffer.count >= 2 else { break }
                    let nameLength = Int(buffer[buffer.startIndex]) << 8 | Int(buffer[buffer.startIndex + 1])
                    guard buffer.count >= 2 + nameLength + 8 else { break }
                    let name = String(decoding: buffer.dropFirst(2).prefix(nameLength), as: UTF8.self)
                    let size = buffer.dropFirst(2 + nameLength).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                    buffer.removeFirst(2 + nameLength + 8)
                    guard let target = targets[name] else { throw Failure.unknownEntry(name) }
                    guard FileManager.default.createFile(atPath: target.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                        throw Failure.targetExists(target.path)
                    }
                    written.append(target)
                    current = (try FileHandle(forWritingTo: target), size)
                }
            }
            guard current == nil, buffer.isEmpty, try input.read(upToCount: 1)?.isEmpty ?? true else { throw Failure.damaged }
        } catch {
            for file in written { try? FileManager.default.removeItem(at: file) }
            throw error
        }
        return header
    }

    // MARK: Pieces

    static func derive(_ passphrase: String, _ header: Header) throws -> SymmetricKey {
        guard header.kdf == "scrypt", let salt = Data(base64Encoded: header.salt), header.rounds <= 1 << 20, header.blockSize <= 32,
              header.parallelism <= 4 else { throw Failure.notABackup }
        return try KDF.Scrypt.deriveKey(from: Data(passphrase.utf8), salt: salt, outputByteCount: 32, rounds: header.rounds,
                                        blockSize: header.blockSize, parallelism: header.parallelism)
    }

    static func readHeader(_ input: FileHandle) throws -> (header: Header, data: Data) {
        guard let start = try input.read(upToCount: magic.count + 4), start.count == magic.count + 4, start.prefix(magic.count) == magic else {
            throw Failure.notABackup
        }
        let length = Int(start.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        guard length < 65_536, let data = try input.read(upToCount: length), data.count == length else { throw Failure.notABackup }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let header = try? decoder.decode(Header.self, from: data), header.format == 1 else { throw Failure.notABackup }
        return (header, data)
    }

    static func bigEndian<T: FixedWidthInteger>(_ value: T) -> Data {
        withUnsafeBytes(of: value.bigEndian) { Data($0) }
    }

    /// Seals the payload a chunk at a time.
    struct Sealer {
        let key: SymmetricKey
        let headerDigest: Data
        let output: FileHandle
        var pending = Data()
        var index: UInt64 = 0

        init(key: SymmetricKey, headerDigest: Data, output: FileHandle) {
            self.key = key
            self.headerDigest = headerDigest
            self.output = output
        }

        mutating func add(_ data: Data) throws {
            pending.append(data)
            while pending.count > BackupArchive.chunkSize {
                try seal(pending.prefix(BackupArchive.chunkSize), last: false)
                pending.removeFirst(BackupArchive.chunkSize)
            }
        }

        mutating func finish() throws {
            try seal(pending, last: true)
            pending = Data()
        }

        private mutating func seal(_ data: Data, last: Bool) throws {
            let box = try AES.GCM.seal(data, using: key, authenticating: headerDigest + BackupArchive.bigEndian(index) + Data([last ? 1 : 0]))
            guard let combined = box.combined else { throw BackupArchive.Failure.damaged }
            try output.write(contentsOf: BackupArchive.bigEndian(UInt32(combined.count)) + combined)
            index += 1
        }
    }
}
