import FluentKit
import SQLKit
import Vapor

/// `/health`, `/metrics` and the OpenAPI document.
struct OperationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
        routes.get("metrics", use: metrics)
        routes.get("api", "v1", "openapi.json", use: openAPI)
    }

    static let operations: [APIOperation] = [
        APIOperation(.GET, "/api/v1/openapi.json", tag: "operations", summary: "This OpenAPI 3.1 document", response: .text("application/json")),
    ]

    struct Health: Content {
        var status: String
        var database: String
    }

    /// Answers 200 when a query against the database succeeds, 503 otherwise.
    func health(request: Request) async throws -> Response {
        do {
            _ = try await (request.db as! any SQLDatabase).raw("SELECT 1 AS ok").first()
            return try await Health(status: "ok", database: "ok").encodeResponse(for: request)
        } catch {
            request.logger.error("health check failed", metadata: ["error": .string(String(describing: error))])
            return try await Health(status: "unavailable", database: "error").encodeResponse(status: .serviceUnavailable, for: request)
        }
    }

    /// Served only to the metrics token (see ``Metrics``); anyone else gets the 404 of a page that does not exist.
    func metrics(request: Request) async throws -> Response {
        guard Metrics.authorised(request) else { throw Abort(.notFound) }
        return Metrics.response(request.services)
    }

    func openAPI(request: Request) async throws -> Response {
        Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(data: try OpenAPIDocument.json()))
    }
}
