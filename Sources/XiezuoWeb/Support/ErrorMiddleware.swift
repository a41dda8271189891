import Vapor
import XiezuoCore

/// Turns every error into the uniform API body `{"error":{"code","message","field"}}` or an HTML error page in
/// the user's language. Unauthenticated page requests are sent to the sign-in page instead.
struct XiezuoErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let problem = Problem(error, request: request)
            if problem.status == .internalServerError {
                request.logger.report(error: error)
            }
            let accept = request.headers.first(name: .accept) ?? ""
            let wantsJSON = request.url.path.hasPrefix("/api/")
                || (accept.contains("application/json") && !accept.contains("text/html"))
            if wantsJSON { return try problem.jsonResponse() }
            if problem.status == .unauthorized {
                let next = request.url.path + (request.url.query.map { "?" + $0 } ?? "")
                return request.redirect(to: "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
            }
            return await problem.htmlResponse(for: request)
        }
    }
}

/// An error reduced to what a client is told.
struct Problem {
    var status: HTTPResponseStatus
    var code: String
    var message: String
    var field: String?

    init(_ error: any Error, request: Request) {
        switch error {
        case let error as DomainError:
            status = error.kind.status
            code = error.code
            field = error.field
            message = request.message(for: error)
        case let error as DecodingError:
            let domain = error.domainError
            status = .badRequest
            code = domain.code
            field = domain.field
            message = request.message(for: domain)
        case let error as any AbortError:
            status = error.status
            code = Self.code(for: error.status)
            field = nil
            message = request.t("error.status.\(error.status.code)", ["reason": error.reason])
            if message.hasPrefix("error.status.") { message = error.reason }
        default:
            status = .internalServerError
            code = "internal"
            field = nil
            message = request.t("error.internal")
        }
    }

    static func code(for status: HTTPResponseStatus) -> String {
        status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
    }

    /// The page the person came from, when it is one of ours (same host), for the error page's way back.
    static func back(_ request: Request) -> String? {
        guard let referer = request.headers.first(name: .referer), let url = URL(string: referer),
              url.host == nil || url.host == request.headers.first(name: .host)?.split(separator: ":").first.map(String.init),
              url.path.hasPrefix("/"), !url.path.hasPrefix("//") else { return nil }
        let back = url.path + (url.query.map { "?" + $0 } ?? "")
        return back == request.url.path ? nil : back
    }

    func jsonResponse() throws -> Response {
        struct Body: Encodable {
            struct Inner: Encodable { var code: String; var message: String; var field: String? }
            var error: Inner
        }
        let response = Response(status: status)
        try response.content.encode(Body(error: .init(code: code, message: message, field: field)), as: .json)
        return response
    }

    func htmlResponse(for request: Request) async -> Response {
        struct Context: Encodable { var title: String; var status: UInt; var message: String; var back: String? }
        let context = Context(title: request.t("error.page_title"), status: status.code, message: message, back: Self.back(request))
        do {
            let view = try await request.view.render("Support/error", PageContext(request, context))
            let response = try await view.encodeResponse(status: status, for: request)
            return response
        } catch {
            return Response(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: .init(string: message))
        }
    }
}

extension DomainError.Kind {
    /// The HTTP status of each kind.
    var status: HTTPResponseStatus {
        switch self {
        case .validation: .badRequest
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .unauthorized: .unauthorized
        case .conflict: .conflict
        case .locked: .locked
        case .tooManyRequests: .tooManyRequests
        }
    }
}

extension DecodingError {
    /// The field a decoding failure is about, as a domain error: malformed JSON, a wrong type or a missing value.
    var domainError: DomainError {
        /// The coding path as the drafts name fields: `items[0].productId` (so its message names "items · product (1)").
        func path(_ context: Context) -> String? {
            var text = ""
            for key in context.codingPath {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? nil : text
        }
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return .invalid(path(context) ?? "body", "wrong_type")
        case .keyNotFound(let key, let context):
            let field = (path(context).map { $0 + "." } ?? "") + key.stringValue
            return .invalid(field, "required")
        case .dataCorrupted(let context):
            if let field = path(context) { return .invalid(field, "wrong_type") }
            return .invalid("body", "malformed_json")
        @unknown default:
            return .invalid("body", "malformed_json")
        }
    }
}
