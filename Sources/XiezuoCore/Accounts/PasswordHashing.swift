/// Hashes and checks passwords. The web layer supplies bcrypt on a thread pool, so the slow hash never blocks
/// the event loops; tests use a lower cost.
public protocol PasswordHashing: Sendable {
    /// Returns a salted hash of `password`.
    func hash(_ password: String) async throws -> String
    /// True when `password` matches `hash`.
    func verify(_ password: String, against hash: String) async throws -> Bool
}
