import Foundation
import Testing
@testable import XiezuoCore

@Suite("Pickers: regions and occupations by the names people type")
struct PickerSearchTests {
    let regions = RegionDirectory([
        Region(code: "32", name: "江苏省", level: .province, parentCode: nil),
        Region(code: "3201", name: "南京市", level: .city, parentCode: "32"),
        Region(code: "320106", name: "鼓楼区", level: .county, parentCode: "3201"),
        Region(code: "320115", name: "江宁区", level: .county, parentCode: "3201"),
        Region(code: "3203", name: "徐州市", level: .city, parentCode: "32"),
        Region(code: "320302", name: "鼓楼区", level: .county, parentCode: "3203"),
        Region(code: "61", name: "陕西省", level: .province, parentCode: nil),
        Region(code: "6110", name: "商洛市", level: .city, parentCode: "61"),
        Region(code: "611026", name: "柞水县", level: .county, parentCode: "6110"),
        Region(code: "611026100", name: "乾佑街道", level: .township, parentCode: "611026"),
    ])

    @Test func regionsResolveByNameLabelOrCode() {
        #expect(regions.resolve("南京") == .found(regions["3201"]!))
        #expect(regions.resolve(" 南京市 ") == .found(regions["3201"]!))
        #expect(regions.resolve("3201") == .found(regions["3201"]!))
        #expect(regions.resolve("南京市 鼓楼区") == .found(regions["320106"]!))
        #expect(regions.resolve("江苏省 徐州市 鼓楼区") == .found(regions["320302"]!))
        #expect(regions.resolve("鼓楼区") == .ambiguous([regions["320106"]!, regions["320302"]!]))
        #expect(regions.resolve("鼓楼", within: "3203") == .found(regions["320302"]!))
        #expect(regions.resolve("柞水") == .found(regions["611026"]!))
        #expect(regions.resolve("乾佑", levels: [.township]) == .found(regions["611026100"]!))
        #expect(regions.resolve("乾佑", levels: [.city, .county]) == .unknown)
        #expect(regions.resolve("北京") == .unknown)
        // Names starting with the text: the one of the highest level, when it is alone at that level.
        #expect(regions.resolve("江") == .found(regions["32"]!))
        #expect(regions.resolve("") == .unknown)
        #expect(regions.label("611026100") == "商洛市 柞水县 乾佑街道")
        #expect(regions.label("32") == "江苏省")
    }

    @Test func regionSearchRanksExactThenPrefixThenHigherLevels() {
        // The city first, then the places whose label holds the name.
        #expect(regions.search("南京").map(\.code) == ["3201", "320106", "320115"])
        #expect(regions.search("南京市 鼓").map(\.code) == ["320106"])
        #expect(regions.search("江").map(\.code) == ["32", "320115"])
        #expect(regions.search("3201").map(\.code) == ["3201", "320106", "320115"])
        #expect(regions.search("区", levels: [.county], limit: 2).count == 2)
    }

    @Test func occupationsByNameCommonNameOrCode() {
        #expect(OccupationCatalogue.search("厨师").first?.occupation.code == "4-03-02-01")
        #expect(OccupationCatalogue.search("厨师").first?.matchedAlias == "厨师")
        #expect(OccupationCatalogue.search("焊工").first?.occupation.code == "6-18-02-04")
        #expect(OccupationCatalogue.search("焊工").first?.matchedAlias == nil)
        #expect(Set(OccupationCatalogue.search("司机").map(\.occupation.code)).isSuperset(of: ["4-02-02-01", "4-02-02-02"]))
        #expect(OccupationCatalogue.search("4-03-02-01").first?.occupation.nameZh == "中式烹调师")
        #expect(OccupationCatalogue.search("Welder").first?.occupation.code == "6-18-02-04")
        #expect(OccupationCatalogue.search("飞行员").isEmpty)
        // Broad groups are not offered by name (人员 would list half the classification).
        #expect(OccupationCatalogue.search("人员").allSatisfy { $0.occupation.level == .small })
        #expect(OccupationCatalogue.codes(matching: "保姆") == ["4-10-01-06"])
        #expect(OccupationCatalogue.search("a").isEmpty)
        // Every common name belongs to a shipped occupation.
        for code in OccupationCatalogue.aliases.keys { #expect(OccupationCatalogue.named(code) != nil, "\(code)") }
    }

    @Test func productCategoriesByTheWordsBuyersUse() {
        #expect(ProductCategory.named(by: "茶") == [.tea])
        #expect(ProductCategory.named(by: "木耳") == [.ediblefungi])
        #expect(ProductCategory.named(by: "Tea") == [.tea])
        #expect(ProductCategory.named(by: "te").isEmpty)
        #expect(ProductCategory.named(by: "榴莲").isEmpty)
    }
}
