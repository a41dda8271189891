import FluentKit
import Foundation
import XiezuoCore

/// The demo register of featured industries, parks, enterprises, events and one enclave. The names of the six
/// featured industries, the four parks and the four enterprises come from the reply letter; the letter does not
/// say which park each enterprise joined, nor who co-builds each park, so those are placed here (each record says
/// so). Every figure, date and every other record is generated and labelled as such. Everything goes through the
/// repositories, so the facts are booked exactly as for staff entries.
public enum DemoIndustry {
    /// What the generation wrote.
    public struct Report: Sendable {
        public var industries = 0
        public var parks = 0
        public var enterprises = 0
        public var events = 0
    }

    static let namedIndustries: [(name: String, county: String, category: String, note: String)] = [
        ("柞水木耳", "611026", "食用菌", "全产业链追溯体系（2023 年公开报道）"),
        ("富平柿饼", "610528", "果品加工", ""),
        ("米脂小米", "610827", "粮食", ""),
        ("石泉蚕桑", "610922", "蚕桑", ""),
        ("丹凤中药材", "611022", "中药材", ""),
        ("留坝民宿", "610729", "文旅", ""),
    ]
    static let namedParks: [(name: String, county: String, partner: String)] = [
        ("栖商产业园", "611002", "3201"), ("丹澄产业园", "610525", "3211"), ("富丹产业园", "610528", "3211"), ("国动产业园", "610724", "3206"),
    ]
    /// Enterprise, chain, and the park (index into `namedParks`) the demo places it in.
    static let namedEnterprises: [(name: String, chain: String, park: Int)] = [
        ("国飞无人机", "电子信息", 0), ("圣唐乳业", "羊乳制品", 2), ("腾龙汽车", "汽车零部件", 1), ("佳可服饰", "纺织服装", 3),
    ]
    static let categories: [(category: String, products: [String])] = [
        ("果品", ["猕猴桃", "苹果", "核桃", "板栗"]), ("茶叶", ["富硒茶", "绿茶"]), ("畜牧", ["黑猪", "羊肉", "土鸡"]),
        ("中药材", ["天麻", "杜仲", "连翘"]), ("食用菌", ["香菇", "木耳"]), ("粮食", ["小杂粮", "荞麦"]), ("蔬菜", ["魔芋", "辣椒"]),
    ]

    /// Up to three demo projects of a county in an action area, to link to its industry or park.
    static func projects(of county: String, area: ActionArea, on database: any Database) async throws -> [UUID] {
        try await ProjectModel.query(on: database).filter(\.$countyCode == county).filter(\.$actionArea == area.rawValue)
            .sort(\.$code).limit(3).all().compactMap(\.id)
    }

    /// Generates the demo set; `today` dates nothing after it.
    public static func generate(regions: RegionDirectory, on database: any Database, today: Day = Day(Date())) async throws -> Report {
        var random = SeededRandom(seed: 20_250_310)
        var report = Report()
        let industries = FeaturedIndustryRepository(database: database, regions: regions)
        let parks = ParkRepository(database: database, regions: regions)
        let enterprises = EnterpriseRepository(database: database, regions: regions)
        let events = PromotionEventRepository(database: database, regions: regions)
        let pairings = try await PairingModel.query(on: database).all().map { try $0.pairing }
        func partner(of county: String) -> String? {
            pairings.filter { county.hasPrefix($0.westCode) }.max { $0.westCode.count < $1.westCode.count }?.eastCode
        }
        let generatedNote = "演示数据：规模、年份和金额为生成数据"

        for (index, named) in namedIndustries.enumerated() {
            var draft = industryDraft(name: named.name, county: named.county, category: named.category, since: 2018 + index % 4,
                                      random: &random, today: today)
            draft.description = "名称与所在县来自复函；" + generatedNote + (named.note.isEmpty ? "" : "。" + named.note)
            draft.projectIds = try await projects(of: named.county, area: .featuredIndustry, on: database)
            if named.county == "611026" {
                draft.upgrades = [UpgradeDraft(kind: "technology", date: "2023-06-01", description: "建成木耳全产业链质量追溯体系")]
            }
            _ = try await industries.create(draft, by: .system, today: today)
            report.industries += 1
        }
        // Generated industries for other counties (县, not city districts) of the paired cities, one in five left
        // without one.
        let namedCounties = Set(namedIndustries.map(\.county))
        let paired = regions.subtree(of: "61").filter { county in
            county.level == .county && county.name.hasSuffix("县") && !namedCounties.contains(county.code)
                && pairings.contains { county.code.hasPrefix($0.westCode) }
        }.sorted { $0.code < $1.code }
        for county in paired where random.next(5) != 0 {
            let pick = categories[random.next(categories.count)]
            let product = pick.products[random.next(pick.products.count)]
            var draft = industryDraft(name: String(county.name.dropLast()) + product,
                                      county: county.code, category: pick.category, since: 2017 + random.next(8), random: &random, today: today)
            draft.role = random.next(4) == 0 ? "first" : "leading"
            draft.description = "演示数据：该产业为生成记录，非真实认定"
            _ = try await industries.create(draft, by: .system, today: today)
            report.industries += 1
        }

        var parkIDs: [UUID] = []
        for (index, named) in namedParks.enumerated() {
            let park = try await parks.create(ParkDraft(
                name: named.name, countyCode: named.county, form: index == 0 ? "park_in_zone" : "park_in_park", partnerCode: named.partner,
                established: "20\(19 + index)-0\(3 + index)-15", plannedAreaMu: 1_000 + random.next(2_000), builtAreaMu: 300 + random.next(600),
                projectIds: try await projects(of: named.county, area: .industrialCluster, on: database),
                description: "名称与所在县来自复函；江苏合作方按结对关系填写；" + generatedNote), by: .system, today: today)
            parkIDs.append(park.id)
            report.parks += 1
        }
        // Generated parks: most paired counties have one (the letter: every poverty-lifted county has one).
        let parkCounties = Set(namedParks.map(\.county))
        var generatedParks: [Park] = []
        for county in paired where !parkCounties.contains(county.code) && random.next(3) != 0 {
            guard let partnerCode = partner(of: county.code) else { continue }
            let established = random.next(6) == 0 ? nil : "20\(18 + random.next(8))-0\(1 + random.next(9))-01"
            let park = try await parks.create(ParkDraft(
                name: county.name + "苏陕协作产业园", countyCode: county.code, form: ["park_in_park", "park_in_zone", "other"][random.next(3)],
                partnerCode: partnerCode, established: established, plannedAreaMu: 500 + random.next(3_000), builtAreaMu: random.next(500),
                description: "演示数据：生成的园区，非真实记录"), by: .system, today: today)
            generatedParks.append(park)
            report.parks += 1
        }

        for named in namedEnterprises {
            let park = namedParks[named.park]
            let id = try await enterprises.create(EnterpriseDraft(
                name: named.name, originCode: park.partner, chain: named.chain, parkId: parkIDs[named.park],
                plannedInvestment: Int64(20_000 + random.next(80_000)) * 1_000_000, actualInvestment: Int64(10_000 + random.next(20_000)) * 1_000_000,
                jobs: 150 + random.next(400), jobsRural: 100 + random.next(50), jobsPovertyLifted: 20 + random.next(30),
                description: "企业名称来自复函；复函未说明各企业入驻哪个园区，此处入驻园区为演示假设；" + generatedNote),
                by: .system, today: today).id
            try await walk(enterprises, id, to: .operating, from: 2021 + named.park % 3, today: today)
            report.enterprises += 1
        }
        let chains = IndustryChains.suggested
        let targets: [EnterpriseStatus] = [.lead, .negotiating, .signed, .underConstruction, .operating, .operating, .lost]
        for (index, park) in generatedParks.filter({ $0.established != nil }).prefix(24).enumerated() {
            let jobs = 20 + random.next(300)
            let rural = jobs / 2 + random.next(jobs / 2)
            let id = try await enterprises.create(EnterpriseDraft(
                name: "演示\(chains[index % chains.count])企业\(index + 1)号", originCode: park.partnerCode,
                chain: chains[index % chains.count], parkId: park.id,
                plannedInvestment: Int64(1_000 + random.next(20_000)) * 1_000_000, actualInvestment: Int64(500 + random.next(8_000)) * 1_000_000,
                jobs: jobs, jobsRural: rural, jobsPovertyLifted: rural / 4, description: "演示数据：生成的企业，非真实记录"),
                by: .system, today: today).id
            try await walk(enterprises, id, to: targets[index % targets.count], from: 2023 + index % 3, today: today)
            report.enterprises += 1
        }

        // One generated enclave with shares and figures, so the enclave report has something to show.
        if let county = paired.first(where: { partner(of: $0.code) != nil }), let partnerCode = partner(of: county.code) {
            let enclave = try await parks.create(ParkDraft(
                name: county.name + "飞地产业园（演示）", countyCode: county.code, form: "enclave", partnerCode: partnerCode,
                established: "2023-05-01", plannedAreaMu: 800, builtAreaMu: 500, description: "演示数据：生成的飞地园区，分成比例为示例"),
                by: .system, today: today)
            report.parks += 1
            let enclaves = EnclaveRepository(database: database)
            _ = try await enclaves.addShare(to: enclave.id, EnclaveShareDraft(
                sendingCode: partnerCode, fromYear: 2023, toYear: 2025, outputSending: 5_000, outputHosting: 5_000, taxSending: 4_000,
                taxHosting: 6_000, gdpSending: 3_000, gdpHosting: 7_000), by: .system)
            _ = try await enclaves.addShare(to: enclave.id, EnclaveShareDraft(
                sendingCode: partnerCode, fromYear: 2026, outputSending: 4_000, outputHosting: 6_000, taxSending: 3_000, taxHosting: 7_000,
                gdpSending: 2_000, gdpHosting: 8_000), by: .system)
            for year in 2023...min(2025, today.year) {
                let base = Int64(year - 2022) * 3_000_000_000
                _ = try await enclaves.setFigures(ParkFigures(parkID: enclave.id, year: year, outputValue: base, taxRevenue: base / 12,
                                                              gdp: base / 4), by: .system, today: today)
            }
        }

        let cities = ["3201", "3202", "3204", "3205", "3206", "3210", "3211"]
        for index in 0..<10 {
            let city = cities[index % cities.count]
            let date = Day("20\(23 + index % 3)-\(String(format: "%02d", 3 + index % 9))-18")!
            guard date <= today else { continue }
            let organiser = pairings.first { $0.eastCode == city }?.westCode ?? "61"
            _ = try await events.save(PromotionEventDraft(
                title: "苏陕协作\(chains[index % chains.count])产业链招商推介会（演示）", date: date.description, cityCode: city,
                organiserCode: organiser, chain: chains[index % chains.count], enterprisesMet: 20 + random.next(60),
                dealsSigned: 3 + random.next(10), signedInvestment: Int64(10_000 + random.next(90_000)) * 1_000_000,
                description: "演示数据：生成的活动，非真实记录"), by: .system, today: today)
            report.events += 1
        }
        return report
    }

    static func industryDraft(name: String, county: String, category: String, since: Int, random: inout SeededRandom, today: Day) -> FeaturedIndustryDraft {
        let households = 500 + random.next(5_000)
        return FeaturedIndustryDraft(
            name: name, countyCode: county, category: category, role: "leading", since: min(since, today.year),
            areaMu: 2_000 + random.next(40_000), outputValue: Int64(5_000 + random.next(100_000)) * 1_000_000,
            upgrades: [UpgradeDraft(kind: ["technology", "standard", "brand"][random.next(3)], date: "2024-0\(1 + random.next(9))-10",
                                    description: "演示数据：生成的提升记录")],
            leadingEnterprises: ["演示龙头企业\(random.next(90) + 10)号"], cooperatives: ["演示专业合作社\(random.next(90) + 10)号"],
            productionBases: ["演示生产基地"], chainHouseholds: households, linkedHouseholds: households * 3 / 4,
            incomeIncrease: Int64(1_000 + random.next(5_000)) * 100, mechanisms: ["wage", "order_purchase", "dividend", "land_rent"].filter { _ in random.next(2) == 0 })
    }

    /// Moves an enterprise along the pipeline to `target`, one step a quarter from `year`.
    static func walk(_ repository: EnterpriseRepository, _ id: UUID, to target: EnterpriseStatus, from year: Int, today: Day) async throws {
        let path: [EnterpriseStatus] = switch target {
        case .lead: []
        case .lost: [.lost]
        case .negotiating: [.negotiating]
        case .signed: [.negotiating, .signed]
        case .underConstruction: [.negotiating, .signed, .underConstruction]
        case .operating: [.negotiating, .signed, .underConstruction, .operating]
        }
        for (step, status) in path.enumerated() {
            let day = Day("\(year + step / 4)-\(String(format: "%02d", 1 + (step % 4) * 3))-15")!
            _ = try await repository.move(id, to: status, on: min(day, today), by: .system, today: today)
        }
    }
}
