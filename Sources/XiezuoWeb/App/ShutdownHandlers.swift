import Vapor
import XiezuoSQLite

/// Closes the SQLite writer's and reader's connections when the app shuts down.
struct SQLiteShutdown: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        await application.sqliteWriter?.close()
        await application.sqliteReader?.close()
        await application.xiezuo.jobSearch.close()
    }
}

/// Stops a thread pool of the app's own (bcrypt's) when the app shuts down.
struct ThreadPoolShutdown: LifecycleHandler {
    let pool: NIOThreadPool
    func shutdownAsync(_ application: Application) async { try? await pool.shutdownGracefully() }
}
