import Foundation

/// One column of a spreadsheet import: the record field it fills, what it holds and whether a row must have it.
public struct ImportColumn: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case text
        /// A whole number.
        case integer
        /// Money typed in 元 (two decimals at most).
        case yuan
        /// A day, typed as yyyy-mm-dd, yyyy/m/d or yyyy年m月d日, or a spreadsheet date.
        case date
        /// One of the raw values (typed as the value or its name in either language).
        case choice([String])
        /// Several of the raw values, separated by 、 , ， or ;.
        case choices([String])
        /// A region at one of the levels, inside `within` if set, by code, name or label ("柞水县" or "611026").
        case region(Set<RegionLevel>, within: String?)
        /// Several regions, separated by 、 , ， or ;.
        case regions(Set<RegionLevel>, within: String?)
        /// Occupations by code or name ("中式烹调师" or "4-03-02-01"), several separated by 、.
        case occupations
        /// Yes or no (是/否, yes/no, true/false, 1/0).
        case flag
    }

    /// The record field the column fills (and the name errors carry).
    public var field: String
    public var kind: Kind
    public var required: Bool
    /// Other header names accepted (the CSV header of an earlier format, say).
    public var aliases: [String]
    /// The template's example value.
    public var example: String

    public init(_ field: String, _ kind: Kind = .text, required: Bool = false, aliases: [String] = [], example: String = "") {
        self.field = field
        self.kind = kind
        self.required = required
        self.aliases = aliases
        self.example = example
    }
}

/// One data row of an uploaded file, its values by field (codes and raw choice values once read), and its line
/// (the spreadsheet's row number, header being 1).
public struct ImportRecord: Sendable, Equatable {
    public var line: Int
    public var values: [String: String]
    /// What the person typed, by field, for error messages.
    public var typed: [String: String]

    public init(line: Int, values: [String: String], typed: [String: String] = [:]) {
        self.line = line
        self.values = values
        self.typed = typed
    }

    /// The value of `field`, nil when empty.
    public subscript(_ field: String) -> String? {
        guard let value = values[field], !value.isEmpty else { return nil }
        return value
    }

    /// A column of several values (read as comma-separated), nil when empty.
    public func list(_ field: String) -> [String]? {
        self[field].map { $0.split(whereSeparator: { ",，、;；".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }

    /// A yes-or-no column (read as `true` or `false`), nil when empty.
    public func flag(_ field: String) -> Bool? { self[field].map { $0 == "true" } }
}

/// What an import did (or, in a dry run, would do) with one row.
public enum ImportAction: String, Sendable, Codable {
    case create, update, unchanged
}

/// One row's outcome: the action and a short description of the record, or the row's errors.
public struct ImportOutcome: Sendable {
    public var line: Int
    public var action: ImportAction?
    public var summary: String
    public var errors: [DomainError]

    public init(line: Int, action: ImportAction? = nil, summary: String = "", errors: [DomainError] = []) {
        self.line = line
        self.action = action
        self.summary = summary
        self.errors = errors
    }
}

/// An import's result: every row's outcome, and whether it was written (all rows good and not a dry run).
public struct ImportReport: Sendable {
    public var rows: [ImportOutcome]
    public var written: Bool
    public var dryRun: Bool

    public init(rows: [ImportOutcome], written: Bool, dryRun: Bool) {
        self.rows = rows
        self.written = written
        self.dryRun = dryRun
    }

    public var failed: Int { rows.filter { !$0.errors.isEmpty }.count }
    public func count(_ action: ImportAction) -> Int { rows.filter { $0.errors.isEmpty && $0.action == action }.count }
    /// Some row is of another jurisdiction: the import is a refusal, not only a bad file.
    public var refused: Bool { rows.contains { $0.errors.contains { $0.kind == .forbidden } } }
}

/// The file an import read, for its audit entry.
public struct ImportFile: Sendable {
    public var name: String
    /// SHA-256 of the bytes, hex.
    public var digest: String
    public var format: String

    public init(name: String, digest: String, format: String) {
        self.name = name
        self.digest = digest
        self.format = format
    }
}
