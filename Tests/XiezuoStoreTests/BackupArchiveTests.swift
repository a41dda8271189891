import Foundation
import Testing
@testable import XiezuoStore

@Suite("Backup archives")
struct BackupArchiveTests {
    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xz-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("files of several chunks come back byte for byte; a wrong passphrase, a changed byte, a cut file and a taken target are refused")
    func roundTrip() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let big = directory.appendingPathComponent("big"), small = directory.appendingPathComponent("small")
        let bigData = Data((0..<(BackupArchive.chunkSize * 2 + 12_345)).map { UInt8(truncatingIfNeeded: $0 * 31 + $0 / 7) })
        try bigData.write(to: big)
        try Data("key\n".utf8).write(to: small)
        let archive = directory.appendingPathComponent("backup.xzb")
        try BackupArchive.write([.init(name: "data.key", file: small), .init(name: "xiezuo.sqlite", file: big)], database: "sqlite",
                                to: archive, passphrase: "correct horse battery")
        #expect(try BackupArchive.header(of: archive).database == "sqlite")
        // Nothing of the plaintext is in the file.
        #expect(try Data(contentsOf: archive).range(of: bigData.prefix(64)) == nil)
        let out = directory.appendingPathComponent("out"), key = directory.appendingPathComponent("out.key")
        #expect(throws: BackupArchive.Failure.wrongPassphrase) {
            try BackupArchive.restore(from: archive, passphrase: "wrong horse battery", targets: ["xiezuo.sqlite": out, "data.key": key])
        }
        #expect(!FileManager.default.fileExists(atPath: out.path) && !FileManager.default.fileExists(atPath: key.path))
        try BackupArchive.restore(from: archive, passphrase: "correct horse battery", targets: ["xiezuo.sqlite": out, "data.key": key])
        #expect(try Data(contentsOf: out) == bigData && (try String(contentsOf: key, encoding: .utf8)) == "key\n")
        #expect(throws: BackupArchive.Failure.targetExists(out.path)) {
            try BackupArchive.restore(from: archive, passphrase: "correct horse battery",
                                      targets: ["xiezuo.sqlite": out, "data.key": directory.appendingPathComponent("free.key")])
        }
        // One byte changed in the second chunk, or the last chunk cut off: refused, and nothing is left behind.
        var bytes = try Data(contentsOf: archive)
        let changed = directory.appendingPathComponent("changed.xzb"), cut = directory.appendingPathComponent("cut.xzb")
        bytes[bytes.count - BackupArchive.chunkSize / 2] ^= 1
        try bytes.write(to: changed)
        try Data(try Data(contentsOf: archive).dropLast(100)).write(to: cut)
        for file in [changed, cut] {
            let target = directory.appendingPathComponent("again-\(file.lastPathComponent)")
            #expect(throws: BackupArchive.Failure.damaged) {
                try BackupArchive.restore(from: file, passphrase: "correct horse battery", targets: ["xiezuo.sqlite": target, "data.key": key.appendingPathExtension("x")])
            }
            #expect(!FileManager.default.fileExists(atPath: target.path))
        }
        #expect(throws: BackupArchive.Failure.passphraseTooShort) {
            try BackupArchive.write([], database: "sqlite", to: directory.appendingPathComponent("x"), passphrase: "short")
        }
        #expect(throws: BackupArchive.Failure.notABackup) { _ = try BackupArchive.header(of: small) }
    }
}
