import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Reference data")
struct ReferenceDataTests {
    @Test("the region tree has every division of both provinces", arguments: TestDatabase.all)
    func regionCounts(database: TestDatabase) async throws {
        try await withTestApp(database, seed: false) { t in
            let directory = try await RegionRepository(database: t.app.db).directory()
            #expect(directory.count(of: .province) == 2)
            #expect(directory.count(of: .city) == 23)
            #expect(directory.count(of: .county) == 211)
            #expect(directory.count(of: .township) == 2822)
            #expect(try await t.count("regions") == 3058)
            // A subtree is a code prefix: 商洛市 and everything below it.
            let shangluo = directory.subtree(of: "6110")
            #expect(shangluo.first?.name == "商洛市")
            #expect(shangluo.allSatisfy { $0.code.hasPrefix("6110") })
            #expect(shangluo.filter { $0.level == .county }.count == 7)
            #expect(directory.children(of: "611026").count == 9)
        }
    }

    @Test("loading twice loads nothing the second time", arguments: TestDatabase.all)
    func idempotent(database: TestDatabase) async throws {
        try await withTestApp(database, seed: false) { t in
            let again = try await ReferenceData.loadIfNeeded(on: t.app.db)
            #expect(again.regionsLoaded == 0)
            #expect(again.pairingsLoaded == 0)
            #expect(try await t.count("regions") == 3058)
            #expect(try await t.count("pairings") == 26)
        }
    }

    @Test("pairings by year and region", arguments: TestDatabase.all)
    func pairingsByYear(database: TestDatabase) async throws {
        try await withTestApp(database, seed: false) { t in
            // 溧水区—商南县 is reported from the 2022 agreement on.
            let in2021 = try await t.pairings.list(year: 2021, region: "611023", page: Paging(perPage: 200)).items
            let in2022 = try await t.pairings.list(year: 2022, region: "611023", page: Paging(perPage: 200)).items
            #expect(!in2021.contains { $0.eastCode == "320117" })
            #expect(in2022.contains { $0.eastCode == "320117" })
            // A county sees its own pairing and its city's.
            let zhashui = try await t.pairings.list(region: "611026").items
            #expect(Set(zhashui.map { "\($0.eastCode)-\($0.westCode)" }) == ["320118-611026", "3201-6110"])
            // 1996: only 南京—商洛 and the pairings whose start is not recorded.
            let in1996 = try await t.pairings.list(year: 1996, page: Paging(perPage: 200)).items
            #expect(in1996.allSatisfy { $0.validFrom == nil || $0.validFrom! <= 1996 })
            #expect(in1996.contains { $0.eastCode == "3201" && $0.westCode == "6110" })
            #expect(!in1996.contains { $0.eastCode == "320118" })
            let all = try await t.pairings.list(page: Paging(perPage: 10))
            #expect(all.total == 26)
            #expect(all.items.count == 10)
            #expect(all.pageCount == 3)
        }
    }
}
