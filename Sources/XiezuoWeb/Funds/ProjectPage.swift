import Vapor
import XiezuoCore

/// One project's page: its fields, status buttons, totals, flows and the form to record a flow.
enum ProjectPage {
    struct FlowRow: Encodable { var flow: FundFlow; var type: String; var source: String; var amount: String }
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
        var canRecord: Bool
        var types: [Option]
        var sources: [Option]
        var values: [String: String]
        var errors: [String: String]
    }

    static func render(_ request: Request, id: UUID, flowValues: [String: String], flowErrors: [String: String]) async throws -> View {
        let principal = try request.signedIn()
        let project = try await request.projects.get(id, by: principal)
        let totals = try await request.flows.totals(of: id, by: principal)
        let flows = try await request.flows.list(of: id, by: principal)
        let regions = request.services.regions
        var pairing: String?
        if let pairingID = project.pairingID {
            let view = PairingView(try await request.pairings.get(pairingID), regions: regions, year: project.year)
            pairing = "\(view.eastName) ↔ \(view.westName)"
        }
        var values = flowValues
        if values.isEmpty { values = ["date": Day(Date()).description, "type": "commitment", "source": "jiangsu_aid"] }
        let context = Context(
            project: project, county: regions[project.countyCode]?.name ?? project.countyCode, pairing: pairing,
            area: request.t("area.\(project.actionArea.rawValue)"), status: request.t("project_status.\(project.status.rawValue)"),
            budget: Formatting.wan(project.budget), committed: Formatting.yuan(totals.committed), disbursed: Formatting.yuan(totals.disbursed),
            spent: Formatting.yuan(totals.spent),
            moves: project.status.next.map { Option(value: $0.rawValue, label: request.t("project_move.\($0.rawValue)")) },
            flows: flows.map {
                FlowRow(flow: $0, type: request.t("flow_type.\($0.type.rawValue)"), source: request.t("fund_source.\($0.source.rawValue)"),
                        amount: Formatting.yuan($0.amount))
            },
            hasFlows: !flows.isEmpty, canRecord: project.status.isApproved,
            types: FlowType.allCases.map { Option(value: $0.rawValue, label: request.t("flow_type.\($0.rawValue)")) },
            sources: FundSource.allCases.map { Option(value: $0.rawValue, label: request.t("fund_source.\($0.rawValue)")) },
            values: values, errors: flowErrors)
        return try await request.view.render("project", PageContext(request, context))
    }
}

/// CSV for spreadsheets: UTF-8 with a byte-order mark so Excel shows Chinese correctly, CRLF line ends.
enum CSV {
    static func header(_ names: [String]) -> String { "\u{FEFF}" + row(names) }

    static func row(_ fields: [String]) -> String {
        fields.map { field in
            let needsQuotes = field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            // A leading = + - @ would make a spreadsheet run the cell as a formula.
            let safe = field.first.map { "=+-@".contains($0) } == true && Double(field) == nil ? "'" + field : field
            return needsQuotes ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
        }.joined(separator: ",") + "\r\n"
    }

    static func response(_ text: String, filename: String) -> Response {
        Response(status: .ok, headers: ["Content-Type": "text/csv; charset=utf-8",
                                        "Content-Disposition": "attachment; filename=\"\(filename)\""],
                 body: .init(string: text))
    }
}
