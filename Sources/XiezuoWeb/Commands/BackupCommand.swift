import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Vapor
import XiezuoStore

/// `xiezuo backup --to FILE`: a consistent copy of the live SQLite database with the data key, sealed under a
/// passphrase (docs/security.md). On PostgreSQL it seals the key and explains the `pg_dump` procedure.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "The backup file to write (must not exist)") var to: String?
        @Option(name: "passphrase-file", help: "A file whose first line is the passphrase (else XIEZUO_BACKUP_PASSPHRASE, else asked)")
        var passphraseFile: String?
        init() {}
    }
    var help: String { "Backs up the database and the data key into one file sealed with a passphrase." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let to = signature.to, !to.isEmpty else { throw context.failure("cli.backup_needs_to") }
        let destination = URL(fileURLWithPath: to)
        guard !FileManager.default.fileExists(atPath: destination.path) else { throw context.failure("cli.backup_exists", ["path": to]) }
        let passphrase = try Passphrase.read(file: signature.passphraseFile, context: context, confirm: true)
        let app = context.application
        _ = try await Bootstrap.prepareDatabase(app)
        switch app.xiezuo.settings.database {
        case .sqlite:
            try await DatabaseBackup.backUpSQLite(app.db, cipher: app.xiezuo.cipher, to: destination, passphrase: passphrase)
            context.say("cli.backup_done", ["path": to], style: .success)
        case .postgres:
            try DatabaseBackup.backUpKey(cipher: app.xiezuo.cipher, to: destination, passphrase: passphrase)
            context.say("cli.backup_key_only", ["path": to], style: .success)
            context.say("cli.backup_pg_dump")
        }
    }
}

/// Where a backup's passphrase comes from: a file, `XIEZUO_BACKUP_PASSPHRASE`, or the terminal (asked without echo).
enum Passphrase {
    static func read(file: String?, context: CommandContext, confirm: Bool) throws -> String {
        let passphrase: String
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw context.failure("cli.passphrase_file", ["path": file]) }
            passphrase = String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        } else if let text = ProcessInfo.processInfo.environment["XIEZUO_BACKUP_PASSPHRASE"], !text.isEmpty {
            passphrase = text
        } else {
            guard isatty(0) == 1 else { throw context.failure("cli.passphrase_needed") }
            passphrase = ask(context.application.xiezuo.localizer.text("cli.passphrase_prompt", context.application.xiezuo.terminalLanguage))
            if confirm, ask(context.application.xiezuo.localizer.text("cli.passphrase_again", context.application.xiezuo.terminalLanguage)) != passphrase {
                throw context.failure("cli.passphrase_mismatch")
            }
        }
        guard passphrase.count >= BackupArchive.minimumPassphraseLength else {
            throw context.failure("cli.passphrase_short", ["min": String(BackupArchive.minimumPassphraseLength)])
        }
        return passphrase
    }

    static func ask(_ prompt: String) -> String {
        guard let pointer = getpass(prompt) else { return "" }
        return String(cString: pointer)
    }
}

/// `xiezuo restore FILE`: brings a backup back into an empty location (the database and key file the settings name).
/// It runs before the app is set up, since setting it up would create both.
enum RestoreCommandLine {
    static func run(_ arguments: [String], settings: Settings, localizer: Localizer?, language: Language) -> Int32 {
        func text(_ key: String, _ values: [String: String] = [:]) -> String { localizer?.text(key, language, values) ?? key }
        func fail(_ message: String) -> Int32 {
            FileHandle.standardError.write(Data((text("cli.error", ["message": message]) + "\n").utf8))
            return 1
        }
        var file: String?
        var passphraseFile: String?
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--passphrase-file" where index + 1 < arguments.count:
                passphraseFile = arguments[index + 1]
                index += 1
            case let argument where !argument.hasPrefix("-") && file == nil: file = argument
            default: return fail(text("cli.restore_usage"))
            }
            index += 1
        }
        guard let file else { return fail(text("cli.restore_usage")) }
        var passphrase: String
        if let passphraseFile {
            guard let content = try? String(contentsOfFile: passphraseFile, encoding: .utf8) else {
                return fail(text("cli.passphrase_file", ["path": passphraseFile]))
            }
            passphrase = String(content.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        } else if let value = ProcessInfo.processInfo.environment["XIEZUO_BACKUP_PASSPHRASE"], !value.isEmpty {
            passphrase = value
        } else if isatty(0) == 1 {
            passphrase = Passphrase.ask(text("cli.passphrase_prompt"))
        } else {
            return fail(text("cli.passphrase_needed"))
        }
        let databasePath: String?
        switch settings.database {
        case .sqlite(let path): databasePath = path
        case .postgres: databasePath = nil
        }
        do {
            let header = try DatabaseBackup.restore(URL(fileURLWithPath: file), passphrase: passphrase, databasePath: databasePath,
                                                    keyFile: settings.dataKeyFile)
            if header.database == "sqlite" {
                print(text("cli.restore_done", ["database": databasePath ?? "", "key": settings.dataKeyFile]))
            } else {
                print(text("cli.restore_key_done", ["key": settings.dataKeyFile]))
            }
            return 0
        } catch let failure as BackupArchive.Failure {
            switch failure {
            case .wrongPassphrase: return fail(text("cli.restore_wrong_passphrase"))
            case .targetExists(let path): return fail(text("cli.restore_target_exists", ["path": path]))
            case .notABackup: return fail(text("cli.restore_not_backup"))
            default: return fail(text("cli.restore_damaged"))
            }
        } catch {
            return fail(String(describing: error))
        }
    }
}
