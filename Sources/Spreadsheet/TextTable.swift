import Foundation
#if canImport(CoreFoundation)
import CoreFoundation
#endif

/// Text files of rows: the encodings spreadsheet programs save CSV in, and RFC 4180 parsing.
public enum TextTable {
    /// The encoding a file was read in.
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case utf8WithBOM = "UTF-8 (BOM)"
        case utf16 = "UTF-16"
        case gb18030 = "GB18030"
    }

    /// Decodes text saved by a spreadsheet program: UTF-8 with or without a byte-order mark, UTF-16 with one, or
    /// otherwise GB18030 (which covers GBK and GB2312, what Excel on a Chinese Windows saves CSV in).
    public static func decode(_ data: Data) throws -> (text: String, encoding: Encoding) {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(data: data.dropFirst(3), encoding: .utf8) else { throw SpreadsheetError.unknownEncoding }
            return (text, .utf8WithBOM)
        }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            guard let text = String(data: data, encoding: .utf16) else { throw SpreadsheetError.unknownEncoding }
            return (text, .utf16)
        }
        if let text = String(data: data, encoding: .utf8) { return (text, .utf8) }
        let gb = CFStringConvertEncodingToNSStringEncoding(CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue))
        guard let text = String(data: data, encoding: String.Encoding(rawValue: gb)) else { throw SpreadsheetError.unknownEncoding }
        return (text, .gb18030)
    }

    /// Parses CSV: quoted fields with doubled quotes, CRLF, LF or CR line ends; a blank line yields no row.
    public static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let char = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if char == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(char)
                }
                continue
            }
            switch char {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\n", "\r\n", "\r":
                row.append(field); field = ""
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
            default: field.append(char)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }

    /// The rows of an uploaded file: the first visible sheet of a workbook, or CSV text in any encoding ``decode(_:)``
    /// knows. Fields are trimmed of surrounding white space; the second value names the format read. A workbook sheet
    /// longer than `rowLimit` rows is refused as ``SpreadsheetError/tooLarge``.
    public static func read(_ data: Data, rowLimit: Int = WorkbookReader.maximumRows) throws -> (rows: [[String]], format: String) {
        if WorkbookReader.looksLikeWorkbook(data) {
            let sheets = try WorkbookReader.read(data, rowLimit: rowLimit)
            guard let sheet = sheets.first(where: { !$0.hidden }) ?? sheets.first else { throw SpreadsheetError.notAWorkbook }
            return (sheet.stringRows, "XLSX")
        }
        let (text, encoding) = try decode(data)
        let rows = rows(text).map { $0.map { $0.trimmingCharacters(in: .whitespaces) } }
        return (rows, "CSV " + encoding.rawValue)
    }
}
