import Vapor
import XiezuoStore

/// `xiezuo facts rebuild`: recomputes the facts table from the ledgers.
struct FactsCommands: AsyncCommandGroup {
    var help: String { "Maintains the indicator facts." }
    var commands: [String: any AnyAsyncCommand] { ["rebuild": FactsRebuild()] }
}

struct FactsRebuild: AsyncCommand {
    struct Signature: CommandSignature { init() {} }
    var help: String { "Recomputes every fact from projects and fund flows, in one transaction." }

    func run(using context: CommandContext, signature: Signature) async throws {
        _ = try await Bootstrap.prepareDatabase(context.application)
        let start = ContinuousClock.now
        let rows = try await FactStore(database: context.application.db).rebuild()
        let seconds = (ContinuousClock.now - start).components
        context.say("cli.facts_rebuilt", ["rows": String(rows), "seconds": String(format: "%.1f", Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18)],
                    style: .success)
    }
}
