import Testing
@testable import XiezuoCore

@Suite("Regions")
struct RegionTests {
    @Test("code length tells the level", arguments: [("61", RegionLevel.province), ("6110", .city), ("611026", .county), ("611026100", .township)])
    func levelFromCode(code: String, level: RegionLevel) {
        #expect(RegionLevel(codeLength: code.count) == level)
        #expect(RegionCode.isWellFormed(code))
    }

    @Test("malformed codes are refused", arguments: ["", "6", "611", "61102a", "６１１０２６", "6110261000"])
    func malformed(code: String) {
        #expect(!RegionCode.isWellFormed(code))
    }

    @Test func ancestorsAreThePrefixes() {
        #expect(RegionCode.ancestors(of: "611026100") == ["61", "6110", "611026"])
        #expect(RegionCode.ancestors(of: "61") == [])
    }

    @Test func directoryAnswersTreeQuestions() {
        let directory = RegionDirectory([
            Region(code: "61", name: "陕西省", level: .province, parentCode: nil),
            Region(code: "6110", name: "商洛市", level: .city, parentCode: "61"),
            Region(code: "611026", name: "柞水县", level: .county, parentCode: "6110"),
            Region(code: "611022", name: "丹凤县", level: .county, parentCode: "6110"),
            Region(code: "6105", name: "渭南市", level: .city, parentCode: "61"),
        ])
        #expect(directory.children(of: "6110").map(\.code) == ["611022", "611026"])
        #expect(directory.path(to: "611026").map(\.name) == ["陕西省", "商洛市", "柞水县"])
        #expect(directory.subtree(of: "6110").count == 3)
        #expect(directory.count(of: .county) == 2)
        #expect(directory.provinces.map(\.code) == ["61"])
        #expect(directory["611026"]?.province == .shaanxi)
    }
}
