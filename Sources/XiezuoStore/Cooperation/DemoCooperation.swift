import FluentKit
import Foundation
import XiezuoCore

/// Demo cooperation registers: persons exchanged each way (2023–2025), village pairings of Jiangsu enterprises and
/// organisations with villages of the demo counties, demonstration villages linked to the counties' projects; and
/// the 2025 year of two counties in review (富平县 submitted, 石泉县 approved by its city). Every name is generated and
/// says so (演示); written through the repositories, so the facts move as they would in use.
public enum DemoCooperation {
    /// What a generation wrote.
    public struct Report: Sendable {
        public var persons = 0
        public var villagePairings = 0
        public var demonstrationVillages = 0
        public var periods = 0
    }

    static let counties = ["611026", "610528", "611022", "610827", "610924", "610922", "611024", "611021", "610921"]
    static let partners = ["320118", "320506", "321102", "320281", "321202", "320682", "320585", "3212", "320902"]
    static let employers = ["南京市鼓楼医院（演示）", "苏州市教育局（演示）", "江苏省农业科学院（演示）", "常州市科技局（演示）", "无锡市人民医院（演示）"]
    static let enterprises = ["苏宁易购（演示）", "恒力集团（演示）", "沙钢集团（演示）", "波司登（演示）", "雨润食品（演示）", "江苏省慈善总会（演示）",
                              "南京爱德基金会（演示）", "苏州红十字会（演示）"]
    static let villages = ["金米村", "朱家湾村", "营盘村", "东甘沟村", "太平村", "双河村", "杨家沟村", "柳林村", "石门村", "新庄村"]

    /// Generates the registers; `today` fixes the dates.
    public static func generate(regions: RegionDirectory, on database: any Database, today: Day = Day(Date())) async throws -> Report {
        var random = SeededRandom(seed: 363)
        var report = Report()
        let registers = CooperationRegisters(database: database, regions: regions)
        let surnames = Array("王李张刘陈杨黄赵吴周徐孙")
        for index in 0..<42 {
            let toShaanxi = index % 3 != 0
            let county = counties[index % counties.count]
            let start = 2023 + index % 3
            let professional = index % 2 == 0
            let fields: [ExchangeField] = [.education, .health, .agriculture, .science, .other]
            try await registers.savePerson(PersonnelExchangeDraft(
                name: "\(surnames[index % surnames.count])某某（演示\(index + 1)）", sex: index % 4 == 0 ? "female" : "male",
                employer: toShaanxi ? employers[index % employers.count] : "\(regions[county]?.name ?? county)人民政府（演示）",
                post: professional ? "专业技术人员" : "挂职副县长", field: (professional ? fields[index % fields.count] : .other).rawValue,
                direction: (toShaanxi ? ExchangeDirection.toShaanxi : .toJiangsu).rawValue,
                level: (professional ? ExchangeLevel.professional : .cadre).rawValue, regionCode: county,
                partnerCode: partners[index % partners.count], from: "\(start)-0\(1 + random.next(6))-01",
                to: "\(start + 1 + random.next(2))-0\(1 + random.next(6))-28"), by: .system)
            report.persons += 1
        }
        for index in 0..<84 {
            let county = counties[index % counties.count]
            let townships = regions.children(of: county).filter { $0.level == .township }
            guard !townships.isEmpty else { continue }
            let township = townships[(index / counties.count) % townships.count]
            let year = min(today.year, 2024 + index % 2)
            let pledged = Int64(50_000 + random.next(450_000)) * 100
            try await registers.saveVillagePairing(VillagePairingDraft(
                partnerName: enterprises[index % enterprises.count], partnerKind: (index % enterprises.count >= 5 ? VillagePartnerKind.socialOrganisation
                                                                                  : .enterprise).rawValue,
                partnerRegion: partners[index % partners.count], townshipCode: township.code, village: villages[index % villages.count],
                year: year, moneyPledged: pledged, goodsPledged: pledged / 4, moneyDelivered: pledged * Int64(60 + random.next(41)) / 100,
                goodsDelivered: pledged / 5), by: .system, today: today)
            report.villagePairings += 1
        }
        let projects = try await ProjectModel.query(on: database).filter(\.$countyCode ~~ counties).all()
        for (index, county) in counties.enumerated() {
            let townships = regions.children(of: county).filter { $0.level == .township }
            guard let township = townships.first else { continue }
            let linked = projects.filter { $0.countyCode == county }.prefix(2).compactMap(\.id)
            try await registers.saveDemonstrationVillage(DemonstrationVillageDraft(
                townshipCode: township.code, village: villages[(index + 3) % villages.count] + "（演示）", year: min(today.year, 2023 + index % 3),
                status: DemonstrationStatus.allCases[index % 3].rawValue, projectIds: linked, note: "生成的演示记录"), by: .system, today: today)
            report.demonstrationVillages += 1
        }
        // Two counties' 2025 in review, so the queues have something in them.
        let periods = PeriodRepository(database: database, regions: regions)
        let year = min(2025, today.year - 1)
        try await periods.act(.submit, year: year, county: "610528", text: nil, by: .system)
        try await periods.act(.submit, year: year, county: "610922", text: nil, by: .system)
        try await periods.act(.approve, year: year, county: "610922", text: nil, by: .system)
        report.periods = 2
        return report
    }
}
