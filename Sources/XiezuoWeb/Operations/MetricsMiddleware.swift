import Prometheus
import Vapor

/// Counts requests and records their latency by method, route pattern and status in the app's Prometheus registry.
struct MetricsMiddleware: AsyncMiddleware {
    let registry: PrometheusCollectorRegistry

    static let buckets: [Duration] = [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
                                      .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                                      .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5)]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            record(request, status: (error as? any AbortError)?.status.code ?? 500, start: start)
            throw error
        }
        record(request, status: response.status.code, start: start)
        return response
    }

    private func record(_ request: Request, status: UInt, start: ContinuousClock.Instant) {
        // The route pattern, not the concrete path, keeps the label set small.
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        let method = request.method.rawValue
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "xiezuo", metricName: "http_requests", unitName: "total",
                                             helpText: "HTTP requests by method, route and status"),
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(namespace: "xiezuo", metricName: "http_request_duration", unitName: "seconds",
                                             helpText: "HTTP request latency by method and route"),
            labels: [("method", method), ("route", route)], buckets: Self.buckets
        ).record(ContinuousClock.now - start)
    }
}
