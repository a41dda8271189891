import Foundation
import Vapor
import XiezuoCore

/// Spreadsheet imports: `/imports/{kind}` (the template, an upload checked first and then imported without choosing
/// the file again) and `POST /api/v1/imports/{kind}` (the file as the body).
struct ImportController: RouteCollection {
    /// The largest file taken (a workbook of 50,000 rows is a few megabytes).
    static let maxSize: ByteCount = "20mb"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("imports", use: index)
        routes.get("imports", ":kind", use: page)
        routes.get("imports", ":kind", "template.xlsx", use: template)
        routes.collecting(.POST, "imports", ":kind", maxSize: Self.maxSize, use: upload)
        routes.collecting(.POST, "api", "v1", "imports", ":kind", maxSize: Self.maxSize, use: api)
    }

    static let operations: [APIOperation] = [
        APIOperation(.POST, "/api/v1/imports/{kind}", tag: "imports",
                     summary: "Imports a spreadsheet (the body: XLSX, or CSV in UTF-8 with or without BOM, UTF-16 or GB18030) into a register — kind is sales, personnel, workers, postings, enrolments or projects; all rows or none, in one transaction; re-importing a file changes nothing. The template is at /imports/{kind}/template.xlsx",
                     parameters: [.path("kind", "sales, personnel, workers, postings, enrolments or projects"),
                                  .query("dryRun", "true: check every row and report, write nothing", type: "boolean"),
                                  .query("filename", "The file's name, for the audit entry")],
                     response: .object("ImportReport"), secured: true),
    ]

    func kind(_ request: Request) throws -> ImportKind {
        guard let kind = request.parameters.get("kind").flatMap(ImportKind.named) else { throw DomainError.notFound("import") }
        guard kind.allowed(try request.signedIn()) else { throw DomainError.forbidden }
        return kind
    }

    func index(request: Request) async throws -> View {
        let principal = try request.signedIn()
        let kinds = ImportKind.all.filter { $0.allowed(principal) }
        guard !kinds.isEmpty else { throw DomainError.forbidden }
        struct Item: Encodable { var href: String; var title: String; var intro: String }
        struct Index: Encodable { var title: String; var items: [Item] }
        return try await request.view.render("Support/imports", PageContext(request, Index(
            title: request.t("import.index"),
            items: kinds.map { Item(href: "/imports/\($0.name)", title: request.t($0.title), intro: request.t($0.title + "_intro")) })))
    }

    func template(request: Request) async throws -> Response {
        try await ImportTemplate.response(try kind(request), request: request)
    }

    func page(request: Request) async throws -> Response {
        let kind = try kind(request)
        return try await ImportPage.render(kind, request: request)
    }

    /// The page's upload: a file chosen now, or the file a successful check carried over, checked (`mode=check`) or
    /// imported.
    func upload(request: Request) async throws -> Response {
        let kind = try kind(request)
        struct Upload: Content { var file: File?; var mode: String?; var carried: String?; var carriedName: String? }
        let form = try request.content.decode(Upload.self)
        var data = Data()
        var name = "upload"
        if let file = form.file, file.data.readableBytes > 0 {
            data = Data(buffer: file.data)
            name = file.filename
        } else if let carried = form.carried, let decoded = Data(base64Encoded: carried) {
            data = decoded
            name = form.carriedName ?? name
        }
        guard !data.isEmpty else {
            return try await ImportPage.render(kind, request: request, error: request.message(for: .invalid("file", "empty_file")), status: .badRequest)
        }
        let dryRun = form.mode != "import"
        do {
            let reading = try ImportReader.read(data, name: String(name.prefix(200)), kind: kind, request: request)
            let report = try await kind.run(request, reading.records, reading.errors, dryRun, reading.file)
            let status: HTTPResponseStatus = report.refused ? .forbidden : (report.failed > 0 ? .unprocessableEntity : .ok)
            return try await ImportPage.render(kind, request: request, reading: reading, report: report,
                                               carry: dryRun && report.failed == 0 ? (data, name) : nil, status: status)
        } catch let error as DomainError where error.kind == .validation {
            return try await ImportPage.render(kind, request: request, error: request.message(for: error), status: .badRequest)
        }
    }

    struct ReportDTO: Content {
        struct Problem: Content { var field: String?; var column: String?; var value: String?; var code: String; var message: String }
        struct Row: Content { var line: Int; var action: ImportAction?; var summary: String; var errors: [Problem] }
        var dryRun: Bool
        var written: Bool
        var created: Int
        var updated: Int
        var unchanged: Int
        var failed: Int
        var file: String
        var digest: String
        var format: String
        var rows: [Row]
    }

    func api(request: Request) async throws -> Response {
        try await Self.api(request, kind: try kind(request))
    }

    /// Runs an import from the request's body and answers its report: 201 when written, 200 for a clean check, 422 when
    /// a row has errors, 403 when a row is of another jurisdiction.
    static func api(_ request: Request, kind: ImportKind) async throws -> Response {
        guard let body = request.body.data, body.readableBytes > 0 else { throw DomainError.invalid("file", "empty_file") }
        let dryRun = try request.queryText("dryRun") == "true"
        let name = try request.queryText("filename", max: 200) ?? "upload"
        let reading = try ImportReader.read(Data(buffer: body), name: name, kind: kind, request: request)
        let report = try await kind.run(request, reading.records, reading.errors, dryRun, reading.file)
        let dto = Self.dto(report, reading: reading, kind: kind, request: request)
        let status: HTTPResponseStatus = report.refused ? .forbidden : (report.failed > 0 ? .unprocessableEntity : (report.written ? .created : .ok))
        return try await dto.encodeResponse(status: status, for: request)
    }

    static func dto(_ report: ImportReport, reading: ImportReading, kind: ImportKind, request: Request) -> ReportDTO {
        let typed = Dictionary(reading.records.map { ($0.line, $0.typed) }, uniquingKeysWith: { first, _ in first })
        return ReportDTO(dryRun: report.dryRun, written: report.written, created: report.count(.create), updated: report.count(.update),
                         unchanged: report.count(.unchanged), failed: report.failed, file: reading.file.name, digest: reading.file.digest,
                         format: reading.file.format, rows: report.rows.map { row in
            ReportDTO.Row(line: row.line, action: row.errors.isEmpty ? row.action : nil, summary: row.summary, errors: row.errors.map { error in
                let column = kind.columns.first { $0.field == error.field }
                return ReportDTO.Problem(field: error.field, column: column.map { kind.header($0, request, marked: false) },
                                         value: error.field.flatMap { typed[row.line]?[$0] }, code: error.code, message: request.message(for: error))
            })
        })
    }
}
