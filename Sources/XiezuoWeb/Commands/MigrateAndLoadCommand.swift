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

/// `xiezuo demo [--scale N]`: loads the demo data set into the configured database; with `--scale N` on a
/// database that has it already, generates N times the base set of projects and flows more (for benchmarks).
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "Generate N times the base set (360 projects, about 3,700 fund flows)") var scale: Int?
        @Option(name: "jobs", help: "Generate N more job postings (with one employer per eight postings)") var jobs: Int?
        @Option(name: "sales", help: "Generate N more sales ledger rows of the demo products (for benchmarks)") var sales: Int?
        init() {}
    }
    var help: String { "Loads the demo data set; --scale N generates N times as much (for benchmarks)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let scale = signature.scale ?? 1
        guard (1...10_000).contains(scale) else { throw context.failure("cli.bad_scale") }
        var outcome = try await Bootstrap.prepareDatabase(app)
        if let jobs = signature.jobs {
            guard (1...10_000_000).contains(jobs) else { throw context.failure("cli.bad_jobs") }
            let bar = context.console.progressBar(title: app.xiezuo.localizer.text("cli.generating", app.xiezuo.terminalLanguage))
            bar.start()
            let report = try await Bootstrap.seedJobs(app, postings: jobs) { bar.activity.currentProgress = $0 }
            bar.succeed()
            context.say("cli.demo_jobs", ["employers": String(report.employers), "postings": String(report.postings)])
            return
        }
        if let sales = signature.sales {
            guard (1...100_000_000).contains(sales) else { throw context.failure("cli.bad_sales") }
            guard try await SeedState.isDone("demo_consumption", on: app.db) else { throw context.failure("cli.sales_need_demo") }
            let bar = context.console.progressBar(title: app.xiezuo.localizer.text("cli.generating", app.xiezuo.terminalLanguage))
            bar.start()
            let regions = app.xiezuo.regions
            let written = try await app.db.writeTransaction { tx in
                try await DemoSales.generate(count: sales, regions: regions, on: tx) { bar.activity.currentProgress = $0 }
            }
            bar.succeed()
            context.say("cli.demo_sales", ["sales": String(written)])
            return
        }
        let bar = context.console.progressBar(title: app.xiezuo.localizer.text("cli.generating", app.xiezuo.terminalLanguage))
        bar.start()
        let progress: @Sendable (Double) -> Void = { fraction in bar.activity.currentProgress = fraction }
        if try await SeedState.isDone("demo", on: app.db) {
            guard signature.scale != nil else {
                // A database from before a capability's demo set existed: add the sets it lacks.
                var added = Bootstrap.Outcome()
                try await Bootstrap.seed(app, demo: true, into: &added, progress: progress)
                let loaded = added.demoIndustry != nil || added.demoJobs != nil || added.demoWorkers != nil || added.demoLabor != nil
                    || added.demoConsumption != nil || added.demoCooperation != nil
                if loaded {
                    bar.succeed()
                    Banner.printDemoSets(to: context, outcome: added)
                } else {
                    bar.fail()
                    context.say("cli.demo_already")
                }
                return
            }
            let report = try await DemoFunds.generate(scale: scale, regions: app.xiezuo.regions, on: app.db, progress: progress)
            bar.succeed()
            context.say("cli.demo_funds", ["projects": String(report.projects), "flows": String(report.flows), "agreements": String(report.agreements)])
            return
        }
        try await Bootstrap.seed(app, demo: true, scale: scale, into: &outcome, progress: progress)
        bar.succeed()
        Banner.print(to: context, url: "http://\(app.xiezuo.settings.hostname):\(app.xiezuo.settings.port)",
                     outcome: outcome, database: app.xiezuo.settings.database)
    }
}
