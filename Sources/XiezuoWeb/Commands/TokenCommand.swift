import Vapor
import XiezuoCore
import XiezuoStore

/// `xiezuo token create|list|revoke`: API tokens at the command line.
struct TokenCommands: AsyncCommandGroup {
    var help: String { "Manages API tokens." }
    var commands: [String: any AnyAsyncCommand] { ["create": TokenCreate(), "list": TokenList(), "revoke": TokenRevoke()] }
}

struct TokenCreate: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "user", help: "The account the token acts as") var user: String?
        @Option(name: "name", help: "What the token is for") var name: String?
        @Option(name: "days", help: "Days until the token expires (1–365, default 90)") var days: String?
        init() {}
    }
    var help: String { "Issues a token: --user demo-partner --name 'Jiangsu sync' [--days 90]. The secret is printed once." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let accounts = try await accountRepository(context.application)
        guard let username = signature.user, let account = try await accounts.find(username: username) else {
            throw context.failure("cli.need_user")
        }
        let issued = try await TokenRepository(database: context.application.db, clock: context.application.xiezuo.clock)
            .create(for: account.id, name: signature.name ?? "cli", days: try Validate.integer(signature.days, field: "days"), by: .system)
        context.say("cli.token_created", ["id": issued.token.id.uuidString, "user": account.username], style: .success)
        context.show(issued.secret, style: .warning)
        context.say("cli.token_shown_once")
    }
}

struct TokenList: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "user", help: "Only this account's tokens") var user: String?
        init() {}
    }
    var help: String { "Lists tokens (never their secrets)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let accounts = try await accountRepository(context.application)
        var owner: Account?
        if let username = signature.user {
            guard let found = try await accounts.find(username: username) else { throw context.failure("cli.no_account", ["user": username]) }
            owner = found
        }
        for token in try await TokenRepository(database: context.application.db, clock: context.application.xiezuo.clock).list(by: .system, accountID: owner?.id) {
            let state = token.revokedAt != nil ? "revoked" : (token.isExpired() ? "expired" : "active")
            let expires = token.expiresAt.map { ISO8601DateFormatter().string(from: $0) } ?? "-"
            let used = token.lastUsedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "-"
            context.show("\(token.id)\t\(token.prefix)…\t\(state)\texpires \(expires)\tlast used \(used)\t\(token.name)")
        }
    }
}

struct TokenRevoke: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "id", help: "The token id") var id: String
        init() {}
    }
    var help: String { "Revokes a token; it is refused from then on." }

    func run(using context: CommandContext, signature: Signature) async throws {
        _ = try await accountRepository(context.application)
        guard let id = UUID(uuidString: signature.id) else { throw context.failure("cli.bad_token_id", ["id": signature.id]) }
        _ = try await TokenRepository(database: context.application.db, clock: context.application.xiezuo.clock).revoke(id, by: .system)
        context.say("cli.token_revoked", ["id": id.uuidString], style: .success)
    }
}
