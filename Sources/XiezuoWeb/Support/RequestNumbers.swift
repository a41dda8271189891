import Foundation
import Vapor
import XiezuoCore

/// The check every JSON body and every documented query parameter passes before a handler sees it: no number beyond
/// ±``Validate/integerLimit`` (so no arithmetic on a request's values can overflow), and where the OpenAPI document
/// says a property or parameter is a number, a number and nothing else (so `"abc"` is named as that field's error
/// even when another field is also missing). Refusals are `DomainError`s naming the field by its path
/// (`items[0].quantity`).
enum RequestNumbers {
    /// A JSON value as far as this check needs it.
    private indirect enum Value: Decodable {
        case null, bool, number(Double), string, array([Value]), object([String: Value])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null } else if (try? container.decode(Bool.self)) != nil { self = .bool }
            else if let number = try? container.decode(Double.self) { self = .number(number) }
            else if (try? container.decode(String.self)) != nil { self = .string }
            else if let array = try? container.decode([Value].self) { self = .array(array) }
            else { self = .object(try container.decode([String: Value].self)) }
        }
    }

    /// Checks a JSON body against the limit and, when `schema` is given, the numeric types it declares. A body that
    /// is not JSON passes untouched: the decoder reports it.
    static func check(json data: Data, schema: [String: Any]?) throws(DomainError) {
        guard let value = try? JSONDecoder().decode(Value.self, from: data) else { return }
        try check(value, path: "", schema: schema.map(resolve))
    }

    /// Checks the query parameters `operation` documents as integers.
    static func check(query request: Request, operation: APIOperation) throws(DomainError) {
        for parameter in operation.parameters where parameter.location == "query" && parameter.type == "integer" {
            guard let text = try? request.query.get(String.self, at: parameter.name) else { continue }
            _ = try Validate.integer(text, field: parameter.name)
        }
    }

    private static func check(_ value: Value, path: String, schema: [String: Any]?) throws(DomainError) {
        let types = schema.map(typeNames) ?? []
        switch value {
        case .number(let number):
            let field = path.isEmpty ? "body" : path
            guard number.isFinite, abs(number) <= Double(Validate.integerLimit) else {
                throw .invalid(field, "number_out_of_range", ["max": String(Validate.integerLimit)])
            }
            if types.contains("integer"), !types.contains("number"), number.rounded() != number {
                throw .invalid(field, "wrong_type")
            }
        case .array(let items):
            let itemSchema = (schema?["items"] as? [String: Any]).map(resolve)
            for (index, item) in items.enumerated() { try check(item, path: path + "[\(index)]", schema: itemSchema) }
        case .object(let members):
            let properties = schema?["properties"] as? [String: Any]
            let additional = (schema?["additionalProperties"] as? [String: Any]).map(resolve)
            for (key, member) in members {
                let memberSchema = (properties?[key] as? [String: Any]).map(resolve) ?? additional
                try check(member, path: path.isEmpty ? key : path + "." + key, schema: memberSchema)
            }
        case .string, .bool:
            if !types.isEmpty, types.isSubset(of: ["integer", "number", "null"]) {
                throw .invalid(path.isEmpty ? "body" : path, "wrong_type")
            }
        case .null:
            break
        }
    }

    private static func typeNames(_ schema: [String: Any]) -> Set<String> {
        if let name = schema["type"] as? String { return [name] }
        return Set(schema["type"] as? [String] ?? [])
    }

    /// Follows a `$ref` to the named schema.
    private static func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let reference = schema["$ref"] as? String else { return schema }
        return schemas[String(reference.split(separator: "/").last ?? "")] as? [String: Any] ?? [:]
    }

    /// Every component schema of the OpenAPI document, by name.
    nonisolated(unsafe) static let schemas: [String: Any] = OpenAPIDocument.componentSchemas

    /// The documented operations by method and path (`POST /api/v1/pairings/{}`), path parameters reduced to `{}`.
    nonisolated(unsafe) static let operations: [String: APIOperation] = {
        var index: [String: APIOperation] = [:]
        for operation in OpenAPIDocument.operations {
            let path = operation.path.split(separator: "/").map { $0.hasPrefix("{") ? "{}" : String($0) }.joined(separator: "/")
            index[operation.method.rawValue + " /" + path] = operation
        }
        return index
    }()

    /// The documented operation of the route `request` matched, if any.
    static func operation(of request: Request) -> APIOperation? {
        guard let route = request.route else { return nil }
        let path = route.path.map { component -> String in
            switch component {
            case .constant(let text): text
            default: "{}"
            }
        }.joined(separator: "/")
        return operations[route.method.rawValue + " /" + path]
    }

    /// The request schema of the operation `request` matched, if it documents one.
    static func requestSchema(of request: Request) -> [String: Any]? {
        guard let name = operation(of: request)?.request else { return nil }
        return schemas[name] as? [String: Any]
    }
}

/// Checks the documented integer query parameters and JSON bodies of API routes before anything else looks at the
/// request (authentication, the record it names): a bad number is always the answer, naming its field.
struct RequestNumbersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let operation = RequestNumbers.operation(of: request) else { return try await next.respond(to: request) }
        if request.url.query != nil { try RequestNumbers.check(query: request, operation: operation) }
        // The body is whole by now (`BodyCollectionMiddleware` runs first).
        if let name = operation.request, request.headers.contentType == .json {
            if let body = request.body.data, body.readableBytes > 0 {
                try RequestNumbers.check(json: Data(body.readableBytesView), schema: RequestNumbers.schemas[name] as? [String: Any])
                request.storage[RequestNumbers.CheckedKey.self] = true
            }
        }
        return try await next.respond(to: request)
    }
}

extension RequestNumbers {
    /// Set once a request's body was checked, so decoding does not check it again.
    struct CheckedKey: StorageKey { typealias Value = Bool }
}
