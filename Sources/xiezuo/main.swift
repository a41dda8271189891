import Vapor
import XiezuoWeb

// The executable only wires things together: settings, logging, the app, and Vapor's command runner.
var environment = try Environment.detect()
let settings = try Settings.fromEnvironment()
try XiezuoApp.bootstrapLogging(&environment, format: settings.logFormat)
let app = try await Application.make(environment)
do {
    try XiezuoApp.configure(app, settings: settings)
    try await app.execute()
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    throw error
}
try await app.asyncShutdown()
