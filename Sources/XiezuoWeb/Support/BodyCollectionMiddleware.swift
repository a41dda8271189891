import Vapor

/// Reads a request's whole body before anything looks at it: the CSRF check, the number check and the decoders.
///
/// Vapor hands middleware a body that may still be streaming: only what fits the first read (a couple of kilobytes)
/// is there, and a route collects the rest itself, after the middleware. A form a little longer than that reached the
/// CSRF check without its token and was refused as expired, losing what was typed. So every body is collected here,
/// up to the route's own limit (routes registered with ``RoutesBuilder/collecting(_:_:maxSize:use:)``: 20 MB for
/// imports, 3 MB for a picture's request) or the application's default (1 MB for forms and JSON); past it the answer
/// is 413 with a message that says the limit.
struct BodyCollectionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method.isUnsafe, request.body.data == nil else { return try await next.respond(to: request) }
        let limit = Self.limit(of: request)
        if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length > limit {
            throw Self.tooLarge(limit)
        }
        do {
            _ = try await request.body.collect(max: limit).get()
        } catch let error as any AbortError where error.status == .payloadTooLarge {
            throw Self.tooLarge(limit)
        }
        return try await next.respond(to: request)
    }

    /// The most this request's route reads.
    static func limit(of request: Request) -> Int {
        (request.route?.userInfo[Self.limitKey] as? Int) ?? request.application.routes.defaultMaxBodySize.value
    }

    /// Where a route keeps its own limit.
    static let limitKey: AnySendableHashable = "xiezuo.bodyLimit"

    static func tooLarge(_ limit: Int) -> any Error {
        Abort(.payloadTooLarge, reason: "\(max(1, limit / 1_048_576)) MB")
    }
}

extension RoutesBuilder {
    /// A route whose body may be larger than the application's default, up to `maxSize`: the route collects it, and
    /// ``BodyCollectionMiddleware`` reads the limit from it.
    @discardableResult
    func collecting<Response: AsyncResponseEncodable>(_ method: HTTPMethod, _ path: PathComponent..., maxSize: ByteCount,
                                                      use closure: @Sendable @escaping (Request) async throws -> Response) -> Route {
        let route = on(method, path, body: .collect(maxSize: maxSize), use: closure)
        route.userInfo[BodyCollectionMiddleware.limitKey] = maxSize.value
        return route
    }
}
