import Crypto
import Foundation
import Spreadsheet
import Vapor
import XiezuoCore
import XiezuoStore

/// An uploaded file read for an import: its rows as records (choices, places and occupations turned into codes with
/// the pickers' lookups), each row's errors in reading, and the file's description for the audit.
struct ImportReading {
    var records: [ImportRecord]
    var errors: [Int: [DomainError]]
    var file: ImportFile
}

enum ImportReader {
    /// Reads `data` (XLSX, or CSV in UTF-8 with or without BOM, UTF-16 or GB18030) for `kind`. The first non-empty row
    /// is the header; columns are matched by their names in either language (with or without the * of a required
    /// column), their field names or the older CSV names; a row equal to the template's example is skipped.
    static func read(_ data: Data, name: String, kind: ImportKind, request: Request) throws -> ImportReading {
        let table: (rows: [[String]], format: String)
        do {
            // A few rows over the limit, for a header and blank lines; the runner refuses more than its maximum.
            table = try TextTable.read(data, rowLimit: ImportRunner.maximumRows + 100)
        } catch SpreadsheetError.tooLarge {
            throw DomainError.invalid("file", "too_many_rows", ["max": String(ImportRunner.maximumRows)])
        } catch {
            throw DomainError.invalid("file", "unreadable_file")
        }
        guard let headerIndex = table.rows.firstIndex(where: { $0.contains { !$0.isEmpty } }) else { throw DomainError.invalid("file", "empty_file") }
        let header = table.rows[headerIndex]
        var names: [String: String] = [:]
        for column in kind.columns {
            var all = [column.field.lowercased()] + column.aliases.map { $0.lowercased() }
            for language in Language.allCases { all.append(normalised(kind.header(column, request, language: language, marked: false))) }
            for name in all { names[name] = column.field }
        }
        let fields = header.map { names[normalised($0)] ?? names[$0.lowercased()] }
        for column in kind.columns where column.required && !fields.contains(column.field) {
            throw DomainError.invalid("file", "missing_column", ["column": kind.header(column, request, marked: false)])
        }
        let example = kind.columns.map { exampleText($0, kind: kind, request: request) }
        var records: [ImportRecord] = []
        var errors: [Int: [DomainError]] = [:]
        // A register repeats its places and choices row after row: each distinct cell of a column is read once.
        var read: [String: [String: Result<String, DomainError>]] = [:]
        for (offset, row) in table.rows.enumerated() where offset > headerIndex {
            guard row.contains(where: { !$0.isEmpty }) else { continue }
            var typed: [String: String] = [:]
            for (index, field) in fields.enumerated() where index < row.count { if let field { typed[field] = row[index] } }
            if kind.columns.map({ typed[$0.field] ?? "" }) == example { continue }
            let line = offset + 1
            var values: [String: String] = [:]
            for column in kind.columns {
                guard let text = typed[column.field], !text.isEmpty else { continue }
                let result: Result<String, DomainError>
                if let known = read[column.field]?[text] {
                    result = known
                } else {
                    do {
                        result = .success(try value(text, column: column, kind: kind, request: request))
                    } catch let error as DomainError {
                        result = .failure(error)
                    }
                    if case .text = column.kind {} else { read[column.field, default: [:]][text] = result }
                }
                switch result {
                case .success(let value): values[column.field] = value
                case .failure(let error): errors[line, default: []].append(error)
                }
            }
            records.append(ImportRecord(line: line, values: values, typed: typed))
        }
        guard !records.isEmpty else { throw DomainError.invalid("file", "empty_file") }
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return ImportReading(records: records, errors: errors, file: ImportFile(name: name, digest: digest, format: table.format))
    }

    /// A header cell compared loosely: no * marks, spaces or case.
    static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: "*", with: "").replacingOccurrences(of: " ", with: "").lowercased()
    }

    /// The template's example value of a column as it is shown (a choice by its name).
    static func exampleText(_ column: ImportColumn, kind: ImportKind, request: Request) -> String {
        switch column.kind {
        case .choice, .choices: return column.example.isEmpty ? "" : kind.choiceName(column.field, column.example, request)
        case .flag: return column.example.isEmpty ? "" : request.t(column.example == "true" ? "export.yes" : "export.no")
        default: return column.example
        }
    }

    /// One cell read as its column's kind: a code, a raw choice value, a day as yyyy-mm-dd; or why it cannot be.
    static func value(_ text: String, column: ImportColumn, kind: ImportKind, request: Request) throws -> String {
        let field = column.field
        switch column.kind {
        case .text, .yuan: return text
        case .integer:
            guard let number = Double(text), number == number.rounded(), abs(number) < 1e15 else { throw DomainError.invalid(field, "wrong_type") }
            return String(Int64(number))
        case .date: return try day(text, field: field)
        case .choice(let values): return try choice(text, values: values, field: field, kind: kind, request: request)
        case .choices(let values):
            return try FormValue.items(text).map { try choice($0, values: values, field: field, kind: kind, request: request) }.joined(separator: ",")
        case .region(let levels, let within): return try request.place(text, field: field, levels: levels, within: within) ?? ""
        case .regions(let levels, let within):
            return try FormValue.items(text).compactMap { try request.place($0, field: field, levels: levels, within: within) }.joined(separator: ",")
        case .occupations: return try request.occupations(text, field: field).joined(separator: ",")
        case .flag:
            switch text.lowercased() {
            case "是", "yes", "y", "true", "1", "√", "✓": return "true"
            case "否", "no", "n", "false", "0": return "false"
            default: throw DomainError.invalid(field, "unknown_choice", ["value": text])
            }
        }
    }

    /// A day typed as 2025-03-01, 2025/3/1, 2025.3.1 or 2025年3月1日.
    static func day(_ text: String, field: String) throws -> String {
        if Day(text) != nil { return text }
        let parts = text.replacingOccurrences(of: "日", with: "").split(whereSeparator: { "-/.年月 ".contains($0) }).map(String.init)
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              let parsed = Day(String(format: "%04d-%02d-%02d", year, month, day)) else {
            throw DomainError.invalid(field, "bad_date")
        }
        return parsed.description
    }

    static func choice(_ text: String, values: [String], field: String, kind: ImportKind, request: Request) throws -> String {
        if values.contains(text) { return text }
        for value in values {
            for language in Language.allCases {
                guard let prefix = kind.choiceNames[field] ?? ExportVocabulary.values[field] else { continue }
                if request.services.localizer.text("\(prefix).\(value)", language) == text { return value }
            }
        }
        throw DomainError.invalid(field, "unknown_choice", ["value": text])
    }
}
