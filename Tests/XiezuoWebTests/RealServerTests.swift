import Foundation
import Testing
import Vapor
import XiezuoCore
import XiezuoStore
@testable import XiezuoWeb

@Suite("The real app over HTTP")
struct RealServerTests {
    /// Runs `xiezuo serve --port 0` in-process over a temporary SQLite file, as the executable does, and returns
    /// the app and its port.
    func start(_ path: String, arguments: [String] = []) async throws -> (Application, Int) {
        let app = try await Application.make(Environment(name: "testing", arguments: ["xiezuo", "serve", "--port", "0"] + arguments))
        app.logger.logLevel = .error
        try XiezuoApp.configure(app, settings: Settings(database: .sqlite(path: path), bcryptCost: 4))
        try await app.startup()
        let port = try #require(app.http.server.shared.localAddress?.port)
        return (app, port)
    }

    @Test func firstAndSecondStart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xz-real-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: path + suffix) } }

        let (app, port) = try await start(path)
        let base = "http://127.0.0.1:\(port)"
        let home = try await app.client.get(URI(string: base + "/"))
        #expect(home.status == .ok)
        #expect(home.body.map { String(buffer: $0) }?.contains("苏陕协作") == true)
        let health = try await app.client.get(URI(string: base + "/health"))
        #expect(health.status == .ok)
        let county = try await app.client.get(URI(string: base + "/regions/611026"))
        let html = county.body.map { String(buffer: $0) } ?? ""
        #expect(county.status == .ok)
        #expect(html.contains("柞水县"))
        #expect(html.contains("高淳区"))
        #expect(html.contains("结对关系"))
        // The first run on SQLite loaded the demo accounts.
        let accounts = AccountRepository(database: app.db, regions: app.xiezuo.regions, hasher: app.xiezuo.hasher)
        #expect(try await accounts.find(username: "zhashui-officer")?.jurisdiction == "611026")
        let countBefore = try await accounts.list(by: .system).total
        app.running?.stop()
        try await app.asyncShutdown()

        // A second start re-seeds nothing.
        let (again, _) = try await start(path)
        let accountsAgain = AccountRepository(database: again.db, regions: again.xiezuo.regions, hasher: again.xiezuo.hasher)
        #expect(try await accountsAgain.list(by: .system).total == countBefore)
        #expect(try await PairingRepository(database: again.db, regions: again.xiezuo.regions).count() == 26)
        again.running?.stop()
        try await again.asyncShutdown()
    }
}
