import FluentKit
import Foundation
import SQLKit

/// API tokens expire: each carries when it stops working. Tokens issued before this migration get the default
/// lifetime from the day it runs, so no client is cut off without warning.
struct M0040_AddTokenExpiry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens").field("expires_at", .datetime).update()
        let sql = database as! any SQLDatabase
        try await sql.update("api_tokens").set("expires_at", to: SQLBind(Date().addingTimeInterval(90 * 86_400)))
            .where("revoked_at", .is, SQLLiteral.null).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").deleteField("expires_at").update()
    }
}
