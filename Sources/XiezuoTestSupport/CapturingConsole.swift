import NIOConcurrencyHelpers
import Vapor

/// A console that records what commands print, for command-line tests.
public final class CapturingConsole: Console {
    private let lines = NIOLockedValueBox<[String]>([])
    private let info = NIOLockedValueBox<[AnySendableHashable: any Sendable]>([:])

    public init() {}

    /// Everything printed so far, one entry per line.
    public var output: [String] { lines.withLockedValue { $0 } }

    public var size: (width: Int, height: Int) { (120, 40) }
    public func input(isSecure: Bool) -> String { "" }
    public func output(_ text: ConsoleText, newLine: Bool) {
        let plain = text.fragments.map(\.string).joined()
        lines.withLockedValue { $0.append(plain) }
    }
    public func clear(_ type: ConsoleClear) {}
    public func report(error: String, newLine: Bool) { lines.withLockedValue { $0.append(error) } }
    public var userInfo: [AnySendableHashable: any Sendable] {
        get { info.withLockedValue { $0 } }
        set { info.withLockedValue { $0 = newValue } }
    }
}

extension TestApp {
    /// Runs `xiezuo <arguments>` against this app's database and returns what it printed.
    public func run(_ arguments: [String]) async throws -> [String] {
        let console = CapturingConsole()
        var context = CommandContext(console: console, input: CommandInput(arguments: ["xiezuo"] + arguments))
        context.application = app
        let commands = app.asyncCommands
        let group = AsyncCommands(commands: commands.commands, defaultCommand: commands.defaultCommand).group()
        try await group.run(using: &context)
        return console.output
    }
}
