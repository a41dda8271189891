import Foundation
import Testing
import XiezuoCore
import XiezuoTestSupport

@Suite("Pickers over HTTP: regions and occupations by name")
struct PickerAPITests {
    struct Page<Item: Decodable>: Decodable { var items: [Item] }
    struct RegionItem: Decodable { var code: String; var name: String; var level: String; var label: String }
    struct OccupationItem: Decodable { var code: String; var nameZh: String; var matchedAlias: String?; var label: String }

    func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

    @Test("南京 → 南京市 first; levels and subtree narrow it; 厨师 → 中式烹调师; bad parameters are 400s", arguments: [TestDatabase.sqlite])
    func search(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let client = TestClient(t.app)
            let nanjing = try decode(Page<RegionItem>.self, try await client.send(.GET, "/api/v1/regions/search?q=" + encoded("南京"))).items
            #expect(nanjing.first?.code == "3201" && nanjing.first?.label == "南京市")
            let gulou = try decode(Page<RegionItem>.self, try await client.send(.GET, "/api/v1/regions/search?level=county&q=" + encoded("鼓楼"))).items
            #expect(Set(gulou.map(\.label)).isSuperset(of: ["南京市 鼓楼区", "徐州市 鼓楼区"]))
            #expect(gulou.allSatisfy { $0.level == "county" })
            let inXuzhou = try decode(Page<RegionItem>.self, try await client.send(.GET, "/api/v1/regions/search?within=3203&q=" + encoded("鼓楼"))).items
            #expect(inXuzhou.first?.code == "320302" && inXuzhou.allSatisfy { $0.code.hasPrefix("3203") })
            let few = try decode(Page<RegionItem>.self, try await client.send(.GET, "/api/v1/regions/search?limit=2&q=" + encoded("区"))).items
            #expect(few.count == 2)
            #expect(try decode(Page<RegionItem>.self, try await client.send(.GET, "/api/v1/regions/search?q=")).items.isEmpty)
            #expect(try apiError(try await client.send(.GET, "/api/v1/regions/search?q=a&level=planet")) == ("unknown_choice", "level"))
            #expect(try await client.send(.GET, "/api/v1/regions/search?q=a&limit=abc").status == .badRequest)

            let cooks = try decode(Page<OccupationItem>.self, try await client.send(.GET, "/api/v1/occupations/search?q=" + encoded("厨师"))).items
            #expect(cooks.first?.code == "4-03-02-01" && cooks.first?.matchedAlias == "厨师" && cooks.first?.label == "中式烹调师 4-03-02-01")
            let drivers = try decode(Page<OccupationItem>.self, try await client.send(.GET, "/api/v1/occupations/search?q=" + encoded("司机"))).items
            #expect(Set(drivers.map(\.code)).isSuperset(of: ["4-02-02-01", "4-02-02-02"]))
            #expect(try decode(Page<OccupationItem>.self, try await client.send(.GET, "/api/v1/occupations/search?q=" + encoded("飞行员"))).items.isEmpty)
        }
    }
}
