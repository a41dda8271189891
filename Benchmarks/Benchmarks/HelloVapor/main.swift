import Vapor

// The peer of Benchmarks/http/pages.sh: Vapor with nothing of ours, as `vapor new` would start, answering a plain
// "Hello, world!" at / and a small JSON object at /json. Logging at warning, the release build, the same machine.
struct Greeting: Content {
    var code: String
    var name: String
    var level: String
}

var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
app.logger.logLevel = .warning
app.http.server.configuration.port = Int(Environment.get("PORT") ?? "") ?? 18081
app.get { _ in "Hello, world!" }
app.get("json") { _ in Greeting(code: "611026", name: "柞水县", level: "county") }
try await app.execute()
try await app.asyncShutdown()
