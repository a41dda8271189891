import FluentKit
import Foundation
import SQLKit

/// Audit entries of workers keep masked values only: entries written before the audit view (``Worker/auditView``)
/// held the birth date beside the ID number's first four and last four characters, which together narrow a person down
/// to a few dozen numbers. Rewrites them as the audit view has them: the ID number's first four characters, the birth
/// year, no consent time.
struct M0044_MaskWorkerAudit: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let rows = try await sql.raw("SELECT id, before, after FROM audit_log WHERE entity = 'worker'").all()
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            let before = try row.decode(column: "before", as: String?.self), after = try row.decode(column: "after", as: String?.self)
            let newBefore = try before.map(Self.masked), newAfter = try after.map(Self.masked)
            guard newBefore != before || newAfter != after else { continue }
            try await sql.update("audit_log").set("before", to: SQLBind(newBefore)).set("after", to: SQLBind(newAfter))
                .where("id", .equal, SQLBind(id)).run()
        }
    }

    func revert(on database: any Database) async throws {}

    /// The summary with the ID number cut to four characters and the birth date to its year.
    static func masked(_ summary: String) throws -> String {
        guard var object = try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any] else { return summary }
        guard object["birthDate"] != nil || (object["idNumber"] as? String)?.dropFirst(4).contains(where: { $0 != "*" }) == true else {
            return summary
        }
        if let number = object["idNumber"] as? String {
            object["idNumber"] = String(number.prefix(4)) + String(repeating: "*", count: max(0, number.count - 4))
        }
        if let birth = object.removeValue(forKey: "birthDate") as? String, let year = Int(birth.prefix(4)) { object["birthYear"] = year }
        object["consentAt"] = nil
        object["revealed"] = nil
        object["accountID"] = nil
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
