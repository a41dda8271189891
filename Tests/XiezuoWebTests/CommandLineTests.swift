import Foundation
import Testing
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport
@testable import XiezuoWeb

@Suite("The command line")
struct CommandLineTests {
    @Test("user add, list, disable, enable and password", arguments: TestDatabase.all)
    func users(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let added = try await t.run(["user", "add", "--role", "officer", "--region", "611022", "--name", "丹凤县干部", "--login", "danfeng"])
            #expect(added.contains("已创建账号 danfeng（officer，611022）"))
            let password = try #require(added.first { $0.hasPrefix("密码：") }.map { String($0.dropFirst(3).prefix(16)) })
            #expect(try await t.accounts.signIn(username: "danfeng", password: password) != .invalid)

            let listed = try await t.run(["user", "list"])
            #expect(listed.contains { $0.hasPrefix("danfeng\tofficer\t611022\tactive\t丹凤县干部") })
            // admin, the demo accounts and danfeng
            #expect(listed.last == "共 \(DemoData.accounts.count + 2) 个账号")

            _ = try await t.run(["user", "disable", "danfeng"])
            #expect(try await t.account("danfeng").disabled)
            _ = try await t.run(["user", "enable", "danfeng"])
            #expect(try await t.account("danfeng").disabled == false)
            _ = try await t.run(["user", "password", "danfeng", "--password", "chosen-password-1"])
            #expect(try await t.accounts.signIn(username: "danfeng", password: "chosen-password-1") != .invalid)

            await #expect(throws: DomainError.invalid("jurisdiction", "unknown_region", ["code": "619999"])) {
                try await t.run(["user", "add", "--role", "officer", "--region", "619999", "--login", "nowhere"])
            }
            await #expect(throws: CommandLineError.self) { try await t.run(["user", "disable", "nobody"]) }
        }
    }

    @Test("token create prints the secret once; token revoke shuts it out", arguments: TestDatabase.all)
    func tokens(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let created = try await t.run(["token", "create", "--user", "demo-partner", "--name", "就在江苏 sync"])
            let secret = try #require(created.first { $0.hasPrefix("xz_") })
            #expect(try await t.tokens.authenticate(secret)?.username == "demo-partner")
            let listed = try await t.run(["token", "list", "--user", "demo-partner"])
            #expect(listed.count == 1)
            #expect(!listed[0].contains(secret))
            let id = String(listed[0].prefix(36))
            let revoked = try await t.run(["token", "revoke", id])
            #expect(revoked == ["令牌 \(id) 已吊销"])
            #expect(try await t.tokens.authenticate(secret) == nil)
        }
    }

    @Test("the executable: a refused command prints its reason and exits with status 1, without a crash report")
    func exitStatus() async throws {
        // The package's `xiezuo` executable, built beside this test bundle.
        let binary = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("xiezuo")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no executable at \(binary.path)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("xz_cli_\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: file + suffix) } }
        func run(_ arguments: [String], _ environment: [String: String] = [:]) throws -> (status: Int32, output: String, errors: String) {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.environment = ["XIEZUO_DATABASE_URL": file, "XIEZUO_LANG": "zh-Hans", "PATH": "/usr/bin:/bin"]
                .merging(environment) { $1 }
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            let out = output.fileHandleForReading.readDataToEndOfFile(), err = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
        }
        let added = try run(["user", "add", "--role", "partner", "--login", "relay", "--name", "合作平台"])
        #expect(added.status == 0 && added.output.contains("已创建账号 relay"), "\(added)")
        let again = try run(["user", "add", "--role", "partner", "--login", "relay"])
        #expect(again.status == 1, "\(again)")
        #expect(again.errors.contains("错误：该用户名已被使用。"), "\(again.errors)")
        #expect(!again.errors.contains("Fatal error") && !again.output.contains("Fatal error"))
        let english = try run(["user", "disable", "nobody"], ["XIEZUO_LANG": "en"])
        #expect(english.status == 1 && english.errors.contains("nobody"), "\(english)")
        let badSetting = try run(["user", "list"], ["XIEZUO_PORT": "eighty"])
        #expect(badSetting.status == 1 && badSetting.errors.contains("XIEZUO_PORT=eighty"), "\(badSetting)")
        #expect(try run(["user", "list"]).status == 0)

        // Backup, restore into an empty location (before the app is set up, which would create the files), and the
        // audit chain of the copy.
        let archive = file + ".xzb", copy = file + "-restored.sqlite"
        defer { for path in [archive, copy, copy + ".key", copy + "-wal", copy + "-shm"] { try? FileManager.default.removeItem(atPath: path) } }
        let secret = ["XIEZUO_BACKUP_PASSPHRASE": "a long enough passphrase"]
        let backup = try run(["backup", "--to", archive], secret)
        #expect(backup.status == 0 && backup.output.contains("备份完成"), "\(backup)")
        let short = try run(["backup", "--to", archive + "2"], ["XIEZUO_BACKUP_PASSPHRASE": "short"])
        #expect(short.status == 1 && short.errors.contains("口令至少 12 个字符"), "\(short)")
        let wrong = try run(["restore", archive], ["XIEZUO_DATABASE_URL": copy, "XIEZUO_BACKUP_PASSPHRASE": "not the passphrase!"])
        #expect(wrong.status == 1 && wrong.errors.contains("口令不对"), "\(wrong)")
        #expect(!FileManager.default.fileExists(atPath: copy) && !FileManager.default.fileExists(atPath: copy + ".key"))
        let restored = try run(["restore", archive], ["XIEZUO_DATABASE_URL": copy].merging(secret) { $1 })
        #expect(restored.status == 0 && restored.output.contains("已恢复"), "\(restored)")
        let twice = try run(["restore", archive], ["XIEZUO_DATABASE_URL": copy].merging(secret) { $1 })
        #expect(twice.status == 1 && twice.errors.contains("已存在"), "\(twice)")
        let verified = try run(["audit", "verify"], ["XIEZUO_DATABASE_URL": copy])
        #expect(verified.status == 0 && verified.output.contains("审计日志完整"), "\(verified)")
        #expect(try run(["user", "list"], ["XIEZUO_DATABASE_URL": copy]).output.contains("relay"))
    }
}
