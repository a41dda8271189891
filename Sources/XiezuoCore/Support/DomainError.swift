/// A refusal the domain can explain: what kind, which field, and a message key the web layer localises.
///
/// Core never formats user-facing text itself; it names a key in `Resources/Locales/*.json` and the values to
/// fill in, so the same rule reads correctly in Chinese and in English.
public struct DomainError: Error, Sendable, Equatable {
    /// The broad class of the refusal; it decides the HTTP status.
    public enum Kind: String, Sendable, Equatable {
        case validation, notFound, forbidden, unauthorized, conflict, locked, tooManyRequests
    }

    /// The broad class of the refusal.
    public var kind: Kind
    /// A stable machine-readable code, e.g. `too_long` or `unknown_region`.
    public var code: String
    /// The offending input field, when there is one.
    public var field: String?
    /// The localisation key of the message.
    public var messageKey: String
    /// Values substituted into the message's `{name}` placeholders.
    public var arguments: [String: String]

    /// Creates an error.
    public init(_ kind: Kind, code: String, field: String? = nil, messageKey: String? = nil, arguments: [String: String] = [:]) {
        self.kind = kind
        self.code = code
        self.field = field
        self.messageKey = messageKey ?? "error.\(code)"
        self.arguments = arguments
    }

    /// A validation failure on one field.
    public static func invalid(_ field: String, _ code: String, _ arguments: [String: String] = [:]) -> DomainError {
        DomainError(.validation, code: code, field: field, arguments: arguments)
    }

    /// The record does not exist, or the caller may not know that it does.
    public static func notFound(_ entity: String) -> DomainError {
        DomainError(.notFound, code: "not_found", arguments: ["entity": entity])
    }

    /// The caller is known but may not do this.
    public static let forbidden = DomainError(.forbidden, code: "forbidden")

    /// The caller is not signed in.
    public static let unauthorized = DomainError(.unauthorized, code: "unauthorized")
}
