import FluentKit
import Foundation
import SQLKit

/// `xiezuo backup` and `xiezuo restore`: a consistent copy of a live SQLite database together with the data key, in a
/// ``BackupArchive`` sealed under the operator's passphrase. On PostgreSQL the database is backed up with `pg_dump`
/// (docs/security.md) and the archive holds the key alone.
public enum DatabaseBackup {
    /// The archive's names of its files.
    public static let databaseEntry = "xiezuo.sqlite"
    public static let keyEntry = "data.key"

    /// Backs up a live SQLite database through `database` (any of the app's connections): `VACUUM INTO` copies it
    /// inside one read transaction, so the copy holds exactly the writes committed when it began, while writes go
    /// on. Returns the archive's header.
    public static func backUpSQLite(_ database: any Database, cipher: PersonalDataCipher, to destination: URL,
                                    passphrase: String) async throws {
        let scratch = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: scratch) }
        let copy = scratch.appendingPathComponent(databaseEntry)
        try await (database as! any SQLDatabase).raw("VACUUM INTO \(bind: copy.path)").run()
        let key = scratch.appendingPathComponent(keyEntry)
        try Data(cipher.keyFileText.utf8).write(to: key)
        try BackupArchive.write([.init(name: keyEntry, file: key), .init(name: databaseEntry, file: copy)], database: "sqlite",
                                to: destination, passphrase: passphrase)
    }

    /// Seals the data key alone (a PostgreSQL database is backed up by `pg_dump`).
    public static func backUpKey(cipher: PersonalDataCipher, to destination: URL, passphrase: String) throws {
        let scratch = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: scratch) }
        let key = scratch.appendingPathComponent(keyEntry)
        try Data(cipher.keyFileText.utf8).write(to: key)
        try BackupArchive.write([.init(name: keyEntry, file: key)], database: "postgres", to: destination, passphrase: passphrase)
    }

    /// Restores an archive: the database to `databasePath` (SQLite archives) and the key to `keyFile`; none of the
    /// database's files (with its `-wal` and `-shm`) nor the key file may exist.
    @discardableResult
    public static func restore(_ archive: URL, passphrase: String, databasePath: String?, keyFile: String) throws -> BackupArchive.Header {
        let header = try BackupArchive.header(of: archive)
        var targets = [keyEntry: URL(fileURLWithPath: keyFile)]
        if header.database == "sqlite" {
            guard let databasePath else { throw BackupArchive.Failure.unknownEntry(databaseEntry) }
            for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: databasePath + suffix) {
                throw BackupArchive.Failure.targetExists(databasePath + suffix)
            }
            targets[databaseEntry] = URL(fileURLWithPath: databasePath)
        }
        return try BackupArchive.restore(from: archive, passphrase: passphrase, targets: targets)
    }
}
