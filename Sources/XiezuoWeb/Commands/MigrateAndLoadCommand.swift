import Vapor
import XiezuoStore

/// `xiezuo migrate`: runs pending migrations and loads reference data, without serving.
struct MigrateAndLoadCommand: AsyncCommand {
    struct Signature: CommandSignature { init() {} }
    var help: String { "Runs pending migrations and loads the reference data (regions, pairings)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let outcome = try await Bootstrap.prepareDatabase(context.application)
        context.say("cli.migrated", ["regions": String(outcome.regionsLoaded), "pairings": String(outcome.pairingsLoaded)], style: .success)
    }
}

/// `xiezuo demo`: loads the demo data set into the configured database.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature { init() {} }
    var help: String { "Loads the demo data set (accounts for every role) if it is not loaded yet." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        var outcome = try await Bootstrap.prepareDatabase(app)
        if try await SeedState.isDone("demo", on: app.db) {
            context.say("cli.demo_already")
            return
        }
        try await Bootstrap.seed(app, demo: true, into: &outcome)
        Banner.print(to: context, url: "http://\(app.xiezuo.settings.hostname):\(app.xiezuo.settings.port)",
                     outcome: outcome, database: app.xiezuo.settings.database)
    }
}
