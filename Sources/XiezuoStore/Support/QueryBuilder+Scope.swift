import FluentKit
import FluentSQL
import SQLKit
import XiezuoCore

extension QueryBuilder {
    /// Keeps the rows whose region (in any of `columns`) lies inside `scope`. `.nothing` keeps no row, so a
    /// principal without a jurisdiction never reads as "everything".
    @discardableResult
    func within(_ scope: AccessScope, columns: String...) -> Self {
        switch scope {
        case .everything:
            return self
        case .nothing:
            return filter(.sql(embed: "1 = 0"))
        case .region(let prefix):
            // Codes are validated digit strings, so the prefix needs no escaping.
            return group(.or) { group in
                for column in columns { group.filter(.sql(embed: "\(ident: column) LIKE \(bind: prefix + "%")")) }
            }
        }
    }

    /// Case-insensitive substring search over `columns`, the same on SQLite and PostgreSQL: both sides are
    /// lower-cased and `%`, `_` and `\` typed by the user match themselves.
    @discardableResult
    func matching(_ text: String, in columns: String...) -> Self {
        let escaped = text.lowercased()
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        let pattern = "%" + escaped + "%"
        return group(.or) { group in
            for column in columns {
                group.filter(.sql(embed: "LOWER(\(ident: column)) LIKE \(bind: pattern) ESCAPE '\\'"))
            }
        }
    }
}
