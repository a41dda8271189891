import Vapor

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
