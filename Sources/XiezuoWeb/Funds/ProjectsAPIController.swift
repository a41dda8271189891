import Vapor
import XiezuoCore
import XiezuoStore

extension Project: Content {}
extension FundFlow: Content {}
extension Agreement: Content {}

extension Request {
    var projects: ProjectRepository { ProjectRepository(database: db, regions: services.regions) }
    var flows: FundFlowRepository { FundFlowRepository(database: db, writer: application.flowWriter, clock: services.clock) }

    /// The project filter from the query string.
    func projectFilter() throws -> ProjectFilter {
        var filter = ProjectFilter(year: try queryInt("year"), region: try queryRegion(), search: try queryText("q", max: 100))
        if let text = try queryText("actionArea") {
            guard let area = ActionArea(rawValue: text) else { throw DomainError.invalid("actionArea", "unknown_action_area") }
            filter.actionArea = area
        }
        if let text = try queryText("status") {
            guard let status = ProjectStatus(rawValue: text) else { throw DomainError.invalid("status", "unknown_status") }
            filter.status = status
        }
        return filter
    }
}

/// The projects and fund-flows API.
struct ProjectsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "projects")
        api.get(use: list)
        api.post(use: create)
        api.get(":id", use: show)
        api.patch(":id", use: update)
        api.post(":id", "status", use: move)
        api.get(":id", "flows", use: flows)
        api.post(":id", "flows", use: record)
        api.post(":id", "flows", ":flow", "reversal", use: reverse)
    }

    static let operations: [APIOperation] = [
        APIOperation(.GET, "/api/v1/projects", tag: "funds", summary: "Projects in the caller's jurisdiction",
                     parameters: [.query("year", "Year", type: "integer"), .query("region", "Region code (subtree)"),
                                  .query("actionArea", "featured_industry, industrial_cluster, consumption_assistance, labor_cooperation, …"),
                                  .query("status", "reserve, approved, in_progress, completed, accepted, cancelled"),
                                  .query("q", "Part of the name or code")] + APIOperation.Parameter.paging,
                     response: .list("Project"), secured: true),
        APIOperation(.POST, "/api/v1/projects", tag: "funds", summary: "Create a project (status reserve); money in fen",
                     request: "ProjectDraft", response: .object("Project"), status: 201, secured: true),
        APIOperation(.GET, "/api/v1/projects/{id}", tag: "funds", summary: "One project with its flow totals",
                     parameters: [.path("id", "Project id")], response: .object("ProjectDetail"), secured: true),
        APIOperation(.PATCH, "/api/v1/projects/{id}", tag: "funds", summary: "Change a project's fields (the ones present)",
                     parameters: [.path("id", "Project id")], request: "ProjectDraft", response: .object("Project"), secured: true),
        APIOperation(.POST, "/api/v1/projects/{id}/status", tag: "funds",
                     summary: "Move a project one step (reserve → approved → in_progress → completed → accepted) or cancel it",
                     parameters: [.path("id", "Project id")], request: "StatusChange", response: .object("Project"), secured: true),
        APIOperation(.GET, "/api/v1/projects/{id}/flows", tag: "funds", summary: "A project's fund flows, newest first",
                     parameters: [.path("id", "Project id")] + APIOperation.Parameter.paging, response: .list("FundFlow"), secured: true),
        APIOperation(.POST, "/api/v1/projects/{id}/flows", tag: "funds",
                     summary: "Record a fund flow (commitment, disbursement, expenditure); amount in fen",
                     parameters: [.path("id", "Project id")], request: "FlowDraft", response: .object("FundFlow"), status: 201, secured: true),
        APIOperation(.POST, "/api/v1/projects/{id}/flows/{flow}/reversal", tag: "funds",
                     summary: "Reverse a flow (红字冲销): records the opposite amount on the original's day, linked to it, with the reason; once per flow (409 already_reversed)",
                     parameters: [.path("id", "Project id"), .path("flow", "Flow id")], request: "ReversalDraft", response: .object("FundFlow"),
                     status: 201, secured: true),
    ]

    func list(request: Request) async throws -> Response {
        let (filter, principal) = (try request.projectFilter(), try request.signedIn())
        return try await request.list(SheetSpec(name: "export.sheet.projects", values: ["status": "project_status"])) { paging in
            try await request.projects.list(filter, by: principal, page: paging)
        }
    }

    func create(request: Request) async throws -> Response {
        let project = try await request.projects.create(try request.decodeJSON(ProjectDraft.self), by: try request.signedIn())
        return try await project.encodeResponse(status: .created, for: request)
    }

    struct Totals: Content { var committed: Int64; var disbursed: Int64; var spent: Int64 }
    struct Detail: Content { var project: Project; var totals: Totals }

    func show(request: Request) async throws -> Detail {
        let principal = try request.signedIn()
        let id = try request.uuidParameter(entity: "project")
        let project = try await request.projects.get(id, by: principal)
        let totals = try await request.flows.totals(of: id, by: principal)
        return Detail(project: project, totals: Totals(committed: totals.committed, disbursed: totals.disbursed, spent: totals.spent))
    }

    func update(request: Request) async throws -> Project {
        let principal = try request.signedIn()
        let id = try request.uuidParameter(entity: "project")
        let current = try await request.projects.get(id, by: principal)
        let patch = try request.decodeJSON(ProjectDraft.self)
        return try await request.projects.update(id, with: ProjectDraft(current).overlaid(with: patch), by: principal)
    }

    func move(request: Request) async throws -> Project {
        struct Body: Decodable { var status: String? }
        let body = try request.decodeJSON(Body.self)
        guard let status = body.status.flatMap(ProjectStatus.init(rawValue:)) else { throw DomainError.invalid("status", "unknown_status") }
        return try await request.projects.move(try request.uuidParameter(entity: "project"), to: status, by: try request.signedIn())
    }

    func flows(request: Request) async throws -> Response {
        let (id, principal) = (try request.uuidParameter(entity: "project"), try request.signedIn())
        return try await request.list(SheetSpec(name: "export.sheet.flows", values: ["type": "flow_type", "source": "fund_source"])) { paging in
            try await request.flows.list(of: id, by: principal, page: paging)
        }
    }

    func reverse(request: Request) async throws -> Response {
        let reversal = try await request.flows.reverse(try request.uuidParameter("flow", entity: "fund_flow"), on: try request.uuidParameter(entity: "project"),
                                                       try request.decodeJSON(ReversalDraft.self), by: try request.signedIn())
        return try await reversal.encodeResponse(status: .created, for: request)
    }

    func record(request: Request) async throws -> Response {
        let flow = try await request.flows.record(on: try request.uuidParameter(entity: "project"),
                                                  try request.decodeJSON(FlowDraft.self), by: try request.signedIn())
        return try await flow.encodeResponse(status: .created, for: request)
    }
}

extension ProjectDraft {
    /// This draft with every field `patch` sets replaced.
    func overlaid(with patch: ProjectDraft) -> ProjectDraft {
        var result = self
        func take<T>(_ keyPath: WritableKeyPath<ProjectDraft, T?>) { if let value = patch[keyPath: keyPath] { result[keyPath: keyPath] = value } }
        take(\.code); take(\.name); take(\.countyCode); take(\.pairingId); take(\.year); take(\.actionArea); take(\.category)
        take(\.budget); take(\.plannedStart); take(\.plannedEnd); take(\.actualStart); take(\.actualEnd); take(\.households)
        take(\.persons); take(\.povertyLiftedHouseholds); take(\.povertyLiftedPersons); take(\.description)
        return result
    }
}
