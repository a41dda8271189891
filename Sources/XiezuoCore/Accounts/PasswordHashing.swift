/// Hashes and checks passwords. The web layer supplies bcrypt; tests may supply a cheaper cost.
public protocol PasswordHashing: Sendable {
    /// Returns a salted hash of `password`.
    func hash(_ password: String) throws -> String
    /// True when `password` matches `hash`.
    func verify(_ password: String, against hash: String) throws -> Bool
}
