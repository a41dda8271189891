import Foundation
import Vapor

extension Language {
    /// The language for command-line output: English when `XIEZUO_LANG`, `LC_ALL` or `LANG` asks for it,
    /// Chinese otherwise.
    static func forTerminal(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        let setting = environment["XIEZUO_LANG"] ?? environment["LC_ALL"] ?? environment["LANG"] ?? ""
        return setting.lowercased().hasPrefix("en") ? .en : .zhHans
    }
}

extension CommandContext {
    /// Prints a localised line.
    func say(_ key: String, _ arguments: [String: String] = [:], style: ConsoleStyle = .plain) {
        let text = application.xiezuo.localizer.text(key, application.xiezuo.terminalLanguage, arguments)
        console.output(text.consoleText(style))
    }

    /// Prints a line that is data, not prose (a table row, a secret).
    func show(_ text: String, style: ConsoleStyle = .plain) {
        console.output(text.consoleText(style))
    }

    /// A localised command-line error.
    func failure(_ key: String, _ arguments: [String: String] = [:]) -> CommandLineError {
        CommandLineError(application.xiezuo.localizer.text(key, application.xiezuo.terminalLanguage, arguments))
    }
}
