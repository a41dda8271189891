import NIOConcurrencyHelpers
import Vapor

/// `/metrics` for Prometheus, never to the public by default:
///
/// - on the main address only to `Authorization: Bearer <XIEZUO_METRICS_TOKEN>`; without the token (or with a wrong
///   one) it is a 404, as for a page that does not exist;
/// - on `XIEZUO_METRICS_ADDRESS`, a listener of its own that serves `/metrics` alone to whoever reaches that address
///   (bind it to loopback or a monitoring network).
enum Metrics {
    /// The exposition text of the registry.
    static func response(_ services: AppServices) -> Response {
        var buffer: [UInt8] = []
        services.metrics.emit(into: &buffer)
        return Response(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"], body: .init(data: Data(buffer)))
    }

    /// Whether a request on the main address carries the metrics token (compared in constant time).
    static func authorised(_ request: Request) -> Bool {
        guard let token = request.services.settings.metricsToken, let given = request.headers.bearerAuthorization?.token else { return false }
        let a = Array(token.utf8), b = Array(given.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Answers `GET /metrics` and nothing else.
struct MetricsResponder: AsyncResponder {
    let services: AppServices

    func respond(to request: Request) async throws -> Response {
        guard request.method == .GET, request.url.path == "/metrics" else { return Response(status: .notFound) }
        return Metrics.response(services)
    }
}

/// The second listener of `XIEZUO_METRICS_ADDRESS`, started and stopped with the app.
final class MetricsServer: LifecycleHandler, Sendable {
    private let host: String
    private let port: Int
    private let server = NIOLockedValueBox<HTTPServer?>(nil)

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    func didBootAsync(_ application: Application) async throws {
        var configuration = HTTPServer.Configuration(hostname: host, port: port)
        configuration.serverName = "xiezuo-metrics"
        let server = HTTPServer(application: application, responder: MetricsResponder(services: application.xiezuo),
                                configuration: configuration, on: application.eventLoopGroup)
        try await server.start(address: .hostname(host, port: port))
        self.server.withLockedValue { $0 = server }
        application.logger.info("metrics on http://\(host):\(port)/metrics")
    }

    /// The port the listener is bound to (the one asked for, or the free one picked for port 0).
    var boundPort: Int? { server.withLockedValue { $0?.localAddress?.port } }

    func shutdownAsync(_ application: Application) async {
        let server = self.server.withLockedValue { $0 }
        await server?.shutdown()
    }
}
