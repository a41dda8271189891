import Foundation
import Spreadsheet
import Testing
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

@Suite("Spreadsheet imports: six registers from XLSX and Excel-made CSV")
struct ImportTests {
    static let zh: HTTPHeaders = ["Accept-Language": "zh-CN"]
    /// The fixtures are dated in 2025; the app's clock is set to its last day.
    static let lastDayOf2025 = Date(timeIntervalSince1970: 1_767_153_600) // 2025-12-31 04:00 UTC, noon in Beijing

    struct Expectation: Sendable {
        var kind: String
        /// The table the import fills, and how many rows the good lines add to it.
        var table: String
        var added: Int
        /// The bad line's field.
        var badField: String
    }

    static let kinds: [Expectation] = [
        Expectation(kind: "sales", table: "sales", added: 2, badField: "amount"),
        Expectation(kind: "personnel", table: "personnel_exchanges", added: 2, badField: "to"),
        Expectation(kind: "workers", table: "workers", added: 2, badField: "idNumber"),
        Expectation(kind: "postings", table: "job_postings", added: 2, badField: "wageMax"),
        Expectation(kind: "enrolments", table: "training_enrolments", added: 2, badField: "idNumber"),
        Expectation(kind: "projects", table: "fund_flows", added: 2, badField: "flowAmount"),
    ]

    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "imports"))
        return try Data(contentsOf: url)
    }

    /// What the rows refer to: the programme and the two workers the roster enrols, the employer of the postings; and
    /// the headers of 柞水县's officer calling the API in Chinese.
    @discardableResult
    static func prepare(_ t: TestApp) async throws -> HTTPHeaders {
        t.clock.set(lastDayOf2025)
        let zhashui = try await t.principal("zhashui-officer")
        for serial in [101, 102] { _ = try await t.workers.register(sampleWorker(serial), by: zhashui) }
        _ = try await t.training.save(sampleTraining(start: "2025-11-01", end: "2026-01-31"), by: zhashui)
        _ = try await t.employers.create(sampleEmployer(1, region: "611026"), by: try await t.principal("admin"))
        var headers = HTTPHeaders.bearer(try await t.tokens.create(for: try await t.account("zhashui-officer").id, name: "import", by: zhashui).secret)
        headers.add(contentsOf: zh)
        return headers
    }

    struct Report: Decodable {
        struct Row: Decodable {
            struct Problem: Decodable { var field: String?; var column: String?; var value: String?; var message: String }
            var line: Int
            var action: String?
            var errors: [Problem]
        }
        var written: Bool
        var created: Int
        var updated: Int
        var unchanged: Int
        var failed: Int
        var format: String
        var rows: [Row]
    }

    @Test("each kind from a GB18030 CSV, a UTF-8 CSV, an openpyxl workbook and a LibreOffice one: the good rows would be created, the bad row's error names its column, value and reason, and nothing is written",
          arguments: TestDatabase.all)
    func everyFormat(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let headers = try await Self.prepare(t)
            let client = TestClient(t.app)
            for expectation in Self.kinds {
                let before = try await t.count(expectation.table)
                for format in ["gb18030.csv", "utf8.csv", "openpyxl.xlsx", "libreoffice.xlsx"] {
                    let file = "\(expectation.kind)-\(format)"
                    let response = try await client.send(.POST, "/api/v1/imports/\(expectation.kind)?filename=\(file)", headers: headers,
                                                         body: ByteBuffer(data: try Self.fixture(file)))
                    #expect(response.status == .unprocessableEntity, "\(file): \(response.body.string.prefix(300))")
                    let report = try JSONDecoder().decode(Report.self, from: Data(buffer: response.body))
                    #expect(!report.written && report.failed == 1, "\(file)")
                    #expect(report.format == (format.hasSuffix("xlsx") ? "XLSX" : (format.hasPrefix("gb") ? "CSV GB18030" : "CSV UTF-8")), "\(file)")
                    #expect(report.rows.map(\.line) == [2, 3, 4], "\(file)")
                    #expect(report.rows.prefix(2).allSatisfy { $0.errors.isEmpty && $0.action == "create" }, "\(file): \(report.rows)")
                    let problem = report.rows.last?.errors.first
                    #expect(problem?.field == expectation.badField, "\(file): \(String(describing: problem))")
                    #expect(problem?.column?.isEmpty == false && problem?.message.isEmpty == false, "\(file)")
                }
                #expect(try await t.count(expectation.table) == before, "\(expectation.kind): nothing written")
            }
        }
    }

    @Test("the good rows imported: created once, the same file again changes nothing, one audit entry per import naming the file and its digest",
          arguments: TestDatabase.all)
    func importAgain(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let headers = try await Self.prepare(t)
            let client = TestClient(t.app)
            for expectation in Self.kinds {
                // The UTF-8 CSV without its bad last line.
                let text = String(decoding: try Self.fixture("\(expectation.kind)-utf8.csv"), as: UTF8.self)
                let good = text.split(separator: "\n").dropLast().joined(separator: "\n") + "\n"
                let before = try await t.count(expectation.table)
                let audits = try await t.count("audit_log")
                var response = try await client.send(.POST, "/api/v1/imports/\(expectation.kind)?filename=good.csv", headers: headers,
                                                     body: ByteBuffer(string: good))
                #expect(response.status == .created, "\(expectation.kind): \(response.body.string.prefix(400))")
                var report = try JSONDecoder().decode(Report.self, from: Data(buffer: response.body))
                #expect(report.written && report.created == 2, "\(expectation.kind)")
                #expect(try await t.count(expectation.table) == before + expectation.added, "\(expectation.kind)")
                #expect(try await t.count("audit_log") > audits)
                response = try await client.send(.POST, "/api/v1/imports/\(expectation.kind)?filename=good.csv", headers: headers,
                                                 body: ByteBuffer(string: good))
                report = try JSONDecoder().decode(Report.self, from: Data(buffer: response.body))
                #expect(report.created == 0 && report.updated == 0 && report.unchanged == 2, "\(expectation.kind): \(report.rows)")
                #expect(try await t.count(expectation.table) == before + expectation.added, "\(expectation.kind) again")
            }
            // The import's entry in the audit log names the file, in words.
            let admin = TestClient(t.app)
            try await admin.login("admin", Fixture.password)
            let log = try await admin.send(.GET, "/admin/audit?action=import", headers: Self.zh).body.string
            #expect(log.contains("导入“good.csv”：新增 2"))
        }
    }

    @Test("the page: the template downloads with drop-downs and a notes sheet; a check lists errors beside their column; a clean check carries the file to the import",
          arguments: [TestDatabase.sqlite])
    func page(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            try await Self.prepare(t)
            let officer = TestClient(t.app)
            try await officer.login("zhashui-officer", Fixture.password)
            let template = try await officer.send(.GET, "/imports/personnel/template.xlsx", headers: Self.zh)
            #expect(template.status == .ok)
            let sheets = try WorkbookReader.read(Data(buffer: template.body))
            #expect(sheets.map(\.name) == ["导入干部人才交流名单", "说明", "选项"])
            #expect(sheets[0].stringRows[0].first == "姓名*" && sheets[2].hidden)
            // The template as it comes, example row only: nothing to import.
            let csrf = try await officer.csrf(from: "/imports/personnel")
            var (headers, body) = multipart(["_csrf": csrf, "mode": "check"],
                                            file: ("file", "t.xlsx", "application/octet-stream", Array(Data(buffer: template.body))))
            var response = try await officer.send(.POST, "/imports/personnel", headers: headers, body: body)
            #expect(response.status == .badRequest && response.body.string.contains("文件是空的"))
            // A GB18030 file with a bad row: the error beside its column and value.
            (headers, body) = multipart(["_csrf": csrf, "mode": "check"],
                                        file: ("file", "人员.csv", "text/csv", Array(try Self.fixture("personnel-gb18030.csv"))))
            response = try await officer.send(.POST, "/imports/personnel", headers: headers, body: body)
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("有 1 行需要修改") && response.body.string.contains("<strong>截止日</strong>"))
            #expect(!response.body.string.contains("name=\"carried\""))
            // A clean check offers the import without choosing the file again.
            let text = String(decoding: try Self.fixture("personnel-utf8.csv"), as: UTF8.self)
            let good = Array((text.split(separator: "\n").dropLast().joined(separator: "\n") + "\n").utf8)
            (headers, body) = multipart(["_csrf": csrf, "mode": "check"], file: ("file", "人员.csv", "text/csv", good))
            response = try await officer.send(.POST, "/imports/personnel", headers: headers, body: body)
            #expect(response.status == .ok && response.body.string.contains("检查通过"))
            let carried = try #require(response.body.string.firstRange(of: #/name="carried" value="([^"]+)"/#).map { String(response.body.string[$0]) })
            let value = String(carried.split(separator: "\"")[3])
            (headers, body) = multipart(["_csrf": csrf, "mode": "import", "carried": value, "carriedName": "人员.csv"], file: nil)
            response = try await officer.send(.POST, "/imports/personnel", headers: headers, body: body)
            #expect(response.status == .ok && response.body.string.contains("已导入“人员.csv”"))
            #expect(try await t.count("personnel_exchanges") == 2)
            // The register page links to its import; a worker account may not import.
            #expect(try await officer.send(.GET, "/manage/cooperation", headers: Self.zh).body.string.contains("href=\"/imports/personnel\""))
            let worker = TestClient(t.app)
            try await worker.login("demo-worker", Fixture.password)
            #expect(try await worker.send(.GET, "/imports/personnel").status == .forbidden)
        }
    }
}
