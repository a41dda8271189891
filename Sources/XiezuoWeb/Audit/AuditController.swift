import Vapor
import XiezuoCore

extension AuditEntry: Content {}

/// The audit log: an admin page to browse and filter it, and the API.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("admin", "audit", use: page)
        routes.get("api", "v1", "audit", use: apiList)
    }

    static let operations: [APIOperation] = [
        APIOperation(.GET, "/api/v1/audit", tag: "audit", summary: "Audit entries, newest first (staff: their jurisdiction)",
                     parameters: [.query("entity", "Record kind, e.g. pairing"), .query("action", "create, update, …"),
                                  .query("actor", "Part of the actor's name"), .query("region", "Region code subtree"),
                                  .query("from", "First day (YYYY-MM-DD)"), .query("to", "Last day (YYYY-MM-DD)")]
                        + APIOperation.Parameter.paging,
                     response: .list("AuditEntry"), secured: true),
    ]

    private func filter(_ request: Request) throws -> AuditFilter {
        AuditFilter(entity: try request.queryText("entity", max: 40), action: try request.queryText("action", max: 40),
                    actor: try request.queryText("actor", max: 64), regionCode: try request.queryPlace("region"),
                    from: try day("from", request), to: try day("to", request).map { $0.addingTimeInterval(86_400) })
    }

    private func day(_ name: String, _ request: Request) throws -> Date? {
        guard let text = try request.queryText(name, max: 10) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd"
        guard let date = formatter.date(from: text) else { throw DomainError.invalid(name, "wrong_type") }
        return date
    }

    func apiList(request: Request) async throws -> Response {
        let (filter, principal) = (try filter(request), try request.signedIn())
        return try await request.list(SheetSpec(name: "export.sheet.audit")) { paging in try await request.auditLog.list(filter, by: principal, page: paging) }
    }

    struct Context: Encodable {
        var entries: [AuditEntryView]
        var pager: Pager
        var values: [String: String]
        var entities: [Option]
    }

    struct Option: Encodable { var value: String; var label: String }

    func page(request: Request) async throws -> View {
        let principal = try request.signedIn()
        let page = try await request.auditLog.list(try filter(request), by: principal, page: try request.pageRequest())
        var values: [String: String] = [:]
        for name in ["entity", "action", "actor", "region", "from", "to"] { values[name] = try request.queryText(name) ?? "" }
        let rows = page.items.map { AuditEntryView($0, request: request) }
        let context = Context(entries: rows, pager: Pager(page, request: request), values: values,
                              entities: try await request.auditLog.entities().map { Option(value: $0, label: request.t("audit.entity.\($0)", or: $0)) })
        return try await request.view.render("Accounts/admin-audit", PageContext(request, context))
    }
}
