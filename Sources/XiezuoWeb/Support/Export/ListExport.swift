import Foundation
import Spreadsheet
import Vapor
import XiezuoCore

/// How one list reads in a workbook: its sheet's name and which of its fields hold choices worth naming.
struct SheetSpec: Sendable {
    /// Locale key of the sheet (and file) name.
    var name: String
    /// JSON field → locale prefix of its values (`status` → `project_status`, so `approved` shows as 已立项).
    var values: [String: String] = [:]
    /// Fields left out (internal versions, digests).
    var omit: Set<String> = []
    /// Field → locale key of its column name where this list means something particular (a worker's `name` is a
    /// person's name, not a record's).
    var labels: [String: String] = [:]
}

extension Request {
    /// The `format` query parameter: nil or `json` for JSON, `xlsx` for a workbook; anything else is refused. A
    /// workbook holds every row, so only signed-in accounts may ask for one (a visitor pages through the JSON).
    func exportFormat() throws -> String? {
        guard let format = query[String.self, at: "format"]?.lowercased(), format != "json" else { return nil }
        guard format == "xlsx" else { throw DomainError.invalid("format", "unknown_choice", ["value": format]) }
        _ = try signedIn()
        return format
    }

    /// A list answered as one JSON page, or with `format=xlsx` as a workbook of every row `fetch` yields (page after
    /// page, so jurisdiction and filters are exactly the page's), streamed from a temporary file.
    func list<Item: Content>(_ sheet: SheetSpec, defaultPerPage: Int = 50,
                             _ fetch: @escaping @Sendable (Paging) async throws -> Paged<Item>) async throws -> Response {
        guard try exportFormat() != nil else {
            return try await PageDTO(fetch(pageRequest(defaultPerPage: defaultPerPage))).encodeResponse(for: self)
        }
        let export = try ListExport(request: self, sheet: sheet)
        var page = 1
        var seen = 0
        while seen < ListExport.maximumRows {
            let batch = try await fetch(Paging(page: page, batchOf: ListExport.batch))
            try export.append(batch.items)
            seen += batch.items.count
            if batch.items.isEmpty || seen >= batch.total { break }
            page += 1
        }
        return try await export.response()
    }

    /// A list held whole in memory, answered a page at a time like the others (or whole as a workbook).
    func list<Item: Content>(_ sheet: SheetSpec, all items: [Item], defaultPerPage: Int = 50) async throws -> Response {
        try await list(sheet, defaultPerPage: defaultPerPage) { paging in Paged(slicing: items, request: paging) }
    }

    /// Items that are not paged (a project's flows, a park's shares) as a workbook; the caller answers JSON itself.
    func workbook<Item: Encodable>(_ sheet: SheetSpec, _ items: [Item]) async throws -> Response {
        let export = try ListExport(request: self, sheet: sheet)
        try export.append(items)
        return try await export.response()
    }
}

/// Turns a list's items into the rows of one sheet, columns found as they come: a field's name is its column (nested
/// objects become `parent.child` columns); money fields in 元, days and moments as dates, region and occupation
/// codes followed by their names, choices by their localised names. A second sheet (说明) says what was exported,
/// with which filters, by whom and when.
final class ListExport {
    /// Rows fetched per query while exporting.
    static let batch = 1_000
    /// The most rows one export writes.
    static let maximumRows = 1_000_000

    let request: Request
    let sheet: SheetSpec
    let book: WorkbookWriter
    let title: String
    private var columns: [String] = []
    private var index: [String: Int] = [:]
    /// Field name → its position in the record type's declaration.
    private var declared: [String: Int] = [:]
    private var rows = 0
    private let encoder: JSONEncoder
    private let decoder = JSONDecoder()
    private let timestamps = ISO8601DateFormatter()
    private let zone = TimeZone(identifier: "Asia/Shanghai")!

    /// Whether the sheets are laid out by the caller (``row(_:)``) rather than found from records.
    private let custom: Bool

    /// Starts the export; with a `header`, the first sheet's columns are the caller's and rows come through ``row(_:)``.
    init(request: Request, sheet: SheetSpec, header: [String]? = nil) throws {
        self.request = request
        self.sheet = sheet
        self.book = try WorkbookWriter()
        self.title = request.t(sheet.name)
        self.custom = header != nil
        encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        try book.addSheet(title, header: header ?? [])
    }

    /// Starts another sheet laid out by the caller.
    func sheet(_ name: String, header: [String]) throws {
        precondition(custom, "records go to the first sheet")
        try book.addSheet(name, header: header)
    }

    /// Appends a row laid out by the caller.
    func row(_ cells: [Cell]) throws {
        try book.append(cells)
        rows += 1
    }

    /// An indicator's value as a cell: money in 元, shares as percentages, counts as whole numbers.
    static func figure(_ value: Int64?, unit: IndicatorUnit) -> Cell {
        guard let value else { return .empty }
        switch unit {
        case .fen: return .yuan(fen: value)
        case .share: return .percent(Double(value) / 10_000)
        default: return .integer(value)
        }
    }

    /// Appends items as rows.
    func append<Item: Encodable>(_ items: [Item]) throws {
        for item in items {
            if declared.isEmpty {
                // Columns in the order the type declares its fields; what only the JSON has comes after, by name.
                for (position, label) in Mirror(reflecting: item).children.compactMap(\.label).enumerated() { declared[label] = position }
            }
            let json = try decoder.decode(JSONValue.self, from: encoder.encode(item))
            var cells: [Int: Cell] = [:]
            if case .object(let object) = json { flatten(object, prefix: "", into: &cells) }
            let width = (cells.keys.max() ?? -1) + 1
            try book.append((0..<width).map { cells[$0] ?? .empty })
            rows += 1
        }
    }

    private func column(_ key: String) -> Int {
        if let existing = index[key] { return existing }
        index[key] = columns.count
        columns.append(key)
        return columns.count - 1
    }

    private func flatten(_ object: [String: JSONValue], prefix: String, into cells: inout [Int: Cell]) {
        let keys = object.keys.sorted { (declared[$0] ?? .max, $0) < (declared[$1] ?? .max, $1) }
        for key in keys where !sheet.omit.contains(key) && !ExportVocabulary.omitted(key) {
            let path = prefix + key
            let value = object[key]!
            if case .object(let nested) = value {
                flatten(nested, prefix: path + ".", into: &cells)
                continue
            }
            let at = column(path)
            cells[at] = cell(value, key: key)
            if case .string(let text) = value, let name = name(of: text, key: key) {
                cells[column(path + "#name")] = .text(name)
            }
        }
    }

    private func cell(_ value: JSONValue, key: String) -> Cell {
        let money = ExportVocabulary.money.contains(key)
        switch value {
        case .null: return .empty
        case .bool(let flag): return .text(request.t(flag ? "export.yes" : "export.no"))
        case .integer(let number): return money ? .yuan(fen: number) : .integer(number)
        case .double(let number): return money ? .yuan(fen: Int64(number.rounded())) : .number(number)
        case .string(let text):
            if text.utf8.count == 10, let day = Day(text) { return .date(year: day.year, month: day.month, day: day.day) }
            if text.utf8.count >= 20, text.utf8.count <= 30, text.contains("T"), let moment = timestamps.date(from: text) {
                return .dateTime(moment, zone)
            }
            return .text(choice(text, key: key))
        case .array(let list):
            let parts = list.map { element -> String in
                switch element {
                case .object(let object):
                    for name in ["name", "title", "productName", "label", "code"] { if case .string(let text)? = object[name] { return text } }
                    return element.compactText
                case .string(let text): return choice(text, key: key)
                default: return element.compactText
                }
            }
            return .text(parts.joined(separator: request.language == .zhHans ? "、" : ", "))
        case .object: return .text(value.compactText)
        }
    }

    /// A choice's localised name when the field holds choices, else the text.
    private func choice(_ text: String, key: String) -> String {
        guard let prefix = sheet.values[key] ?? ExportVocabulary.values[key] else { return text }
        return request.t("\(prefix).\(text)", or: text)
    }

    /// The name of a region or occupation code, for the column after it.
    private func name(of text: String, key: String) -> String? {
        if ExportVocabulary.occupationKeys.contains(key) { return OccupationCatalogue.named(text).map { request.language == .zhHans ? $0.nameZh : $0.nameEn } }
        guard ExportVocabulary.isRegionKey(key), text.allSatisfy(\.isNumber), let region = request.services.regions[text] else { return nil }
        return region.name
    }

    /// The header's text for a column path such as `wage.min` or `countyCode#name`.
    private func label(_ path: String) -> String {
        let named = path.hasSuffix("#name")
        let parts = (named ? String(path.dropLast(5)) : path).split(separator: ".").map(String.init)
        var text = parts.map { sheet.labels[$0].map { request.t($0) } ?? columnName($0) }.joined(separator: "·")
        if named { text += request.t("export.suffix.name") }
        else if let last = parts.last, ExportVocabulary.money.contains(last) { text += request.t("export.suffix.yuan") }
        return text
    }

    /// A field's column name: the export's own, else the name forms and messages give the field.
    private func columnName(_ key: String) -> String {
        request.t("export.column.\(key)", or: request.t("field.\(key)", or: key))
    }

    /// The finished workbook as a download.
    func response() async throws -> Response {
        if !custom { book.setHeader(columns.isEmpty ? [request.t("export.empty")] : columns.map(label)) }
        try writeNotes()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).xlsx")
        do {
            try book.write(to: file)
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        let stamp = Formatting.compactDay(request.today)
        let name = "\(title)-\(stamp).xlsx"
        let response = try await request.fileio.asyncStreamFile(at: file.path, mediaType: ListExport.mediaType) { _ in
            try? FileManager.default.removeItem(at: file)
        }
        response.headers.replaceOrAdd(name: .contentDisposition, value: ListExport.disposition(name))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    static let mediaType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    /// `attachment` with an ASCII fallback name and the real one in RFC 5987 form.
    static func disposition(_ name: String) -> String {
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._"))) ?? "export.xlsx"
        return "attachment; filename=\"export.xlsx\"; filename*=UTF-8''\(encoded)"
    }

    private func writeNotes() throws {
        try book.addSheet(request.t("export.notes"), header: [request.t("export.notes.item"), request.t("export.notes.value")], frozenHeader: false)
        book.setWidth(column: 1, 60)
        let principal = request.principal
        var lines: [(String, Cell)] = [
            (request.t("export.notes.content"), .text(title)),
            (request.t("export.notes.rows"), .integer(Int64(rows))),
            (request.t("export.notes.by"), .text(principal.accountID == nil ? request.t("export.notes.anonymous") : principal.name)),
            (request.t("export.notes.at"), .dateTime(request.now, zone)),
        ]
        if let jurisdiction = principal.jurisdiction, let region = request.services.regions[jurisdiction] {
            lines.append((request.t("export.notes.jurisdiction"), .text("\(region.name)（\(jurisdiction)）")))
        }
        let filters = (request.url.query ?? "").split(separator: "&").compactMap { pair -> (String, String)? in
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            guard let name = parts.first, !["format", "page", "perPage", "lang"].contains(name), parts.count == 2, !parts[1].isEmpty else { return nil }
            return (name, parts[1])
        }
        lines.append((request.t("export.notes.filters"), .text(filters.isEmpty ? request.t("export.notes.no_filters")
            : filters.map { "\(columnName($0.0)) = \($0.1)" }.joined(separator: "\n"))))
        lines.append((request.t("export.notes.money"), .text(request.t("export.notes.money_text"))))
        for (item, value) in lines { try book.append([.text(item), value]) }
    }
}
