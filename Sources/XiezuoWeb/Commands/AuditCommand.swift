import Vapor
import XiezuoStore

/// `xiezuo audit verify`: walks the audit log's hash chain and names the first entry that does not fit.
struct AuditCommands: AsyncCommandGroup {
    var help: String { "Checks the audit log." }
    var commands: [String: any AnyAsyncCommand] { ["verify": AuditVerify()] }
}

struct AuditVerify: AsyncCommand {
    struct Signature: CommandSignature { init() {} }
    var help: String { "Verifies the audit log's hash chain; exits with status 1 at the first entry that was changed, removed or added." }

    func run(using context: CommandContext, signature: Signature) async throws {
        _ = try await Bootstrap.prepareDatabase(context.application)
        let result = try await AuditChain.verify(on: context.application.db)
        guard let failure = result.failure else {
            context.say("cli.audit_intact", ["count": String(result.checked)], style: .success)
            return
        }
        throw context.failure("cli.audit_broken_\(failure.reason)", ["seq": String(failure.seq), "id": failure.id?.uuidString ?? "—",
                                                                    "checked": String(result.checked)])
    }
}
