import Foundation
import Testing
import Vapor
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

@Suite("The public pages a phone opens first")
struct PublicPagesTests {
    let zh: HTTPHeaders = ["Accept-Language": "zh-CN"]

    @Test("the home page opens with a job search and a product search, each with one-tap searches and live counts")
    func home() async throws {
        try await withTestApp(.sqlite) { t in
            let admin = try await t.principal("admin")
            let employer = try await t.employers.create(sampleEmployer(1), by: admin)
            _ = try await t.jobs.create(sampleJob("中式烹调师"), employerID: employer.id, by: admin)
            let html = try await TestClient(t.app).send(.GET, "/", headers: zh).body.string
            #expect(html.contains(#"<form method="get" action="/jobs""#) && html.contains(#"<form method="get" action="/products""#))
            #expect(html.contains("/jobs?q=%E5%8E%A8%E5%B8%88") && html.contains("/products?q=%E8%8C%B6"))  // 厨师, 茶
            #expect(html.contains("正在招聘的岗位 1 个"))
            #expect(html.contains("用手机号注册") && html.contains("加入购物车，不用注册"))
        }
    }

    @Test("/brands lists the letter's three brands first and pages the rest", arguments: [TestDatabase.sqlite])
    func brands(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            _ = try await DemoLabor.generate(regions: t.regions, on: t.app.db)
            let client = TestClient(t.app)
            let html = try await client.send(.GET, "/brands", headers: zh).body.string
            let names = html.matches(of: /<a href="\/brands\/[0-9A-F-]+">([^<]+)<\/a>/).map { String($0.1) }
            #expect(names.count == 20, "\(names)")
            #expect(Set(names.prefix(3)) == ["丹凤厨工", "紫阳修脚师", "山阳辅警"], "\(names)")
            #expect(html.contains("page=2"))
            let second = try await client.send(.GET, "/brands?page=2", headers: zh).body.string
            #expect(!second.contains(">丹凤厨工<"))
        }
    }
}
