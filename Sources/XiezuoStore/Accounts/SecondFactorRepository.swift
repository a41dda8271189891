import Crypto
import FluentKit
import Foundation
import XiezuoCore

/// Second factors: a TOTP secret per account (sealed with the data key) and ten one-time recovery codes (stored as
/// SHA-256 digests). A code is accepted once: the last step used is kept, and an older or equal one is refused.
public struct SecondFactorRepository: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database
    let cipher: PersonalDataCipher

    /// Creates a repository over `database`.
    public init(database: any Database, cipher: PersonalDataCipher, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.cipher = cipher
    }

    /// How many recovery codes an enrolment issues.
    public static let recoveryCodeCount = 10

    /// A fresh secret (160 bits, as RFC 4226 recommends).
    public static func newSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<20).map { _ in generator.next() }
    }

    /// Enrols `secret` for an account once `code` shows the authenticator app has it; replaces any earlier secret.
    /// Returns the recovery codes, shown once.
    public func enrol(_ accountID: UUID, secret: [UInt8], code: String, by principal: Principal, now: Date? = nil) async throws -> [String] {
        let now = now ?? clock.now
        guard let step = TOTP.matchingCounter(Self.digits(code), secret: secret, at: now) else {
            throw DomainError.invalid("code", "second_factor_wrong")
        }
        let codes = (0..<Self.recoveryCodeCount).map { _ in Self.recoveryCode() }
        let hashes = try String(decoding: JSONEncoder().encode(codes.map(Self.digest)), as: UTF8.self)
        try await database.writeTransaction { tx in
            guard let model = try await AccountModel.find(accountID, on: tx) else { throw DomainError.notFound("account") }
            model.totpSealed = try cipher.seal(Base32.encode(secret))
            model.totpEnabledAt = now
            model.totpLastStep = step
            model.recoveryHashes = hashes
            model.changeSeq = try await ChangeSequence.next(on: tx)
            try await model.save(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "enrol_second_factor", entity: "account",
                                           entityID: model.username, regionCode: model.jurisdiction,
                                           before: Optional<String>.none, after: ["recoveryCodes": String(codes.count)])
        }
        return codes
    }

    /// Checks a code from the authenticator app, or a recovery code (which is then used up). Audits the use of a
    /// recovery code. False for anything else, and for a code already used.
    public func verify(_ accountID: UUID, code: String, now: Date? = nil) async throws -> Bool {
        let now = now ?? clock.now
        return try await database.writeTransaction { tx in
            guard let model = try await AccountModel.find(accountID, on: tx), let sealed = model.totpSealed,
                  let secret = Base32.decode(try cipher.open(sealed)) else { return false }
            let digits = Self.digits(code)
            if digits.count == TOTP.digits, let step = TOTP.matchingCounter(digits, secret: secret, at: now) {
                guard step > (model.totpLastStep ?? Int64.min) else { return false }
                model.totpLastStep = step
                try await model.save(on: tx)
                return true
            }
            var hashes = try JSONDecoder().decode([String].self, from: Data((model.recoveryHashes ?? "[]").utf8))
            guard let index = hashes.firstIndex(of: Self.digest(Self.normalisedRecovery(code))) else { return false }
            hashes.remove(at: index)
            model.recoveryHashes = String(decoding: try JSONEncoder().encode(hashes), as: UTF8.self)
            try await model.save(on: tx)
            try await AuditRecorder.record(on: tx, by: model.account.principal, action: "use_recovery_code", entity: "account",
                                           entityID: model.username, regionCode: model.jurisdiction,
                                           before: Optional<String>.none, after: ["left": String(hashes.count)])
            return true
        }
    }

    /// Recovery codes left.
    public func recoveryCodesLeft(_ accountID: UUID) async throws -> Int {
        guard let model = try await AccountModel.find(accountID, on: database) else { return 0 }
        return try JSONDecoder().decode([String].self, from: Data((model.recoveryHashes ?? "[]").utf8)).count
    }

    /// Removes an account's second factor: its owner (where the role does not require one) or, at the command line
    /// (`xiezuo user reset-2fa`), the system for an owner who lost theirs.
    public func remove(_ accountID: UUID, by principal: Principal) async throws {
        try await database.writeTransaction { tx in
            guard let model = try await AccountModel.find(accountID, on: tx) else { throw DomainError.notFound("account") }
            let isSystem = principal.accountID == nil && principal.role == .admin
            guard isSystem || principal.accountID == accountID else { throw DomainError.notFound("account") }
            if !isSystem, Role(rawValue: model.role)?.requiresSecondFactor == true { throw DomainError.invalid("code", "second_factor_required") }
            model.totpSealed = nil
            model.totpEnabledAt = nil
            model.totpLastStep = nil
            model.recoveryHashes = nil
            // A reset second factor ends the account's sessions, as a new password does.
            model.credentialsChangedAt = clock.now
            model.changeSeq = try await ChangeSequence.next(on: tx)
            try await model.save(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "remove_second_factor", entity: "account",
                                           entityID: model.username, regionCode: model.jurisdiction,
                                           before: Optional<String>.none, after: Optional<String>.none)
        }
    }

    /// The digits of a typed code (spaces dropped).
    static func digits(_ code: String) -> String { code.filter { !$0.isWhitespace } }

    /// A recovery code: ten characters of an alphabet without look-alikes, shown as `xxxxx-xxxxx`.
    static func recoveryCode() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<10).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] }
        return String(characters[0..<5]) + "-" + String(characters[5..<10])
    }

    static func normalisedRecovery(_ code: String) -> String {
        let plain = code.lowercased().filter { $0.isLetter || $0.isNumber }
        guard plain.count == 10 else { return plain }
        return String(plain.prefix(5)) + "-" + String(plain.suffix(5))
    }

    static func digest(_ code: String) -> String { Hex.encode(SHA256.hash(data: Data(code.utf8))) }
}
