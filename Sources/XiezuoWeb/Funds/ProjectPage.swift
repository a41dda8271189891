import Vapor
import XiezuoCore

/// One project's page: its fields, status buttons, totals, flows and the form to record a flow.
enum ProjectPage {
    struct FlowRow: Encodable {
        var flow: FundFlow
        var type: String
        var source: String
        var amount: String
        /// Beside a reversal: what it reverses and why; beside a reversed original: that it was.
        var reversalNote: String?
        /// Whether the viewer may reverse it (an original not reversed yet, on a project they may edit).
        var reversible: Bool
        /// The question the browser asks before the reversal is sent.
        var confirm: String
        /// The reversal form's reason and its error, after a refused reversal of this flow.
        var reason: String
        var error: String?
    }
    struct Option: Encodable { var value: String; var label: String }

    struct Context: Encodable {
        var project: Project
        var county: String
        var pairing: String?
        var area: String
        var status: String
        var budget: String
        var committed: String
        var disbursed: String
        var spent: String
        var moves: [Option]
        var flows: [FlowRow]
        var hasFlows: Bool
        /// The flows' pages (100 a page, newest first).
        var pager: Pager
        var paged: Bool
        var canRecord: Bool
        /// False for the Jiangsu side, who read the projects their aid funds.
        var canEdit: Bool
        var types: [Option]
        var sources: [Option]
        var values: [String: String]
        var errors: [String: String]
    }

    /// `flowValues`/`flowErrors` refill the flow form after a refusal; `reversal` the reversal form of one flow
    /// (its id, the reason typed and the error).
    static func render(_ request: Request, id: UUID, flowValues: [String: String], flowErrors: [String: String],
                       reversal: (flow: UUID, reason: String, error: String)? = nil) async throws -> View {
        let principal = try request.signedIn()
        let project = try await request.projects.get(id, by: principal)
        let totals = try await request.flows.totals(of: id, by: principal)
        let page = try await request.flows.list(of: id, by: principal, page: try request.pageRequest(defaultPerPage: 100))
        let flows = page.items
        // A reversal's original may be on another page; its day is read for the note.
        let onPage = Set(flows.map(\.id))
        let originalDays = try await request.flows.days(of: Set(flows.compactMap(\.reverses)).subtracting(onPage), on: id)
        let regions = request.services.regions
        var pairing: String?
        if let pairingID = project.pairingID {
            let view = PairingView(try await request.pairings.get(pairingID), regions: regions, year: project.year)
            pairing = "\(view.eastName) ↔ \(view.westName)"
        }
        let canEdit = Permissions.canEditProject(principal, countyCode: project.countyCode)
        var errors = flowErrors
        // A refused reversal shows beside its reason box; one of a flow that offers none (reversed already) above the table.
        if let reversal, flows.first(where: { $0.id == reversal.flow }).map({ $0.reverses != nil || $0.reversedBy != nil }) ?? true {
            errors["reverse"] = reversal.error
        }
        var values = flowValues
        if values.isEmpty { values = ["date": request.today.description, "type": "commitment", "source": "jiangsu_aid"] }
        let context = Context(
            project: project, county: regions[project.countyCode]?.name ?? project.countyCode, pairing: pairing,
            area: request.t("area.\(project.actionArea.rawValue)"), status: request.t("project_status.\(project.status.rawValue)"),
            budget: Formatting.wan(project.budget), committed: Formatting.yuan(totals.committed), disbursed: Formatting.yuan(totals.disbursed),
            spent: Formatting.yuan(totals.spent),
            moves: canEdit ? project.status.next.map { Option(value: $0.rawValue, label: request.t("project_move.\($0.rawValue)")) } : [],
            flows: flows.map { flow in
                let type = request.t("flow_type.\(flow.type.rawValue)")
                var note: String?
                if let original = flow.reverses, let reason = flow.reason {
                    let date = (flows.first { $0.id == original }?.date ?? originalDays[original])?.description ?? ""
                    note = request.t("reversal.reverses", ["date": date, "reason": reason])
                } else if flow.reversedBy != nil {
                    note = request.t("reversal.reversed")
                }
                let refused = reversal?.flow == flow.id ? reversal : nil
                return FlowRow(flow: flow, type: type, source: request.t("fund_source.\(flow.source.rawValue)"), amount: Formatting.yuan(flow.amount),
                               reversalNote: note, reversible: canEdit && flow.reverses == nil && flow.reversedBy == nil,
                               confirm: request.t("reversal.confirm_flow", ["type": type, "amount": Formatting.yuan(flow.amount), "date": flow.date.description]),
                               reason: refused?.reason ?? "", error: refused?.error)
            },
            hasFlows: !flows.isEmpty, pager: Pager(page, request: request), paged: page.pageCount > 1, canRecord: canEdit && project.status.isApproved, canEdit: canEdit,
            types: FlowType.allCases.map { Option(value: $0.rawValue, label: request.t("flow_type.\($0.rawValue)")) },
            sources: FundSource.allCases.map { Option(value: $0.rawValue, label: request.t("fund_source.\($0.rawValue)")) },
            values: values, errors: errors)
        return try await request.view.render("Funds/project", PageContext(request, context))
    }
}
