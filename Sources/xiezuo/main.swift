import Foundation
import XiezuoWeb

// The executable only hands over to the command-line runner (settings, logging, the app, Vapor's commands) and
// exits with its status.
exit(await XiezuoApp.runCommandLine())
