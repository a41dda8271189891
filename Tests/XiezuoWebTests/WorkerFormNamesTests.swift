import Foundation
import Testing
import Vapor
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

/// The worker form takes names, not codes, and shows every problem at once.
@Suite("The worker form: names for places and work, every error at once")
struct WorkerFormNamesTests {
    @Test("柞水, 厨师、电焊工 and 南京、苏州 are stored as codes; an empty form lists every problem; 鼓楼区 asks which one", arguments: TestDatabase.all)
    func names(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = TestClient(t.app)
            try await officer.login("zhashui-officer", Fixture.password)
            var csrf = try await officer.csrf(from: "/workers/new")
            // The form offers pickers over names.
            let blank = try await officer.send(.GET, "/workers/new").body.string
            #expect(blank.contains(#"data-picker="region""#) && blank.contains(#"data-picker="occupation""#) && blank.contains("/static/picker.js"))
            // Empty: every required field's message at once, beside its field.
            var response = try await officer.form("/workers", ["_csrf": csrf, "homeCode": ""])
            #expect(response.status == .badRequest)
            var page = response.body.string
            #expect(page.components(separatedBy: "class=\"field-error\"").count - 1 >= 4, "\(page)")
            #expect(page.contains("请填写姓名") && page.contains("须经本人同意") && page.contains("须单独同意处理敏感个人信息"))
            // The separate consent names the sensitive data and what it is for.
            #expect(blank.contains("本人单独同意处理敏感个人信息（身份证号码、脱贫身份）") && blank.contains("不向企业提供"))
            #expect(try await t.count("workers") == 0)
            // A name that fits two places asks which one, and keeps what was typed.
            response = try await officer.form("/workers", [
                "_csrf": csrf, "name": "王五", "idNumber": sampleIDNumber(92), "phone": "13912340000", "homeCode": "柞水",
                "wishedOccupations": "厨师、司机", "preferredPlaces": "鼓楼区", "consent": "on", "sensitiveConsent": "on"])
            page = response.body.string
            #expect(response.status == .badRequest)
            #expect(page.contains("南京市 鼓楼区") && page.contains("徐州市 鼓楼区") && page.contains("客运车辆驾驶员"))
            #expect(page.contains(#"value="厨师、司机""#))
            #expect(try await t.count("workers") == 0)
            // Names that resolve are stored as codes, and shown as names again on the edit form.
            csrf = try await officer.csrf(from: "/workers/new")
            response = try await officer.form("/workers", [
                "_csrf": csrf, "name": "王五", "idNumber": sampleIDNumber(92), "phone": "13912340000", "homeCode": "柞水",
                "wishedOccupations": "厨师、电焊工", "preferredPlaces": "南京、苏州市", "consent": "on", "sensitiveConsent": "on"])
            #expect(response.status == .seeOther, "\(response.body.string)")
            let worker = try #require(try await t.workers.list(region: nil, search: "王五", by: try await t.principal("zhashui-officer")).items.first)
            #expect(worker.homeCode == "611026" && worker.wishedOccupations == ["4-03-02-01", "6-18-02-04"] && worker.preferredPlaces == ["3201", "3205"])
            let edit = try await officer.send(.GET, "/workers/\(worker.id)/edit").body.string
            #expect(edit.contains("商洛市 柞水县") && edit.contains("中式烹调师 4-03-02-01、焊工 6-18-02-04") && edit.contains("南京市、苏州市"))
        }
    }
}
