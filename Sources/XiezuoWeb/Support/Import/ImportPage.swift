import Foundation
import Vapor
import XiezuoCore

/// The import page: what the file should hold (each column and how to fill it), the template, the upload, and after
/// an upload every row's outcome — errors by row, column and value — with a button to import a file that checked clean.
enum ImportPage {
    struct Column: Encodable { var name: String; var required: Bool; var help: String }
    struct Problem: Encodable { var column: String; var value: String; var message: String }
    struct Row: Encodable { var line: Int; var action: String; var summary: String; var ok: Bool; var problems: [Problem] }
    struct Result: Encodable {
        var heading: String
        var ok: Bool
        var counts: String
        var rows: [Row]
        var more: String?
        var carried: String?
        var carriedName: String?
    }
    struct Context: Encodable {
        var title: String
        var intro: String
        var back: String
        var backLabel: String
        var action: String
        var template: String
        var columns: [Column]
        var error: String?
        var result: Result?
    }

    /// Rows shown on the page: every row with an error and the first of the rest.
    static let shownRows = 200

    static func render(_ kind: ImportKind, request: Request, error: String? = nil, reading: ImportReading? = nil, report: ImportReport? = nil,
                       carry: (Data, String)? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        var result: Result?
        if let report, let reading {
            let dto = ImportController.dto(report, reading: reading, kind: kind, request: request)
            let failed = dto.rows.filter { !$0.errors.isEmpty }
            let good = dto.rows.filter { $0.errors.isEmpty }
            let shown = failed + good.prefix(max(0, shownRows - failed.count))
            let typed = Dictionary(reading.records.map { ($0.line, $0.typed) }, uniquingKeysWith: { first, _ in first })
            /// A row with errors has no record yet: what its first columns hold says which row it is.
            func described(_ row: ImportController.ReportDTO.Row) -> String {
                guard row.summary.isEmpty else { return row.summary }
                return kind.columns.prefix(3).compactMap { typed[row.line]?[$0.field] }.filter { !$0.isEmpty }.joined(separator: " · ")
            }
            let heading: String
            if report.written { heading = request.t("import.done", ["file": reading.file.name]) }
            else if report.failed > 0 { heading = request.t("import.failed", ["count": String(report.failed), "file": reading.file.name]) }
            else { heading = request.t("import.checked", ["file": reading.file.name]) }
            result = Result(
                heading: heading, ok: report.failed == 0,
                counts: request.t("import.counts", ["create": String(dto.created), "update": String(dto.updated), "unchanged": String(dto.unchanged),
                                                    "failed": String(dto.failed), "format": reading.file.format]),
                rows: shown.sorted { $0.line < $1.line }.map { row in
                    Row(line: row.line, action: row.action.map { request.t("import.action.\($0.rawValue)") } ?? request.t("import.action.error"),
                        summary: described(row), ok: row.errors.isEmpty,
                        problems: row.errors.map { Problem(column: $0.column ?? "", value: $0.value ?? "", message: $0.message) })
                },
                more: dto.rows.count > shown.count ? request.t("import.more", ["count": String(dto.rows.count - shown.count)]) : nil,
                carried: carry.map { $0.0.base64EncodedString() }, carriedName: carry?.1)
        }
        let context = Context(
            title: request.t(kind.title), intro: request.t(kind.title + "_intro"), back: kind.back, backLabel: request.t("import.back"),
            action: "/imports/\(kind.name)", template: "/imports/\(kind.name)/template.xlsx",
            columns: kind.columns.map { Column(name: kind.header($0, request, marked: false), required: $0.required,
                                              help: ImportTemplate.help($0, kind: kind, request: request)) },
            error: error, result: result)
        return try await request.view.render("Support/import", PageContext(request, context)).encodeResponse(status: status, for: request)
    }
}
