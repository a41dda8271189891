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

    /// The localised message of a domain error.
    func message(for error: DomainError) -> String {
        var arguments = error.arguments
        // The statuses are codes; show them by name.
        let statusTable = ["illegal_transition": "project_status", "illegal_pipeline_move": "enterprise_status",
                           "illegal_application_move": "application_status"][error.code]
        if let statusTable {
            for name in ["from", "to"] { arguments[name] = arguments[name].map { t("\(statusTable).\($0)") } }
        }
        // A field inside a list (`upgrades[2].date`) is named like the list's field (`upgrades.date`), with its position.
        var field = error.field.map { t("field.\($0)") } ?? ""
        if let path = error.field, let open = path.firstIndex(of: "["), let close = path.firstIndex(of: "]"), open < close,
           let index = Int(path[path.index(after: open)..<close]) {
            let key = "field." + path[..<open] + path[path.index(after: close)...]
            field = t(key) + " (\(index + 1))"
        }
        return t(error.messageKey, arguments.merging(["field": field]) { a, _ in a })
    }
}
