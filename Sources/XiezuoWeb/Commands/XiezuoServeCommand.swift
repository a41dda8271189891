import LogOutput
import Vapor
import XiezuoCore
import XiezuoStore

/// `xiezuo serve`: migrates, loads reference and (first run on SQLite) demo data, then serves HTTP.
struct XiezuoServeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "port", short: "p", help: "Port to listen on (default XIEZUO_PORT or 8080; 0 picks a free one).")
        var port: Int?
        @Option(name: "hostname", short: "H", help: "Address to listen on (default XIEZUO_HOST or 127.0.0.1).")
        var hostname: String?
        @Flag(name: "demo", help: "Load the demo data set even on PostgreSQL.")
        var demo: Bool
        @Flag(name: "no-demo", help: "Do not load the demo data set.")
        var noDemo: Bool
        init() {}
    }

    var help: String { "Prepares the database and serves the platform over HTTP." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let settings = app.xiezuo.settings
        var outcome = try await Bootstrap.prepareDatabase(app)
        // Demo data comes on the first run of the embedded default, or whenever asked for.
        let firstRun = outcome.regionsLoaded > 0
        let demo = !signature.noDemo && (signature.demo || (settings.database.isSQLite && firstRun))
        try await Bootstrap.seed(app, demo: demo, into: &outcome)

        // The app booted before this command ran, so handlers added now are started here; shutdown still stops them.
        let periodicJobs = PeriodicJobs()
        app.lifecycle.use(periodicJobs)
        try periodicJobs.didBoot(app)
        if let address = settings.metricsAddress, let (host, port) = Settings.parseAddress(address) {
            let metrics = MetricsServer(host: host, port: port)
            app.lifecycle.use(metrics)
            try await metrics.didBootAsync(app)
        }
        app.http.server.configuration.hostname = signature.hostname ?? settings.hostname
        app.http.server.configuration.port = signature.port ?? settings.port
        var serveContext = context
        serveContext.input = CommandInput(arguments: ["xiezuo"])
        try await app.servers.asyncCommand.run(using: &serveContext)

        let port = app.http.server.shared.localAddress?.port ?? app.http.server.configuration.port
        let url = "http://\(app.http.server.configuration.hostname):\(port)"
        Banner.print(to: context, url: url, outcome: outcome, database: settings.database)
    }
}

/// The start-up message: where to go and how to sign in.
enum Banner {
    static func print(to context: CommandContext, url: String, outcome: Bootstrap.Outcome, database: Settings.DatabaseLocation) {
        // The log lines of the start (migrations, the server's address) come first.
        LogSink.standardOutput.flush()
        let location: String = switch database {
        case .sqlite(let path): "SQLite \(path)"
        case .postgres: "PostgreSQL"
        }
        context.say("cli.running", ["url": url, "database": location], style: .success)
        if outcome.regionsLoaded > 0 {
            context.say("cli.loaded", ["regions": String(outcome.regionsLoaded), "pairings": String(outcome.pairingsLoaded)])
        }
        if let password = outcome.adminPassword {
            context.say("cli.admin_account", ["password": password], style: .warning)
            context.say("cli.admin_reset_hint")
        }
        if let password = outcome.demoPassword, !outcome.demoAccounts.isEmpty {
            context.say("cli.demo_accounts", ["password": password], style: .warning)
            for account in outcome.demoAccounts {
                context.show("  \(account.username)  — \(account.role.rawValue)\(account.jurisdiction.map { " \($0)" } ?? "")  \(account.displayName)")
            }
        }
        printDemoSets(to: context, outcome: outcome)
        context.say(outcome.adminPassword == nil && outcome.demoPassword == nil ? "cli.sign_in_existing" : "cli.sign_in", ["url": url])
        context.say("cli.second_factor_hint")
    }

    /// One line per demo set the start (or `xiezuo demo`) loaded.
    static func printDemoSets(to context: CommandContext, outcome: Bootstrap.Outcome) {
        if let funds = outcome.demoFunds {
            context.say("cli.demo_funds", ["projects": String(funds.projects), "flows": String(funds.flows), "agreements": String(funds.agreements)])
        }
        if let industry = outcome.demoIndustry {
            context.say("cli.demo_industry", ["industries": String(industry.industries), "parks": String(industry.parks),
                                              "enterprises": String(industry.enterprises), "events": String(industry.events)])
        }
        if let jobs = outcome.demoJobs {
            context.say("cli.demo_jobs", ["employers": String(jobs.employers), "postings": String(jobs.postings)])
        }
        if let workers = outcome.demoWorkers {
            context.say("cli.demo_workers", ["workers": String(workers.workers), "applications": String(workers.applications),
                                             "placements": String(workers.placements)])
        }
        if let labor = outcome.demoLabor {
            context.say("cli.demo_labor", ["brands": String(labor.brands), "units": String(labor.leadingUnits), "programmes": String(labor.programmes),
                                           "trainees": String(labor.trainees), "markets": String(labor.markets), "gigs": String(labor.gigs),
                                           "trips": String(labor.trips), "workshops": String(labor.workshops)])
        }
        if let consumption = outcome.demoConsumption {
            context.say("cli.demo_consumption", ["brands": String(consumption.brands), "suppliers": String(consumption.suppliers),
                                                 "products": String(consumption.products), "orders": String(consumption.orders),
                                                 "sales": String(consumption.sales), "events": String(consumption.events),
                                                 "units": String(consumption.procurements)])
        }
        if let cooperation = outcome.demoCooperation {
            context.say("cli.demo_cooperation", ["persons": String(cooperation.persons), "pairings": String(cooperation.villagePairings),
                                                 "villages": String(cooperation.demonstrationVillages), "periods": String(cooperation.periods)])
        }
    }
}
