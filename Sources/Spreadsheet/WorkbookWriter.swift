import Foundation
import ZIPFoundation

/// Writes an Office Open XML workbook (.xlsx) a row at a time, holding no more than a buffer of each sheet in memory:
/// rows go to a temporary file per sheet, and ``write(to:)`` packs them with ZIPFoundation (deflate).
///
/// Every sheet's first row is its header (bold, shaded, frozen); column widths fit the widest cell seen (a Chinese
/// character counts two); text is written as inline strings, numbers as numbers, money in 元 with two decimals,
/// days and moments as date serials with a date format. ``addChoices(column:_:)`` adds a drop-down list to a column,
/// its choices kept on a hidden sheet "选项".
///
/// Not thread-safe: one writer belongs to one task.
public final class WorkbookWriter {
    private struct Sheet {
        var name: String
        var header: [String]
        var file: URL
        var handle: FileHandle
        var buffer: [UInt8] = []
        var rows = 0
        var widths: [Int]
        var columns: Int
        var hidden = false
        var frozen = true
        var choices: [(column: Int, values: [String])] = []
        var fixedWidths: [Int: Int] = [:]
    }

    private let directory: URL
    private var sheets: [Sheet] = []
    private var finished = false

    /// Creates a writer with a temporary folder of its own (removed when the writer is released).
    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-" + UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        for sheet in sheets { try? sheet.handle.close() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts a sheet named `name` (at most 31 characters; `[]:*?/\` become `_`) whose first row is `header`;
    /// later rows go to it until the next sheet starts. The header may be replaced until the workbook is written
    /// (``setHeader(_:)``), for columns found while the rows are written.
    public func addSheet(_ name: String, header: [String], frozenHeader: Bool = true) throws {
        try flush()
        var safe = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
        if safe.isEmpty { safe = "Sheet\(sheets.count + 1)" }
        var unique = safe
        var n = 2
        while sheets.contains(where: { $0.name == unique }) { unique = String(safe.prefix(28)) + "(\(n))"; n += 1 }
        let file = directory.appendingPathComponent("sheet\(sheets.count + 1).rows")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        sheets.append(Sheet(name: unique, header: header, file: file, handle: handle, rows: 1,
                            widths: Array(repeating: 0, count: header.count), columns: header.count, frozen: frozenHeader))
    }

    /// Replaces the current sheet's header row.
    public func setHeader(_ header: [String]) {
        guard !sheets.isEmpty else { return }
        sheets[sheets.count - 1].header = header
    }

    /// Appends a row to the current sheet.
    public func append(_ row: [Cell]) throws {
        try appendRow(row, style: nil)
    }

    /// The header row's XML (row 1), kept out of the rows file so it can change until the end.
    private func headerXML(_ sheet: Sheet) -> String {
        guard !sheet.header.isEmpty else { return "" }
        var xml = "<row r=\"1\">"
        for (column, title) in sheet.header.enumerated() {
            xml += "<c r=\"\(XML.column(column))1\" s=\"\(Styles.header)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XML.escape(title))</t></is></c>"
        }
        return xml + "</row>"
    }

    /// Sets a column's width (in characters) instead of fitting it to its cells; wide text then wraps.
    public func setWidth(column: Int, _ width: Int) {
        guard !sheets.isEmpty else { return }
        sheets[sheets.count - 1].fixedWidths[column] = width
    }

    /// Gives `column` (0-based) of the current sheet a drop-down of `values` for its first 1,000 data rows.
    public func addChoices(column: Int, _ values: [String]) {
        guard !sheets.isEmpty, !values.isEmpty else { return }
        sheets[sheets.count - 1].choices.append((column, values))
    }

    private func appendRow(_ row: [Cell], style: Int? = nil) throws {
        precondition(!sheets.isEmpty, "addSheet before append")
        let index = sheets.count - 1
        sheets[index].rows += 1
        let r = sheets[index].rows
        var xml = "<row r=\"\(r)\">"
        for (column, cell) in row.enumerated() {
            if column >= sheets[index].widths.count { sheets[index].widths.append(0); sheets[index].columns = column + 1 }
            sheets[index].widths[column] = max(sheets[index].widths[column], cell.displayWidth)
            let reference = XML.column(column) + String(r)
            var s = style ?? cell.style
            if style == nil, case .text = cell, sheets[index].fixedWidths[column] != nil { s = Styles.wrapped }
            let styleAttribute = s == 0 ? "" : " s=\"\(s)\""
            switch cell {
            case .empty:
                if s != 0 { xml += "<c r=\"\(reference)\"\(styleAttribute)/>" }
            case .text(let text):
                xml += "<c r=\"\(reference)\"\(styleAttribute) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XML.escape(text))</t></is></c>"
            case .integer(let value):
                xml += "<c r=\"\(reference)\"\(styleAttribute)><v>\(value)</v></c>"
            case .number(let value):
                guard value.isFinite else { continue }
                xml += "<c r=\"\(reference)\"\(styleAttribute)><v>\(value)</v></c>"
            case .yuan(let fen):
                let sign = fen < 0 ? "-" : ""
                let magnitude = fen.magnitude
                let cents = magnitude % 100
                xml += "<c r=\"\(reference)\"\(styleAttribute)><v>\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)</v></c>"
            case .percent(let share):
                guard share.isFinite else { continue }
                xml += "<c r=\"\(reference)\"\(styleAttribute)><v>\(share)</v></c>"
            case .date(let year, let month, let day):
                xml += "<c r=\"\(reference)\"\(styleAttribute)><v>\(Serial.days(year: year, month: month, day: day))</v></c>"
            case .dateTime(let date, let zone):
                xml += "<c r=\"\(reference)\"\(styleAttribute)><v>\(Serial.dateTime(date, in: zone))</v></c>"
            }
        }
        xml += "</row>"
        sheets[index].buffer.append(contentsOf: xml.utf8)
        if sheets[index].buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        guard let index = sheets.indices.last, !sheets[index].buffer.isEmpty else { return }
        try sheets[index].handle.write(contentsOf: sheets[index].buffer)
        sheets[index].buffer.removeAll(keepingCapacity: true)
    }

    /// Packs the workbook into `url` (replacing a file there). The writer cannot be used afterwards.
    public func write(to url: URL) throws {
        precondition(!finished, "a workbook is written once")
        finished = true
        try flush()
        for sheet in sheets { try sheet.handle.close() }
        if sheets.isEmpty { try addSheet("Sheet1", header: []); try sheets[0].handle.close() }
        // Drop-down choices live on a hidden sheet, one column per list.
        let lists = sheets.enumerated().flatMap { index, sheet in sheet.choices.map { (sheet: index, column: $0.column, values: $0.values) } }
        var references: [Int: [(column: Int, range: String, count: Int)]] = [:]
        if !lists.isEmpty {
            let name = "选项"
            let file = directory.appendingPathComponent("choices.rows")
            let longest = lists.map(\.values.count).max() ?? 0
            var xml = ""
            for row in 0..<longest {
                xml += "<row r=\"\(row + 1)\">"
                for (column, list) in lists.enumerated() where row < list.values.count {
                    xml += "<c r=\"\(XML.column(column))\(row + 1)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XML.escape(list.values[row]))</t></is></c>"
                }
                xml += "</row>"
            }
            try Data(xml.utf8).write(to: file)
            for (column, list) in lists.enumerated() {
                let letter = XML.column(column)
                references[list.sheet, default: []].append((list.column, "'\(name)'!$\(letter)$1:$\(letter)$\(list.values.count)", list.values.count))
            }
            sheets.append(Sheet(name: name, header: [], file: file, handle: FileHandle.nullDevice, rows: longest,
                                widths: lists.map { $0.values.map(Cell.width(of:)).max() ?? 8 }, columns: lists.count,
                                hidden: true, frozen: false))
        }

        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("[Content_Types].xml", contentTypes)
        try add("_rels/.rels", rootRelationships)
        try add("xl/workbook.xml", workbook)
        try add("xl/_rels/workbook.xml.rels", workbookRelationships)
        try add("xl/styles.xml", Styles.xml)
        for (index, sheet) in sheets.enumerated() {
            let prefix = Data(sheetPrefix(sheet).utf8)
            let suffix = Data(sheetSuffix(sheet, choices: references[index] ?? []).utf8)
            let size = (try FileManager.default.attributesOfItem(atPath: sheet.file.path)[.size] as? NSNumber)?.int64Value ?? 0
            let reader = try FileHandle(forReadingFrom: sheet.file)
            defer { try? reader.close() }
            let total = Int64(prefix.count) + size + Int64(suffix.count)
            try archive.addEntry(with: "xl/worksheets/sheet\(index + 1).xml", type: .file, uncompressedSize: total,
                                 compressionMethod: .deflate, bufferSize: 1 << 16) { position, count in
                var chunk = Data()
                chunk.reserveCapacity(count)
                var at = position
                let end = position + Int64(count)
                while at < end {
                    if at < Int64(prefix.count) {
                        let upTo = min(end, Int64(prefix.count))
                        chunk.append(prefix.subdata(in: Int(at)..<Int(upTo)))
                        at = upTo
                    } else if at < Int64(prefix.count) + size {
                        let upTo = min(end, Int64(prefix.count) + size)
                        try reader.seek(toOffset: UInt64(at - Int64(prefix.count)))
                        let read = try reader.read(upToCount: Int(upTo - at)) ?? Data()
                        if read.isEmpty { throw CocoaError(.fileReadCorruptFile) }
                        chunk.append(read)
                        at += Int64(read.count)
                    } else {
                        let start = Int(at - Int64(prefix.count) - size)
                        let upTo = Int(end - Int64(prefix.count) - size)
                        chunk.append(suffix.subdata(in: start..<upTo))
                        at = end
                    }
                }
                return chunk
            }
        }
    }

    private var contentTypes: String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
        """
        for index in sheets.indices {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return xml + "</Types>"
    }

    private let rootRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
    </Relationships>
    """

    private var workbook: String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>
        """
        for (index, sheet) in sheets.enumerated() {
            let state = sheet.hidden ? " state=\"hidden\"" : ""
            xml += "<sheet name=\"\(XML.escape(sheet.name))\" sheetId=\"\(index + 1)\"\(state) r:id=\"rId\(index + 1)\"/>"
        }
        return xml + "</sheets></workbook>"
    }

    private var workbookRelationships: String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        """
        for index in sheets.indices {
            xml += "<Relationship Id=\"rId\(index + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        let styles = sheets.count + 1
        return xml + "<Relationship Id=\"rId\(styles)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"
    }

    private func sheetPrefix(_ sheet: Sheet) -> String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
        """
        let columns = max(sheet.columns, sheet.header.count)
        if columns > 0 && sheet.rows > 0 {
            xml += "<dimension ref=\"A1:\(XML.column(columns - 1))\(sheet.rows)\"/>"
        }
        if sheet.frozen && sheet.rows > 0 {
            xml += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        } else {
            xml += "<sheetViews><sheetView workbookViewId=\"0\"/></sheetViews>"
        }
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        let widths = (0..<max(sheet.columns, sheet.header.count)).map { index in
            max(index < sheet.widths.count ? sheet.widths[index] : 0, index < sheet.header.count ? Cell.width(of: sheet.header[index]) : 0)
        }
        if !widths.isEmpty {
            xml += "<cols>"
            for (index, width) in widths.enumerated() {
                let chars = sheet.fixedWidths[index] ?? min(60, max(8, width + 2))
                xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(chars)\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        return xml + "<sheetData>" + headerXML(sheet)
    }

    private func sheetSuffix(_ sheet: Sheet, choices: [(column: Int, range: String, count: Int)]) -> String {
        var xml = "</sheetData>"
        if !choices.isEmpty {
            xml += "<dataValidations count=\"\(choices.count)\">"
            for choice in choices {
                let letter = XML.column(choice.column)
                xml += "<dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\" sqref=\"\(letter)2:\(letter)1001\"><formula1>\(XML.escape(choice.range))</formula1></dataValidation>"
            }
            xml += "</dataValidations>"
        }
        return xml + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
    }
}
