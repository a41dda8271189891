import Vapor
import XiezuoCore

extension Request {
    private struct LanguageKey: StorageKey { typealias Value = Language }

    /// The interface language: the `lang` cookie if set, otherwise `Accept-Language`, otherwise Chinese.
    var language: Language {
        if let cached = storage[LanguageKey.self] { return cached }
        let chosen = cookies["lang"].flatMap { Language(rawValue: $0.string) }
            ?? Language.negotiate(headers.first(name: .acceptLanguage))
        storage[LanguageKey.self] = chosen
        return chosen
    }

    /// A localised string.
    func t(_ key: String, _ arguments: [String: String] = [:]) -> String {
        services.localizer.text(key, language, arguments)
    }

    /// The localised string, or `fallback` when the tables have no such key (a code without a name yet).
    func t(_ key: String, or fallback: String) -> String {
        let text = t(key)
        return text == key ? fallback : text
    }

    /// The localised message of a domain error.
    func message(for error: DomainError) -> String { services.localizer.message(for: error, language) }

    /// The message as a form whose field means something more particular says it: `renaming` maps a record's field to
    /// the label key the form shows (a job's `description` is 岗位说明, not a project's 项目简介).
    func message(for error: DomainError, renaming: [String: String]) -> String {
        guard let field = error.field, let label = renaming[field] else { return message(for: error) }
        return message(for: DomainError(error.kind, code: error.code, field: label, messageKey: error.messageKey, arguments: error.arguments))
    }
}
