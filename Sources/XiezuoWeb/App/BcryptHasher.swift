import Vapor
import XiezuoCore

/// bcrypt through Vapor's implementation, on the app's thread pool: at cost 12 a hash takes a quarter of a
/// second, which must not stall an event loop.
struct BcryptHasher: PasswordHashing {
    let cost: Int
    let threadPool: NIOThreadPool

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await threadPool.runIfActive { try Bcrypt.verify(password, created: hash) }
    }
}
