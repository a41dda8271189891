import Foundation
import XiezuoCore

/// The languages the interface speaks; Chinese first.
public enum Language: String, Sendable, CaseIterable {
    case zhHans = "zh-Hans"
    case en

    /// Picks the best language from an `Accept-Language` header, Chinese when nothing matches.
    public static func negotiate(_ header: String?) -> Language {
        guard let header else { return .zhHans }
        let ranked = header.split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty else { return nil }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag, quality)
        }.sorted { $0.1 > $1.1 }
        for (tag, quality) in ranked where quality > 0 {
            if tag.hasPrefix("zh") { return .zhHans }
            if tag.hasPrefix("en") { return .en }
        }
        return .zhHans
    }

    /// The value for the HTML `lang` attribute.
    public var htmlTag: String { self == .zhHans ? "zh-Hans" : "en" }
}

/// Looks up user-facing strings in `Resources/Locales/<language>.json`.
///
/// A key missing in English falls back to Chinese; a key missing everywhere shows the key itself, and a test
/// checks that both files have the same keys so that never reaches a user.
public struct Localizer: Sendable {
    let tables: [Language: [String: String]]

    /// Loads the bundled tables.
    public init() throws {
        var tables: [Language: [String: String]] = [:]
        for language in Language.allCases {
            guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "Locales")
                    ?? Bundle.module.url(forResource: "Locales/\(language.rawValue)", withExtension: "json") else {
                throw LocalizerError.missingTable(language.rawValue)
            }
            tables[language] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
        }
        self.tables = tables
    }

    /// The string for `key` in `language`, with `{name}` placeholders filled from `arguments`.
    public func text(_ key: String, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        var text = tables[language]?[key] ?? tables[.zhHans]?[key] ?? key
        for (name, value) in arguments { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// The message of a domain error in `language`, naming its field.
    public func message(for error: DomainError, _ language: Language) -> String {
        func t(_ key: String) -> String { text(key, language) }
        var arguments = error.arguments
        // The statuses are codes; show them by name.
        let statusTable = ["illegal_transition": "project_status", "illegal_pipeline_move": "enterprise_status",
                           "illegal_application_move": "application_status"][error.code]
        if let statusTable {
            for name in ["from", "to"] { arguments[name] = arguments[name].map { t("\(statusTable).\($0)") } }
        }
        // Amounts travel in fen (`available_fen`); people read 元 (`available`).
        for (key, value) in error.arguments where key.hasSuffix("_fen") {
            if let fen = Int64(value) { arguments[String(key.dropLast(4))] = Formatting.yuan(fen) }
        }
        // A field inside a list (`upgrades[2].date`) is named like the list's field (`upgrades.date`), with its position.
        var field = error.field.map { t("field.\($0)") } ?? ""
        if let path = error.field, let open = path.firstIndex(of: "["), let close = path.firstIndex(of: "]"), open < close,
           let index = Int(path[path.index(after: open)..<close]) {
            let key = "field." + path[..<open] + path[path.index(after: close)...]
            field = t(key) + " (\(index + 1))"
        }
        return text(error.messageKey, language, arguments.merging(["field": field]) { a, _ in a })
    }

    /// Every key of a language's table.
    public func keys(_ language: Language) -> Set<String> { Set(tables[language]?.keys ?? [:].keys) }
}

/// A locale table could not be loaded.
public enum LocalizerError: Error {
    case missingTable(String)
}
