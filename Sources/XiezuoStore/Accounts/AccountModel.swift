import FluentKit
import Foundation
import XiezuoCore

/// A row of `accounts`.
final class AccountModel: Model, @unchecked Sendable {
    static let schema = "accounts"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "role") var role: String
    @OptionalField(key: "jurisdiction") var jurisdiction: String?
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "disabled") var disabled: Bool
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @OptionalField(key: "credentials_changed_at") var credentialsChangedAt: Date?
    @OptionalField(key: "employer_id") var employerID: UUID?
    @OptionalField(key: "totp_sealed") var totpSealed: String?
    @OptionalField(key: "totp_enabled_at") var totpEnabledAt: Date?
    @OptionalField(key: "totp_last_step") var totpLastStep: Int64?
    @OptionalField(key: "recovery_hashes") var recoveryHashes: String?
    @Field(key: "change_seq") var changeSeq: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var account: Account {
        get throws {
            try Account(id: id!, username: username, displayName: displayName,
                        role: StoredRow(Self.schema, id: id).choice(role, as: Role.self, column: "role"),
                        jurisdiction: jurisdiction, disabled: disabled, lockedUntil: lockedUntil,
                        credentialsChangedAt: credentialsChangedAt, createdAt: createdAt, employerID: employerID,
                        secondFactorSince: totpSealed == nil ? nil : totpEnabledAt)
        }
    }
}
