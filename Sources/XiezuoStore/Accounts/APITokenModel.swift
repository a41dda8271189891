import FluentKit
import Foundation
import XiezuoCore

/// A row of `api_tokens`.
final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "name") var name: String
    @Field(key: "prefix") var prefix: String
    @Field(key: "token_hash") var tokenHash: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "expires_at") var expiresAt: Date?

    init() {}

    var token: APIToken {
        APIToken(id: id!, accountID: accountID, name: name, prefix: prefix, createdAt: createdAt,
                 lastUsedAt: lastUsedAt, revokedAt: revokedAt, expiresAt: expiresAt)
    }
}
