import Foundation
import LogOutput
import Vapor
import XiezuoCore

extension XiezuoApp {
    /// Runs the `xiezuo` command line: settings from the environment, logging, the app, and the command the
    /// arguments name. Returns the exit status: 0, or 1 after printing on standard error why the command failed
    /// (refused input in the terminal's language, not a crash report).
    public static func runCommandLine() async -> Int32 {
        let language = Language.forTerminal()
        let localizer = try? Localizer()
        func fail(_ error: any Error) -> Int32 {
            FileHandle.standardError.write(Data((failureMessage(for: error, localizer: localizer, language: language) + "\n").utf8))
            return 1
        }
        var environment: Environment
        let settings: Settings
        let app: Application
        do {
            environment = try Environment.detect()
            settings = try Settings.fromEnvironment()
            // A restore writes the database and key files, which setting up the app would create: it runs first, alone.
            let arguments = Array(CommandLine.arguments.dropFirst())
            if arguments.first == "restore" {
                return RestoreCommandLine.run(Array(arguments.dropFirst()), settings: settings, localizer: localizer, language: language)
            }
            try bootstrapLogging(&environment, format: settings.logFormat)
            app = try await Application.make(environment)
        } catch {
            return fail(error)
        }
        var status: Int32 = 0
        do {
            try configure(app, settings: settings)
            try await app.execute()
        } catch {
            // Refused input is the user's to fix; anything else is also logged, for whoever runs the platform.
            if !(error is DomainError || error is CommandLineError) { app.logger.report(error: error) }
            status = fail(error)
        }
        try? await app.asyncShutdown()
        LogSink.standardOutput.flush()
        return status
    }

    /// The line a failed command prints: a command-line mistake as it is (already localised), the localised message
    /// of refused input, any other error as it describes itself.
    static func failureMessage(for error: any Error, localizer: Localizer?, language: Language) -> String {
        if let error = error as? CommandLineError { return error.description }
        let message = switch error {
        case let error as DomainError: localizer?.message(for: error, language) ?? error.code
        default: String(describing: error)
        }
        return localizer?.text("cli.error", language, ["message": message]) ?? message
    }
}
