import Foundation
import Testing
import Vapor
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

/// Messages a staff member can act on: amounts in 元, the right field named, a way back, a question before an
/// irreversible step.
@Suite("Staff feedback: messages in the form's words and units")
struct StaffFeedbackTests {
    let zh: HTTPHeaders = ["Accept-Language": "zh-CN"]

    @Test("a flow over the commitment says what is left in 元; a project's dates and year are checked against each other, naming the field")
    func fundsMessages() async throws {
        try await withTestApp(.sqlite) { t in
            let admin = try await t.principal("admin")
            let project = try await t.projects.create(sampleProject("FB-1"), status: .approved, by: admin)
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 1_234_500, date: "2025-04-01"),
                                         by: admin)
            let officer = TestClient(t.app)
            try await officer.login("zhashui-officer", Fixture.password)
            let csrf = try await officer.csrf(from: "/projects/\(project.id)")
            var response = try await officer.form("/projects/\(project.id)/flows", [
                "_csrf": csrf, "type": "disbursement", "source": "jiangsu_aid", "amountYuan": "20000", "date": "2025-05-01"], headers: zh)
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains("尚可到位 12,345.00 元") && !response.body.string.contains(" 分"), "\(response.body.string)")
            #expect(response.body.string.contains("金额（元）"))
            // End before start names the end, in dates; a year far from the dates is refused on the year.
            let form = ["_csrf": csrf, "code": "FB-2", "name": "冷链仓储", "countyCode": "611026", "year": "2025", "actionArea": "featured_industry",
                        "category": "冷链", "budgetWan": "10", "plannedStart": "2025-06-01", "plannedEnd": "2025-03-01"]
            response = try await officer.form("/projects", form, headers: zh)
            #expect(response.status == .badRequest && response.body.string.contains("计划完工不能早于开工日期"))
            var far = form
            far["year"] = "1999"
            far["plannedEnd"] = "2026-11-30"
            far["plannedStart"] = "2026-03-01"
            response = try await officer.form("/projects", far, headers: zh)
            #expect(response.status == .badRequest && response.body.string.contains("年度 1999 与开工日期 2026-03-01 相差一年以上"))
            // An empty form: every field's problem at once, each beside its field.
            response = try await officer.form("/projects", ["_csrf": csrf, "code": "", "name": "", "countyCode": "611026", "year": "2025",
                                                            "actionArea": "featured_industry", "category": "", "plannedStart": "2025-06-01",
                                                            "plannedEnd": "2025-03-01"], headers: zh)
            let page = response.body.string
            #expect(response.status == .badRequest)
            #expect(page.components(separatedBy: "class=\"field-error\"").count - 1 >= 4, "\(page)")
            #expect(page.contains("请填写编号") && page.contains("请填写名称") && page.contains("计划完工不能早于开工日期"))
            #expect(try await t.count("projects") == 1)
        }
    }

    @Test("a job posting's discriminatory description is named 岗位说明; error pages lead back; irreversible steps ask first")
    func wordsAndWaysBack() async throws {
        try await withTestApp(.sqlite) { t in
            let admin = try await t.principal("admin")
            let employer = try await t.employers.create(sampleEmployer(5, region: "611026"), by: admin)
            let officer = TestClient(t.app)
            try await officer.login("zhashui-officer", Fixture.password)
            let csrf = try await officer.csrf(from: "/manage/jobs/new")
            let response = try await officer.form("/manage/jobs", [
                "_csrf": csrf, "employerId": employer.id.uuidString, "title": "厨师", "occupationCode": "4-03-02-01", "countyCode": "611026",
                "description": "限男性，包吃住", "wageMinYuan": "5000", "wageMaxYuan": "6000", "wageType": "fixed", "headcount": "2",
                "education": "none", "validThrough": Day(Date().addingTimeInterval(30 * 86_400)).description], headers: zh)
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains("岗位说明") && !response.body.string.contains("项目简介"))
            // A page that is not there offers the way back to where the person came from.
            var headers = zh
            headers.add(name: .referer, value: "http://localhost/projects?year=2025")
            headers.add(name: .host, value: "localhost")
            let missing = try await officer.send(.GET, "/projects/\(UUID())", headers: headers).body.string
            #expect(missing.contains(#"href="/projects?year=2025""#) && missing.contains("返回上一页"))
            let elsewhere = try await officer.send(.GET, "/projects/\(UUID())", headers: ["Referer": "https://evil.example/x", "Host": "localhost"]).body.string
            #expect(!elsewhere.contains("evil.example"))
            // Cancelling a project asks first.
            let project = try await t.projects.create(sampleProject("FB-3", county: "611026"), status: .approved, by: admin)
            let page = try await officer.send(.GET, "/projects/\(project.id)", headers: zh).body.string
            #expect(page.contains("data-confirm=\"确定要取消这个项目吗？"))
            #expect(page.contains("/static/confirm.js"))
            // So do withdrawing a posting, revoking a token and cancelling or refunding an order.
            _ = try await t.jobs.create(sampleJob("面点师", county: "611026"), employerID: employer.id, by: admin)
            #expect(try await officer.send(.GET, "/manage/jobs", headers: zh).body.string.contains("data-confirm=\"确定要撤下岗位“面点师”吗？"))
            let account = try await t.account("zhashui-officer")
            _ = try await t.tokens.create(for: account.id, name: "报表脚本", by: account.principal)
            #expect(try await officer.send(.GET, "/account", headers: zh).body.string.contains("data-confirm=\"确定要吊销令牌“报表脚本”吗？"))
            let product = try await t.publishedProduct()
            let order = try await t.orders.place(OrderDraft(buyerName: "张三", buyerPhone: "13812345678", address: "南京市高淳区某路1号",
                                                            buyerRegion: "320118", items: [.init(productId: product.id, quantity: 1)]), by: .anonymous)
            #expect(try await officer.send(.GET, "/orders/\(order.order.id)", headers: zh).body.string.contains("data-confirm=\"确定要取消这笔订单吗？"))
        }
    }
}
