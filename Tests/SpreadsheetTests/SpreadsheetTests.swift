import Foundation
import Testing
import ZIPFoundation
#if canImport(CoreFoundation)
import CoreFoundation
#endif
@testable import Spreadsheet

@Suite("Spreadsheets")
struct SpreadsheetTests {
    func temporaryFile(_ name: String = "book.xlsx") -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString + "-" + name)
    }

    @Test("a workbook written with every kind of cell reads back with the same values, sheet names and order")
    func roundTrip() throws {
        let writer = try WorkbookWriter()
        try writer.addSheet("销售台账", header: ["日期", "渠道", "金额（元）", "数量", "占比", "记录时间", "备注"])
        let moment = Date(timeIntervalSince1970: 1_764_001_800) // 2025-11-24 16:30 UTC
        try writer.append([.date(year: 2025, month: 3, day: 1), .text("展销会 & <直播>"), .yuan(fen: 123_456_78), .integer(12),
                           .percent(0.25), .dateTime(moment, TimeZone(identifier: "Asia/Shanghai")!), .text("=1+1")])
        try writer.append([.date(year: 1900, month: 3, day: 1), .text(""), .yuan(fen: -5), .integer(-3), .number(2.5), .empty, .text("第二行\n换行")])
        try writer.addSheet("说明", header: ["项目", "内容"], frozenHeader: false)
        try writer.append([.text("导出人"), .text("陕西省协调员")])
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        try writer.write(to: url)

        let sheets = try WorkbookReader.read(Data(contentsOf: url))
        #expect(sheets.map(\.name) == ["销售台账", "说明"])
        let rows = sheets[0].rows
        #expect(rows[0] == ["日期", "渠道", "金额（元）", "数量", "占比", "记录时间", "备注"].map { Value.text($0) })
        #expect(rows[1][0] == .date(year: 2025, month: 3, day: 1))
        #expect(rows[1][1] == .text("展销会 & <直播>"))
        #expect(rows[1][2] == .number(123_456.78))
        #expect(rows[1][3] == .number(12))
        #expect(rows[1][4] == .number(0.25))
        #expect(rows[1][5].string == "2025-11-25 00:30")
        #expect(rows[1][6] == .text("=1+1"), "text that looks like a formula stays text")
        #expect(rows[2][0] == .date(year: 1900, month: 3, day: 1))
        #expect(rows[2][2] == .number(-0.05))
        #expect(rows[2][4].string == "2.5")
        #expect(rows[2][6] == .text("第二行\n换行"))
        #expect(sheets[1].stringRows == [["项目", "内容"], ["导出人", "陕西省协调员"]])
    }

    @Test("the sheet XML carries a frozen header, widths that fit Chinese text, number formats and drop-down lists")
    func sheetMarkup() throws {
        let writer = try WorkbookWriter()
        try writer.addSheet("模板", header: ["渠道", "县"])
        writer.addChoices(column: 0, ["展销会", "直播", "商城"])
        try writer.append([.text("展销会"), .text("柞水县柞水县柞水县柞水县")])
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        try writer.write(to: url)
        let archive = try Archive(url: url, accessMode: .read)
        func text(_ path: String) throws -> String {
            var data = Data()
            _ = try archive.extract(#require(archive[path])) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        let sheet = try text("xl/worksheets/sheet1.xml")
        #expect(sheet.contains("state=\"frozen\""))
        #expect(sheet.contains("<col min=\"2\" max=\"2\" width=\"26\""), "12 Chinese characters are 24 widths, plus a margin")
        #expect(sheet.contains("<formula1>&apos;选项&apos;!$A$1:$A$3</formula1>") || sheet.contains("<formula1>'选项'!$A$1:$A$3</formula1>"))
        let workbook = try text("xl/workbook.xml")
        #expect(workbook.contains("name=\"选项\" sheetId=\"2\" state=\"hidden\""))
        let sheets = try WorkbookReader.read(Data(contentsOf: url))
        #expect(sheets[1].hidden && sheets[1].stringRows == [["展销会"], ["直播"], ["商城"]])
        #expect(try text("xl/styles.xml").contains("formatCode=\"#,##0.00\""))
    }

    @Test("a large sheet streams: 100,000 rows written and read back, their count and last row intact")
    func large() throws {
        let writer = try WorkbookWriter()
        try writer.addSheet("大表", header: ["序号", "金额"])
        for n in 1...100_000 { try writer.append([.integer(Int64(n)), .yuan(fen: Int64(n) * 101)]) }
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        try writer.write(to: url)
        let rows = try WorkbookReader.read(Data(contentsOf: url))[0].stringRows
        #expect(rows.count == 100_001)
        #expect(rows.last == ["100000", "101000"])
    }

    @Test("shared strings, sparse cells, booleans and custom date formats, as other programs write them")
    func foreignWorkbook() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let archive = try Archive(url: url, accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("xl/workbook.xml", #"<workbook xmlns:r="r"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId7"/></sheets></workbook>"#)
        try add("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId7" Target="/xl/worksheets/s.xml"/></Relationships>"#)
        try add("xl/sharedStrings.xml", #"<sst><si><t>项目编号</t></si><si><r><t>富</t></r><r><t>平</t></r><rPh><t>フ</t></rPh></si></sst>"#)
        try add("xl/styles.xml", #"<styleSheet><numFmts><numFmt numFmtId="170" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="171" formatCode="0.00_ "/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="171"/><xf numFmtId="14"/></cellXfs></styleSheet>"#)
        try add("xl/worksheets/s.xml", #"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row><row r="3"><c r="B3" s="1"><v>45717</v></c><c r="C3" s="2"><v>12.5</v></c><c r="D3" t="b"><v>1</v></c><c r="E3" s="3"><v>45658</v></c></row></sheetData></worksheet>"#)
        let sheet = try WorkbookReader.read(Data(contentsOf: url))[0]
        #expect(sheet.stringRows == [["项目编号", "", "富平"], [], ["", "2025-03-01", "12.5", "TRUE", "2025-01-01"]])
    }

    @Test("CSV in UTF-8 with and without a BOM, UTF-16 and GB18030 decodes to the same rows")
    func encodings() throws {
        let text = "县,工种,金额\r\n柞水县,中式烹调师,\"1,234.50\"\r\n"
        let expected = [["县", "工种", "金额"], ["柞水县", "中式烹调师", "1,234.50"]]
        let gb = CFStringConvertEncodingToNSStringEncoding(CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue))
        let samples: [(Data, TextTable.Encoding)] = [
            (Data(text.utf8), .utf8),
            (Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8), .utf8WithBOM),
            (try #require(text.data(using: .utf16)), .utf16),
            (try #require(text.data(using: String.Encoding(rawValue: gb))), .gb18030),
        ]
        for (data, encoding) in samples {
            let (decoded, found) = try TextTable.decode(data)
            #expect(found == encoding)
            #expect(TextTable.rows(decoded) == expected)
            #expect(try TextTable.read(data).rows == expected)
        }
        #expect(throws: SpreadsheetError.notAWorkbook) { try WorkbookReader.read(Data("PK\u{3}\u{4}garbage".utf8)) }
    }

    @Test("serials: 1899-12-30 is day 0, 1900-03-01 is 61, and days map back")
    func serials() {
        #expect(Serial.days(year: 1899, month: 12, day: 30) == 0)
        #expect(Serial.days(year: 1900, month: 3, day: 1) == 61)
        #expect(Serial.days(year: 2025, month: 3, day: 1) == 45717)
        for serial in [1, 61, 45717, 73050] {
            let (y, m, d) = Serial.civil(serial)
            #expect(Serial.days(year: y, month: m, day: d) == serial)
        }
        #expect(XML.column(0) == "A" && XML.column(25) == "Z" && XML.column(26) == "AA" && XML.column(701) == "ZZ")
        #expect(XML.columnIndex(ofReference: "AB12") == 27)
    }
}
