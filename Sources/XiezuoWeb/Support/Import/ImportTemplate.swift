import Foundation
import Spreadsheet
import Vapor
import XiezuoCore

/// The template of an import: a sheet with the columns (required ones marked *), an example row the import skips,
/// drop-down lists for choices, and a 说明 sheet explaining each column.
enum ImportTemplate {
    static func response(_ kind: ImportKind, request: Request) async throws -> Response {
        let book = try WorkbookWriter()
        try book.addSheet(request.t(kind.title), header: kind.columns.map { kind.header($0, request) })
        try book.append(kind.columns.map { column in
            let text = ImportReader.exampleText(column, kind: kind, request: request)
            if column.kind == .date, let day = Day(text) { return Cell.date(year: day.year, month: day.month, day: day.day) }
            return Cell.text(text)
        })
        for (index, column) in kind.columns.enumerated() {
            if case .choice(let values) = column.kind { book.addChoices(column: index, values.map { kind.choiceName(column.field, $0, request) }) }
            if case .flag = column.kind { book.addChoices(column: index, [request.t("export.yes"), request.t("export.no")]) }
        }
        try book.addSheet(request.t("export.notes"), header: [request.t("import.column"), request.t("import.required"), request.t("import.how"),
                                                              request.t("import.example")], frozenHeader: true)
        book.setWidth(column: 2, 60)
        for column in kind.columns {
            try book.append([.text(kind.header(column, request, marked: false)), .text(request.t(column.required ? "export.yes" : "export.no")),
                             .text(help(column, kind: kind, request: request)), .text(ImportReader.exampleText(column, kind: kind, request: request))])
        }
        for line in ["import.notes.header", "import.notes.example", "import.notes.csv", "import.notes.again"] {
            try book.append([.text(request.t("import.notes")), .empty, .text(request.t(line))])
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("template-\(UUID().uuidString).xlsx")
        try book.write(to: file)
        let response = try await request.fileio.asyncStreamFile(at: file.path, mediaType: ListExport.mediaType) { _ in
            try? FileManager.default.removeItem(at: file)
        }
        response.headers.replaceOrAdd(name: .contentDisposition, value: ListExport.disposition(request.t(kind.title) + "-" + request.t("import.template") + ".xlsx"))
        return response
    }

    /// How to fill a column, in the request's language.
    static func help(_ column: ImportColumn, kind: ImportKind, request: Request) -> String {
        let separator = request.language == .zhHans ? "、" : ", "
        switch column.kind {
        case .text: return request.t("import.kind.text")
        case .integer: return request.t("import.kind.integer")
        case .yuan: return request.t("import.kind.yuan")
        case .date: return request.t("import.kind.date")
        case .choice(let values):
            return request.t("import.kind.choice", ["choices": values.map { kind.choiceName(column.field, $0, request) }.joined(separator: separator)])
        case .choices(let values):
            return request.t("import.kind.choices", ["choices": values.map { kind.choiceName(column.field, $0, request) }.joined(separator: separator)])
        case .region: return request.t("import.kind.region", ["example": column.example.isEmpty ? "柞水县" : column.example])
        case .regions: return request.t("import.kind.regions", ["example": column.example.isEmpty ? "南京市、苏州市" : column.example])
        case .occupations: return request.t("import.kind.occupations")
        case .flag: return request.t("import.kind.flag")
        }
    }
}
