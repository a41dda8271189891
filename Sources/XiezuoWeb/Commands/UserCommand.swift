import Vapor
import XiezuoCore
import XiezuoStore

/// `xiezuo user add|list|disable|enable|password|reset-2fa`: account management at the command line (acts as `system`).
struct UserCommands: AsyncCommandGroup {
    var help: String { "Manages accounts." }
    var commands: [String: any AnyAsyncCommand] {
        ["add": UserAdd(), "list": UserList(), "disable": UserSetDisabled(disabled: true),
         "enable": UserSetDisabled(disabled: false), "password": UserPassword(), "reset-2fa": UserResetSecondFactor()]
    }
}

/// Opens the account repository after making sure the database is ready.
func accountRepository(_ app: Application) async throws -> AccountRepository {
    _ = try await Bootstrap.prepareDatabase(app)
    return AccountRepository(database: app.db, regions: app.xiezuo.regions, hasher: app.xiezuo.hasher, clock: app.xiezuo.clock)
}

struct UserAdd: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "role", help: "admin, coordinator, officer, enterprise, worker or partner") var role: String?
        @Option(name: "region", help: "Jurisdiction code for staff, e.g. 611026") var region: String?
        @Option(name: "name", help: "Display name") var name: String?
        @Option(name: "login", help: "User name (default: derived from the role and region)") var login: String?
        @Option(name: "password", help: "Password (default: a random one, printed once)") var password: String?
        init() {}
    }
    var help: String { "Adds an account: --role officer --region 611026 --name 张三 [--login zhangsan]" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let accounts = try await accountRepository(context.application)
        let password = signature.password ?? Secrets.password()
        let username = signature.login
            ?? ([signature.role, signature.region].compactMap { $0 } + [String(Secrets.password().prefix(4)).lowercased()]).joined(separator: "-")
        let account = try await accounts.create(
            AccountDraft(username: username, displayName: signature.name ?? username, role: signature.role,
                         jurisdiction: signature.region, password: password), by: .system)
        context.say("cli.user_created", ["user": account.username, "role": account.role.rawValue,
                                         "region": account.jurisdiction ?? "-"], style: .success)
        if signature.password == nil { context.say("cli.password_once", ["password": password], style: .warning) }
    }
}

struct UserList: AsyncCommand {
    struct Signature: CommandSignature { init() {} }
    var help: String { "Lists the accounts." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let accounts = try await accountRepository(context.application)
        var page = 1
        while true {
            let result = try await accounts.list(by: .system, page: Paging(page: page, perPage: Paging.maxPerPage))
            for account in result.items {
                let state = account.disabled ? "disabled" : "active"
                context.show("\(account.username)\t\(account.role.rawValue)\t\(account.jurisdiction ?? "-")\t\(state)\t\(account.displayName)")
            }
            if page >= result.pageCount {
                context.say("cli.accounts_total", ["count": String(result.total)])
                return
            }
            page += 1
        }
    }
}

struct UserSetDisabled: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "username", help: "The account") var username: String
        init() {}
    }
    let disabled: Bool
    var help: String { disabled ? "Disables an account: it can no longer sign in and its tokens stop working." : "Re-enables an account." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let accounts = try await accountRepository(context.application)
        guard let account = try await accounts.find(username: signature.username) else {
            throw context.failure("cli.no_account", ["user": signature.username])
        }
        _ = try await accounts.setDisabled(account.id, disabled, by: .system)
        context.say(disabled ? "cli.user_disabled" : "cli.user_enabled", ["user": account.username], style: .success)
    }
}

struct UserPassword: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "username", help: "The account") var username: String
        @Option(name: "password", help: "The new password (default: a random one, printed once)") var password: String?
        init() {}
    }
    var help: String { "Sets a new password and clears any lock." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let accounts = try await accountRepository(context.application)
        guard let account = try await accounts.find(username: signature.username) else {
            throw context.failure("cli.no_account", ["user": signature.username])
        }
        let password = signature.password ?? Secrets.password()
        _ = try await accounts.setPassword(account.id, password, by: .system)
        context.say("cli.new_password", ["user": account.username, "password": password], style: .warning)
    }
}

/// `xiezuo user reset-2fa NAME`: removes a lost second factor; the owner enrols a new one at the next sign-in (admins
/// and coordinators must) or from the account page.
struct UserResetSecondFactor: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "username", help: "The account") var username: String
        init() {}
    }
    var help: String { "Removes an account's second factor (lost phone and recovery codes) and ends its sessions." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let accounts = try await accountRepository(context.application)
        guard let account = try await accounts.find(username: signature.username) else {
            throw context.failure("cli.no_account", ["user": signature.username])
        }
        try await SecondFactorRepository(database: context.application.db, cipher: context.application.xiezuo.cipher, clock: context.application.xiezuo.clock)
            .remove(account.id, by: .system)
        context.say("cli.second_factor_reset", ["user": account.username], style: .success)
    }
}

/// A command-line mistake, printed as it is.
struct CommandLineError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
