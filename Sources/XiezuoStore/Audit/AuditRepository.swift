import FluentKit
import Foundation
import XiezuoCore

/// Reads the audit log, limited to the principal's jurisdiction.
public struct AuditRepository: Sendable {
    let database: any Database

    /// Creates a repository over `database`.
    public init(database: any Database) { self.database = database }

    /// Entries matching the filter, newest first. Admins see all; other staff the entries of their region.
    public func list(_ filter: AuditFilter, by principal: Principal, page: Paging = Paging()) async throws -> Paged<AuditEntry> {
        guard Permissions.canReadAudit(principal) else { throw DomainError.forbidden }
        func query() -> QueryBuilder<AuditEntryModel> {
            let query = AuditEntryModel.query(on: database)
            query.within(principal.scope, columns: "region_code", "partner_region_code")
            if let entity = filter.entity { query.filter(\.$entity == entity) }
            if let action = filter.action { query.filter(\.$action == action) }
            if let actor = filter.actor { query.matching(actor, in: "actor_name") }
            if let region = filter.regionCode { query.within(.region(region), columns: "region_code", "partner_region_code") }
            if let from = filter.from { query.filter(\.$at >= from) }
            if let to = filter.to { query.filter(\.$at < to) }
            return query
        }
        let total = try await query().count()
        let models = try await query().sort(\.$at, .descending).range(page.offset..<(page.offset + page.perPage)).all()
        return Paged(items: models.map(\.entry), total: total, request: page)
    }

    /// The distinct entity kinds recorded so far, for the filter menu.
    public func entities() async throws -> [String] {
        try await AuditEntryModel.query(on: database).unique().all(\.$entity).sorted()
    }
}
