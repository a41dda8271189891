import Foundation
import Spreadsheet
import Testing
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

@Suite("Every list as an Excel workbook")
struct ExportTests {
    static let zh: HTTPHeaders = ["Accept-Language": "zh-CN"]

    /// A little of everything, so each list has rows.
    static func records(_ t: TestApp) async throws -> (project: Project, worker: Worker, job: JobPosting, park: Park) {
        let admin = try await t.principal("admin")
        let zhashui = try await t.principal("zhashui-officer")
        let project = try await t.projects.create(sampleProject("EX-1"), status: .approved, by: admin)
        _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 12_345_678, date: "2025-04-01", voucher: "记-001"), by: admin)
        _ = try await t.sales.record(SaleDraft(date: "2025-05-01", channel: "fair", productName: "柞水木耳", countyCode: "611026", buyerRegion: "320118",
                                               amount: 123_456, quantity: 3), by: admin, today: Day("2025-12-31"))
        let worker = try await t.workers.register(sampleWorker(7), by: zhashui)
        let employer = try await t.employers.create(sampleEmployer(1), by: admin)
        let job = try await t.jobs.create(sampleJob(), employerID: employer.id, by: admin)
        _ = try await t.industries.create(sampleIndustry(), by: admin)
        let park = try await t.parks.create(samplePark(), by: admin)
        _ = try await t.enterprises.create(sampleEnterprise(park: park.id), by: admin)
        try await CooperationRegisters(database: t.app.db, regions: t.regions)
            .savePerson(PersonnelExchangeDraft(name: "王某某", sex: "female", employer: "苏州市教育局", post: "支教教师", field: "education",
                                               direction: "to_shaanxi", level: "professional", regionCode: "611026", from: "2025-02-20", to: "2025-07-10"),
                        by: zhashui)
        return (project, worker, job, park)
    }

    /// Every list operation of the API with a workbook, filled in with the records' ids.
    static func paths(project: UUID, worker: UUID, job: UUID, park: UUID) -> [String] {
        [
            "/api/v1/projects?year=2025", "/api/v1/projects/\(project)/flows", "/api/v1/agreements", "/api/v1/dashboard?year=2025&region=611026",
            "/api/v1/indicators", "/api/v1/employers", "/api/v1/jobs", "/api/v1/job-postings", "/api/v1/workers",
            "/api/v1/workers/\(worker)/applications", "/api/v1/jobs/\(job)/applications", "/api/v1/placements?region=611026&year=2025",
            "/api/v1/training", "/api/v1/brands", "/api/v1/gig-markets", "/api/v1/gigs", "/api/v1/trips", "/api/v1/workshops",
            "/api/v1/products", "/api/v1/orders", "/api/v1/sales?year=2025&region=61", "/api/v1/procurements?year=2025",
            "/api/v1/regional-brands", "/api/v1/sales-events", "/api/v1/industries", "/api/v1/parks", "/api/v1/enterprises",
            "/api/v1/promotion-events", "/api/v1/parks/\(park)/enclave", "/api/v1/enclave-report?year=2025", "/api/v1/audit",
            "/api/v1/reports/annual?year=2025", "/api/v1/periods?year=2025", "/api/v1/periods/grades?year=2025", "/api/v1/pairings",
            "/api/v1/personnel-exchanges?year=2025", "/api/v1/village-pairings", "/api/v1/demonstration-villages", "/api/v1/users",
            "/api/v1/tokens",
        ]
    }

    @Test("each list answers format=xlsx with a workbook: a named sheet with Chinese headers, the rows, and a 说明 sheet saying who exported what and when",
          arguments: TestDatabase.all)
    func everyList(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let (project, worker, job, park) = try await Self.records(t)
            let account = try await t.account("admin")
            let token = try await t.tokens.create(for: account.id, name: "export", by: account.principal).secret
            var headers = HTTPHeaders.bearer(token)
            headers.add(contentsOf: Self.zh)
            let client = TestClient(t.app)
            let keep = ProcessInfo.processInfo.environment["XIEZUO_EXPORT_DIR"].map { URL(fileURLWithPath: $0) }
            for path in Self.paths(project: project.id, worker: worker.id, job: job.id, park: park.id) {
                let separator = path.contains("?") ? "&" : "?"
                let response = try await client.send(.GET, path + separator + "format=xlsx", headers: headers)
                #expect(response.status == .ok, "\(path): \(response.body.string.prefix(200))")
                #expect(response.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet", "\(path)")
                #expect(response.headers.first(name: .contentDisposition)?.contains("filename*=UTF-8''") == true, "\(path)")
                let data = Data(buffer: response.body)
                if let keep, case .sqlite = database {
                    let name = path.split(separator: "?")[0].replacingOccurrences(of: "/api/v1/", with: "").replacingOccurrences(of: "/", with: "_")
                    try data.write(to: keep.appendingPathComponent(name + ".xlsx"))
                }
                let sheets = try WorkbookReader.read(data)
                #expect(sheets.count >= 2, "\(path)")
                let header = sheets.first?.stringRows.first ?? []
                // No column is headed by a bare field name: every header is localised.
                let bare = header.filter { $0.range(of: #"[a-z]{2,}"#, options: .regularExpression) != nil }
                #expect(bare.isEmpty, "\(path): \(bare)")
                #expect(!(sheets.first?.name.isEmpty ?? true))
                let notes = try #require(sheets.first { $0.name == "说明" }, "\(path)").stringRows
                #expect(notes.contains { $0.first == "导出人" && $0.last == account.displayName }, "\(path)")
                #expect(notes.contains { $0.first == "导出时间" }, "\(path)")
            }
            // A workbook holds every row: a visitor pages through the JSON instead.
            #expect(try await client.send(.GET, "/api/v1/jobs?format=xlsx").status == .unauthorized)
            #expect(try await client.send(.GET, "/api/v1/jobs").status == .ok)
            // A format nobody knows is a 400 naming the field.
            let wrong = try await client.send(.GET, "/api/v1/projects?format=pdf", headers: headers)
            #expect(wrong.status == .badRequest && wrong.body.string.contains("\"field\":\"format\""))
        }
    }

    @Test("values keep their kind: money in 元 as numbers, days as dates, codes followed by names, choices by name; filters and jurisdiction as on the page",
          arguments: [TestDatabase.sqlite])
    func values(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let (project, _, _, _) = try await Self.records(t)
            let officer = TestClient(t.app)
            try await officer.login("zhashui-officer", Fixture.password)
            let flows = try WorkbookReader.read(Data(buffer: try await officer.send(.GET, "/api/v1/projects/\(project.id)/flows?format=xlsx", headers: Self.zh).body))
            let rows = flows[0].rows
            let header = rows[0].map(\.string)
            let amount = try #require(header.firstIndex(of: "金额（元）"))
            let date = try #require(header.firstIndex(of: "日期"))
            #expect(rows[1][amount] == .number(123_456.78))
            #expect(rows[1][date] == .date(year: 2025, month: 4, day: 1))
            #expect(rows[1].contains(.text("承诺")) || rows[1].contains(.text("协议")), "\(rows[1])")
            // The sales of Zhashui: the county's code then its name.
            let sales = try WorkbookReader.read(Data(buffer: try await officer.send(.GET, "/api/v1/sales?year=2025&format=xlsx", headers: Self.zh).body))[0]
            let salesHeader = sales.stringRows[0]
            let county = try #require(salesHeader.firstIndex(of: "县区代码") ?? salesHeader.firstIndex(where: { $0.contains("县") && !$0.contains("名称") }))
            #expect(sales.stringRows[1][county] == "611026" && sales.stringRows[1][county + 1] == "柞水县", "\(salesHeader)")
            #expect(sales.stringRows[1].contains("1234.56") && sales.stringRows[1].contains("线下展销"), "\(sales.stringRows)")
            // Workers masked exactly as the API shows them to this viewer.
            let json = try await officer.send(.GET, "/api/v1/workers", headers: Self.zh).body.string
            let workers = try WorkbookReader.read(Data(buffer: try await officer.send(.GET, "/api/v1/workers?format=xlsx", headers: Self.zh).body))[0].stringRows
            let id = try #require(workers[0].firstIndex(of: "身份证号码"))
            #expect(json.contains("\"idNumber\":\"\(workers[1][id])\"") && workers[1][id].contains("*"), "\(workers[1][id])")
            // Another county's officer gets the same header and no rows of Zhashui.
            let fuping = TestClient(t.app)
            try await fuping.login("fuping-officer", Fixture.password)
            let theirs = try WorkbookReader.read(Data(buffer: try await fuping.send(.GET, "/api/v1/workers?format=xlsx", headers: Self.zh).body))[0].stringRows
            #expect(theirs.count == 1)
            // The 说明 sheet lists the filters used.
            let notes = try WorkbookReader.read(Data(buffer: try await officer.send(.GET, "/api/v1/sales?year=2025&format=xlsx", headers: Self.zh).body))[1].stringRows
            #expect(notes.contains { $0.first == "筛选条件" && $0.last?.contains("年度 = 2025") == true }, "\(notes)")
        }
    }
}
