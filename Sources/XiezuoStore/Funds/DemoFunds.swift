import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// Generated projects, flows and agreements for the demo data set and for benchmarks. Every name and amount is
/// generated (projects say so in their description, agreements in their title); only the counties, pairings and
/// featured products come from the reply letter.
public enum DemoFunds {
    /// The counties the letter names, with a product or park to name projects after.
    static let named: [(county: String, theme: String)] = [
        ("611026", "木耳"), ("610528", "柿饼"), ("610827", "小米"), ("610922", "蚕桑"), ("611022", "中药材"), ("610729", "民宿"),
        ("611002", "栖商产业园"), ("610525", "丹澄产业园"), ("610724", "国动产业园"), ("610924", "富硒茶"), ("610124", "猕猴桃"),
        ("610803", "羊肉"), ("611021", "劳务品牌"), ("611023", "消费帮扶"), ("610921", "就业帮扶"),
    ]
    static let categories: [ActionArea: [String]] = [
        .featuredIndustry: ["设备更新", "产业转型升级"], .industrialCluster: ["共建园区"], .consumptionAssistance: ["消费帮扶平台"],
        .laborCooperation: ["就业市场建设", "技能培训"], .infrastructure: ["基础设施"], .education: ["教育帮扶"], .health: ["医疗帮扶"],
    ]

    /// What a generation wrote.
    public struct Report: Sendable {
        public var projects = 0
        public var flows = 0
        public var agreements = 0
    }

    /// Generates `scale` times the base set (360 projects, about 3,700 flows for 2023–2025) with bulk inserts, then
    /// rebuilds the facts. `progress` receives the fraction done. Scale 1 uses the letter's counties; larger scales
    /// spread over every Shaanxi county.
    public static func generate(scale: Int, regions: RegionDirectory, on database: any Database, today: Day = Day(Date()),
                                progress: @Sendable (Double) -> Void = { _ in }) async throws -> Report {
        var random = SeededRandom(seed: UInt64(scale) &* 7919 &+ 17)
        let pairings = try await PairingModel.query(on: database).all().map { try $0.pairing }
        let allCounties = regions.subtree(of: "61").filter { $0.level == .county }.map(\.code)
        let existing = try await ProjectModel.query(on: database).count()
        var report = Report()
        let batches = scale
        do {
        for batch in 0..<batches {
            var projectRows: [[any SQLExpression]] = []
            var flowRows: [[any SQLExpression]] = []
            for index in 0..<120 {
                let named = named[index % named.count]
                let county = batch == 0 ? named.county : allCounties[random.next(allCounties.count)]
                let theme = batch == 0 ? named.theme : (regions[county]?.name ?? "")
                for year in 2023...2025 {
                    let serial = existing + batch * 360 + index * 3 + (year - 2023)
                    let area: ActionArea = [.featuredIndustry, .featuredIndustry, .industrialCluster, .consumptionAssistance,
                                            .laborCooperation, .laborCooperation, .infrastructure, .education, .health][random.next(9)]
                    let pairing = pairings.filter { county.hasPrefix($0.westCode) && $0.isActive(in: year) }
                        .sorted { $0.westCode.count > $1.westCode.count }.first
                    let status: ProjectStatus = year < 2025 ? [.accepted, .accepted, .completed, .cancelled][random.next(4)]
                        : [.reserve, .approved, .inProgress, .inProgress, .completed][random.next(5)]
                    let budget = Int64(50 + random.next(950)) * 1_000_000
                    let persons = 50 + random.next(2000)
                    let households = persons / 3
                    let id = UUID()
                    let name = "\(theme)\(["设备更新", "产业升级", "园区配套", "消费帮扶", "技能培训", "就业服务", "道路改造", "学校帮扶", "卫生院帮扶"][random.next(9)])项目"
                    projectRows.append([
                        SQLBind(id), SQLBind(String(format: "DEMO-%d-%06d", year, serial)), SQLBind(name), SQLBind(county),
                        SQLBind(pairing?.id), SQLBind(year), SQLBind(area.rawValue), SQLBind((categories[area] ?? ["其他"]).first!),
                        SQLBind(budget), SQLBind(status.rawValue), SQLBind("\(year)-03-01"), SQLBind("\(year)-11-30"),
                        SQLBind(status == .reserve ? nil : "\(year)-03-15" as String?),
                        SQLBind(status == .completed || status == .accepted ? "\(year)-11-20" as String? : nil),
                        SQLBind(households), SQLBind(persons), SQLBind(households * 2 / 5), SQLBind(persons * 2 / 5),
                        SQLBind("演示数据：名称、金额和受益人数均为生成数据。"), SQLBind(Int64(0)),
                    ])
                    guard status.isApproved || status == .cancelled else { continue }
                    // A commitment, two or three disbursement tranches, and expenditures within what arrived.
                    let committed = budget * Int64(60 + random.next(40)) / 100
                    var flows: [(FlowType, FundSource, Int64, Day)] = [(.commitment, .jiangsuAid, committed, day(year, 3, 10))]
                    var disbursed: Int64 = 0
                    for tranche in 0..<(4 + random.next(3)) {
                        let amount = (committed - disbursed) * Int64(30 + random.next(50)) / 100
                        guard amount > 0 else { continue }
                        disbursed += amount
                        flows.append((.disbursement, .jiangsuAid, amount, day(year, 4 + tranche * 2, 5 + random.next(20))))
                        flows.append((.expenditure, .jiangsuAid, amount * Int64(50 + random.next(50)) / 100,
                                      day(year, 4 + tranche * 2, 5 + random.next(20))))
                    }
                    if random.next(3) == 0 {
                        let donation = Int64(1 + random.next(50)) * 100_000
                        flows.append((.commitment, .socialDonation, donation, day(year, 5, 1)))
                        flows.append((.disbursement, .socialDonation, donation, day(year, 6, 1)))
                    }
                    for (type, source, amount, date) in flows where date <= today {
                        flowRows.append([SQLBind(UUID()), SQLBind(id), SQLBind(type.rawValue), SQLBind(source.rawValue), SQLBind(amount),
                                         SQLBind(date.description), SQLBind(date.monthKey),
                                         SQLBind(String(format: "PZ%d%05d", year, random.next(100_000))), SQLBind(Int64(0))])
                    }
                }
            }
            let (projectBatch, flowBatch) = (projectRows, flowRows)
            try await database.writeTransaction { tx in
                let sql = tx as! any SQLDatabase
                try await BulkInsert.run(projectBatch, into: "projects", columns: ["id", "code", "name", "county_code", "pairing_id", "year", "action_area",
                                                                          "category", "budget", "status", "planned_start", "planned_end",
                                                                          "actual_start", "actual_end", "households", "persons",
                                                                          "poverty_households", "poverty_persons", "description", "change_seq"], on: sql)
                try await BulkInsert.run(flowBatch, into: "fund_flows", columns: ["id", "project_id", "type", "source", "amount", "day", "month",
                                                                         "voucher", "change_seq"], on: sql)
            }
            report.projects += projectRows.count
            report.flows += flowRows.count
            progress(Double(batch + 1) / Double(batches + 1))
        }
        } catch {
            // Batches commit one by one; whatever committed gets its facts before the error goes up.
            _ = try? await FactStore(database: database).rebuild()
            throw error
        }
        report.agreements = try await agreements(on: database, pairings: pairings)
        try await FactStore(database: database).rebuild()
        progress(1)
        return report
    }

    /// Provincial agreements for 2023–2025 and one for 高淳—柞水, with generated targets, unless they exist.
    static func agreements(on database: any Database, pairings: [Pairing]) async throws -> Int {
        let repository = AgreementRepository(database: database)
        var count = 0
        let gaochun = pairings.first { $0.eastCode == "320118" && $0.westCode == "611026" }
        for year in 2023...2025 {
            if try await repository.find(year: year, pairingID: nil) == nil {
                _ = try await repository.save(AgreementDraft(
                    year: year, title: "\(year) 年苏陕东西部协作协议（演示：目标为生成数据）", shareThresholdPercent: 80,
                    targets: [IndicatorCatalogue.aidCommitted: 180_000_000_000, IndicatorCatalogue.aidDisbursed: 150_000_000_000,
                              IndicatorCatalogue.socialDonations: 800_000_000, IndicatorCatalogue.projectsTotal: 200,
                              IndicatorCatalogue.beneficiaryPersons: 150_000]), by: .system)
                count += 1
            }
            if let gaochun, try await repository.find(year: year, pairingID: gaochun.id) == nil {
                _ = try await repository.save(AgreementDraft(
                    year: year, pairingId: gaochun.id, title: "\(year) 年高淳—柞水结对协议（演示：目标为生成数据）", shareThresholdPercent: 75,
                    targets: [IndicatorCatalogue.aidCommitted: 12_000_000_000, IndicatorCatalogue.projectsTotal: 20]), by: .system)
                count += 1
            }
        }
        return count
    }

    /// A day of `year`, with the month and day clamped into range.
    private static func day(_ year: Int, _ month: Int, _ day: Int) -> Day {
        Day(String(format: "%04d-%02d-%02d", year, min(12, month), min(28, day)))!
    }
}

/// A small deterministic generator (SplitMix64), so demo data is the same on every machine.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
