import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// A value read from a workbook cell.
public enum Value: Sendable, Equatable {
    case empty
    case text(String)
    case number(Double)
    case bool(Bool)
    /// A number whose format is a date without a time.
    case date(year: Int, month: Int, day: Int)
    /// A number whose format shows a date and time: the serial as stored.
    case dateTime(serial: Double)

    /// The value as a person would type it: whole numbers without decimals, days as yyyy-mm-dd, true/false as
    /// TRUE/FALSE, text trimmed of surrounding white space.
    public var string: String {
        switch self {
        case .empty: return ""
        case .text(let text): return text.trimmingCharacters(in: .whitespacesAndNewlines)
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            // The shortest text that reads back as the same double (so 12.5 stays 12.5, 0.1 + 0.2 stays as stored).
            return "\(value)"
        case .bool(let value): return value ? "TRUE" : "FALSE"
        case .date(let year, let month, let day): return Self.day(year, month, day)
        case .dateTime(let serial):
            let whole = Int(serial.rounded(.down))
            let (y, m, d) = Serial.civil(whole)
            let minutes = Int(((serial - Double(whole)) * 1440).rounded())
            return Self.day(y, m, d) + String(format: " %02d:%02d", minutes / 60, minutes % 60)
        }
    }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }
}

/// One sheet as read: its name and rows (row n of the sheet is `rows[n - 1]`; missing cells are ``Value/empty``).
public struct Worksheet: Sendable {
    public var name: String
    public var hidden: Bool
    public var rows: [[Value]]

    /// Every row as text (``Value/string``), trailing empty cells dropped.
    public var stringRows: [[String]] {
        rows.map { row in
            var strings = row.map(\.string)
            while strings.last == "" { strings.removeLast() }
            return strings
        }
    }
}

/// The reasons a file cannot be read as a workbook.
public enum SpreadsheetError: Error, Equatable, Sendable {
    /// Not a ZIP archive, or without the parts every workbook has.
    case notAWorkbook
    /// A part is larger than the reader accepts (a guard against archives that expand without bound).
    case tooLarge
    /// A part's XML does not parse.
    case malformed(String)
    /// The bytes are not text in any encoding the reader knows.
    case unknownEncoding
}

/// Reads .xlsx workbooks (as written by Excel, WPS, LibreOffice, openpyxl or ``WorkbookWriter``): shared and inline
/// strings, numbers, booleans, and dates recognised by their number format (built-in date formats and custom formats
/// with day, month or year codes).
public enum WorkbookReader {
    /// The largest uncompressed part read (64 MiB): larger parts are refused with ``SpreadsheetError/tooLarge``.
    public static let maximumPartSize: UInt64 = 64 << 20
    /// The most rows a sheet may have.
    public static let maximumRows = 1_048_576

    /// Whether `data` starts as a ZIP archive does.
    public static func looksLikeWorkbook(_ data: Data) -> Bool {
        data.count >= 4 && data.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04])
    }

    /// The workbook's sheets in order; a sheet with more than `rowLimit` rows is refused with ``SpreadsheetError/tooLarge``.
    public static func read(_ data: Data, rowLimit: Int = maximumRows) throws -> [Worksheet] {
        guard looksLikeWorkbook(data), let archive = try? Archive(data: data, accessMode: .read) else {
            throw SpreadsheetError.notAWorkbook
        }
        func part(_ path: String) throws -> Data? {
            let path = path.hasPrefix("/") ? String(path.dropFirst()) : path
            guard let entry = archive[path] else { return nil }
            guard entry.uncompressedSize <= maximumPartSize else { throw SpreadsheetError.tooLarge }
            var out = Data()
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                out.append(chunk)
                if out.count > Int(maximumPartSize) { throw SpreadsheetError.tooLarge }
            }
            return out
        }
        guard let workbook = try part("xl/workbook.xml") else { throw SpreadsheetError.notAWorkbook }
        let sheets = try SheetListParser.parse(workbook)
        let relationships = try part("xl/_rels/workbook.xml.rels").map(RelationshipParser.parse) ?? [:]
        let shared = try part("xl/sharedStrings.xml").map(SharedStringParser.parse) ?? []
        let dateStyles = try part("xl/styles.xml").map(StyleParser.parse) ?? [:]
        return try sheets.map { sheet in
            guard let target = relationships[sheet.relationship] else { throw SpreadsheetError.notAWorkbook }
            let path = target.hasPrefix("/") ? target : "xl/" + target
            guard let xml = try part(path) else { throw SpreadsheetError.notAWorkbook }
            let rows = try CellParser.parse(xml, shared: shared, dateStyles: dateStyles, rowLimit: min(rowLimit, maximumRows))
            return Worksheet(name: sheet.name, hidden: sheet.hidden, rows: rows)
        }
    }
}

/// What the small SAX parsers below share: running XMLParser over a part and naming elements without a prefix.
/// (Each parser conforms to XMLParserDelegate itself: on Linux a subclass's delegate methods would not be called
/// through a base class's conformance.)
protocol PartParser: XMLParserDelegate {}

extension PartParser {
    func run(_ data: Data, part: String) throws {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.delegate = self
        guard parser.parse() else { throw SpreadsheetError.malformed(part) }
    }

    /// The element name without a namespace prefix (`x:row` → `row`).
    func local(_ name: String) -> Substring {
        if let colon = name.firstIndex(of: ":") { return name[name.index(after: colon)...] }
        return Substring(name)
    }
}

final class SheetListParser: NSObject, PartParser {
    var sheets: [(name: String, relationship: String, hidden: Bool)] = []

    static func parse(_ data: Data) throws -> [(name: String, relationship: String, hidden: Bool)] {
        let parser = SheetListParser()
        try parser.run(data, part: "workbook")
        return parser.sheets
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        guard local(name) == "sheet" else { return }
        let relationship = attributes.first(where: { $0.key.hasSuffix(":id") || $0.key == "id" })?.value ?? ""
        sheets.append((attributes["name"] ?? "", relationship, (attributes["state"] ?? "visible") != "visible"))
    }
}

final class RelationshipParser: NSObject, PartParser {
    var targets: [String: String] = [:]

    static func parse(_ data: Data) throws -> [String: String] {
        let parser = RelationshipParser()
        try parser.run(data, part: "relationships")
        return parser.targets
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        guard local(name) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        targets[id] = target
    }
}

final class SharedStringParser: NSObject, PartParser {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phonetic = 0

    static func parse(_ data: Data) throws -> [String] {
        let parser = SharedStringParser()
        try parser.run(data, part: "sharedStrings")
        return parser.strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch local(name) {
        case "si": current = ""
        case "t": inText = phonetic == 0
        case "rPh": phonetic += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": phonetic -= 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}

/// Which cell styles show dates (true) or dates with times (the value says so).
final class StyleParser: NSObject, PartParser {
    private var customFormats: [Int: String] = [:]
    private var inCellFormats = false
    private var styles: [Int] = []

    /// Style index → true for a date-and-time format, false for a date-only format; styles not listed are not dates.
    static func parse(_ data: Data) throws -> [Int: Bool] {
        let parser = StyleParser()
        try parser.run(data, part: "styles")
        var result: [Int: Bool] = [:]
        for (index, format) in parser.styles.enumerated() {
            if let kind = parser.dateKind(format) { result[index] = kind }
        }
        return result
    }

    /// nil when `format` is not a date format; otherwise whether it shows a time.
    func dateKind(_ format: Int) -> Bool? {
        switch format {
        case 14...17: return false
        case 18...22, 45...47: return true
        case 27...36, 50...58: return false // East Asian built-in date formats
        default:
            guard let code = customFormats[format] else { return nil }
            // Drop quoted text, escapes and colours, then look for date codes.
            var cleaned = ""
            var quoted = false
            var bracket = false
            var escaped = false
            for char in code {
                if escaped { escaped = false; continue }
                if char == "\\" { escaped = true; continue }
                if char == "\"" { quoted.toggle(); continue }
                if char == "[" { bracket = true; continue }
                if char == "]" { bracket = false; continue }
                if !quoted && !bracket { cleaned.append(char) }
            }
            let lower = cleaned.lowercased()
            guard lower.contains("y") || lower.contains("d") || (lower.contains("m") && !lower.contains("h") && !lower.contains("s")) else {
                return nil
            }
            return lower.contains("h") || lower.contains("s")
        }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch local(name) {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { customFormats[id] = code }
        case "cellXfs": inCellFormats = true
        case "xf" where inCellFormats: styles.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if local(name) == "cellXfs" { inCellFormats = false }
    }
}

final class CellParser: NSObject, PartParser {
    private let shared: [String]
    private let dateStyles: [Int: Bool]
    var rows: [[Value]] = []
    private var row: [Value] = []
    private var rowNumber = 0
    private var column = 0
    private var type = "n"
    private var style = 0
    private var text = ""
    private var collecting = false
    private var phonetic = 0
    private var failure: SpreadsheetError?

    private let rowLimit: Int

    init(shared: [String], dateStyles: [Int: Bool], rowLimit: Int) {
        self.shared = shared
        self.dateStyles = dateStyles
        self.rowLimit = rowLimit
    }

    static func parse(_ data: Data, shared: [String], dateStyles: [Int: Bool], rowLimit: Int) throws -> [[Value]] {
        let parser = CellParser(shared: shared, dateStyles: dateStyles, rowLimit: rowLimit)
        try parser.run(data, part: "worksheet")
        if let failure = parser.failure { throw failure }
        return parser.rows
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch local(name) {
        case "row":
            let number = attributes["r"].flatMap(Int.init) ?? rows.count + 1
            guard number <= rowLimit else {
                failure = .tooLarge
                parser.abortParsing()
                return
            }
            guard number > rows.count else {
                failure = .malformed("row \(number)")
                parser.abortParsing()
                return
            }
            while rows.count < number - 1 { rows.append([]) }
            rowNumber = number
            row = []
        case "c":
            column = attributes["r"].flatMap { XML.columnIndex(ofReference: Substring($0)) } ?? row.count
            if column > 16_383 { failure = .malformed("column"); parser.abortParsing(); return }
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            text = ""
        case "v": collecting = true; text = ""
        case "t": collecting = phonetic == 0
        case "rPh": phonetic += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "v", "t": collecting = false
        case "rPh": phonetic -= 1
        case "c":
            while row.count < column { row.append(.empty) }
            let value = cellValue()
            if row.count == column { row.append(value) } else { row[column] = value }
        case "row":
            rows.append(row)
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    private func cellValue() -> Value {
        switch type {
        case "s":
            guard let index = Int(text), shared.indices.contains(index) else { return .empty }
            return shared[index].isEmpty ? .empty : .text(shared[index])
        case "inlineStr", "str": return text.isEmpty ? .empty : .text(text)
        case "b": return .bool(text == "1" || text.lowercased() == "true")
        case "e": return .text(text)
        case "d":
            let parts = text.prefix(10).split(separator: "-").compactMap { Int($0) }
            return parts.count == 3 ? .date(year: parts[0], month: parts[1], day: parts[2]) : .text(text)
        default:
            guard !text.isEmpty, let number = Double(text.trimmingCharacters(in: .whitespaces)) else { return text.isEmpty ? .empty : .text(text) }
            if let withTime = dateStyles[style], number.isFinite, number >= 0, number < 2_958_466 {
                let whole = number.rounded(.down)
                if withTime && number != whole { return .dateTime(serial: number) }
                let (y, m, d) = Serial.civil(Int(whole))
                return .date(year: y, month: m, day: d)
            }
            return .number(number)
        }
    }
}
