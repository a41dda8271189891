import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport
@testable import XiezuoWeb

@Suite("Backup and restore")
struct BackupTests {
    @Test("a backup taken while writes go on restores every write acknowledged before it began, with the sealed ID numbers readable")
    func whileWriting() async throws {
        try await withTestApp(.sqlite) { t in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xz-backup-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let zhashui = try await t.principal("zhashui-officer"), admin = try await t.principal("admin")
            let worker = try await t.workers.register(sampleWorker(81), by: zhashui)
            let passphraseFile = directory.appendingPathComponent("passphrase")
            try "a long enough passphrase\n".write(to: passphraseFile, atomically: true, encoding: .utf8)
            let acknowledged = NIOLockedValueBox<[String]>([])
            let stop = NIOLockedValueBox(false)
            // The writer says when each write is acknowledged; the backup starts after the tenth (nothing waits on the clock).
            let (written, signal) = AsyncStream<Int>.makeStream()
            let writer = Task {
                defer { signal.finish() }
                var index = 0
                while !stop.withLockedValue({ $0 }) {
                    let project = try await t.projects.create(sampleProject("BK-\(index)"), by: admin)
                    signal.yield(acknowledged.withLockedValue { $0.append(project.code); return $0.count })
                    index += 1
                }
            }
            for await count in written where count >= 10 { break }
            let before = acknowledged.withLockedValue { $0 }
            let archive = directory.appendingPathComponent("xiezuo.xzb")
            let output = try await t.run(["backup", "--to", archive.path, "--passphrase-file", passphraseFile.path]).joined(separator: "\n")
            let during = acknowledged.withLockedValue { $0.count }
            stop.withLockedValue { $0 = true }
            try await writer.value
            #expect(output.contains("备份完成"))
            #expect(acknowledged.withLockedValue { $0.count } > before.count, "writes went on during the backup (\(during))")
            // A backup never overwrites, and a wrong passphrase restores nothing.
            await #expect(throws: (any Error).self) { _ = try await t.run(["backup", "--to", archive.path, "--passphrase-file", passphraseFile.path]) }
            let restored = directory.appendingPathComponent("restored.sqlite").path, key = directory.appendingPathComponent("restored.key").path
            #expect(throws: BackupArchive.Failure.wrongPassphrase) {
                try DatabaseBackup.restore(archive, passphrase: "not the passphrase", databasePath: restored, keyFile: key)
            }
            #expect(try DatabaseBackup.restore(archive, passphrase: "a long enough passphrase", databasePath: restored, keyFile: key).database == "sqlite")
            #expect(throws: BackupArchive.Failure.self) {
                try DatabaseBackup.restore(archive, passphrase: "a long enough passphrase", databasePath: restored, keyFile: key)
            }

            // The restored copy, opened as the server would open it.
            let app = try await Application.make(.testing)
            app.logger.logLevel = .error
            do {
                try XiezuoApp.configure(app, settings: Settings(database: .sqlite(path: restored), bcryptCost: 4, dataKeyFile: key))
                _ = try await Bootstrap.prepareDatabase(app)
                let codes = Set(try await (app.db as! any SQLDatabase).raw("SELECT code FROM projects").all()
                    .map { try $0.decode(column: "code", as: String.self) })
                #expect(Set(before).isSubset(of: codes), "missing: \(Set(before).subtracting(codes).sorted())")
                let repository = WorkerRepository(database: app.db, regions: app.xiezuo.regions, cipher: app.xiezuo.cipher)
                #expect(try await repository.reveal(worker.id, reason: "恢复核对", by: zhashui).idNumber == sampleIDNumber(81))
                #expect(try await AuditChain.verify(on: app.db).isIntact)
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }
    }

    @Test("on PostgreSQL the backup seals the data key and explains pg_dump; restoring it brings back the key",
          arguments: TestDatabase.all.filter { if case .postgres = $0 { true } else { false } })
    func postgres(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xz-backup-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let passphraseFile = directory.appendingPathComponent("passphrase")
            try "a long enough passphrase".write(to: passphraseFile, atomically: true, encoding: .utf8)
            let archive = directory.appendingPathComponent("key.xzb")
            let output = try await t.run(["backup", "--to", archive.path, "--passphrase-file", passphraseFile.path]).joined(separator: "\n")
            #expect(output.contains("已备份数据密钥") && output.contains("pg_dump --format=custom"))
            let key = directory.appendingPathComponent("restored.key")
            let header = try DatabaseBackup.restore(archive, passphrase: "a long enough passphrase", databasePath: nil, keyFile: key.path)
            #expect(header.database == "postgres")
            #expect(try String(contentsOf: key, encoding: .utf8) == t.app.xiezuo.cipher.keyFileText)
        }
    }
}
