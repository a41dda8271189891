import FluentKit
import Foundation
import XiezuoCore

/// Demo labour registers: the letter's three named labour brands (丹凤厨工, 紫阳修脚师, 山阳辅警) and generated ones up
/// to its 97 brands and 111 leading units; training programmes with trainees at every step; gig markets with gigs and
/// sign-ups; direct-transport trips (arrived ones record placements); assistance workshops. Everything but the three
/// brand names is generated and labelled so (`generated`, or 演示 in the name). Written through the repositories, so
/// the facts move as they would in use.
public enum DemoLabor {
    /// What a generation wrote.
    public struct Report: Sendable {
        public var brands = 0
        public var leadingUnits = 0
        public var programmes = 0
        public var trainees = 0
        public var markets = 0
        public var gigs = 0
        public var trips = 0
        public var workshops = 0
    }

    /// The letter's named brands: name, county, occupation.
    static let named: [(String, String, String)] = [
        ("丹凤厨工", "611022", "4-03-02-01"), ("紫阳修脚师", "610924", "4-10-03-05"), ("山阳辅警", "611024", "3-02-02-02"),
    ]
    /// Occupations generated brands are made of: the word in the name and the code.
    static let trades: [(String, String)] = [
        ("建筑工", "6-29-01-01"), ("家政", "4-10-01-06"), ("月嫂", "4-10-01-06"), ("电工", "6-31-01-03"), ("焊工", "6-18-02-04"),
        ("厨师", "4-03-02-01"), ("面点师", "4-03-02-02"), ("保安", "4-07-05-01"), ("司机", "4-02-02-02"), ("养老护理员", "4-10-01-05"),
        ("茶艺师", "4-03-02-07"), ("电子装配工", "6-25-04-07"),
    ]
    static let demoCounties = DemoWorkers.counties

    private static func daysAgo(_ days: Int, from now: Date) -> Day { Day(now.addingTimeInterval(-Double(days) * 86_400)) }

    /// Generates the registers; `now` fixes "today" for the dates.
    public static func generate(regions: RegionDirectory, on database: any Database, now: Date = Date()) async throws -> Report {
        var random = SeededRandom(seed: 97_111)
        var report = Report()
        let today = Day(now)
        let brands = LaborBrandRepository(database: database, regions: regions)
        // Brands: 97 in all with 111 leading units; the three named ones get two units each.
        let shaanxiCounties = regions.subtree(of: "61").filter { $0.level == .county }.map(\.code).sorted()
        var brandByCounty: [String: LaborBrand] = [:]
        var unitsLeft = 111
        for index in 0..<97 {
            let isNamed = index < named.count
            let (name, county, occupation): (String, String, String)
            if isNamed {
                (name, county, occupation) = named[index]
            } else {
                let place = shaanxiCounties[(index * 7) % shaanxiCounties.count]
                let trade = trades[(index + random.next(trades.count)) % trades.count]
                let short = (regions[place]?.name ?? place).replacingOccurrences(of: "自治县", with: "").replacingOccurrences(of: "县", with: "")
                    .replacingOccurrences(of: "区", with: "").replacingOccurrences(of: "市", with: "")
                (name, county, occupation) = ("\(short)\(trade.0)（演示\(index)）", place, trade.1)
            }
            let brandsLeft = 97 - index
            let unitCount = isNamed ? 2 : max(1, min(2, unitsLeft - (brandsLeft - 1)))
            unitsLeft -= unitCount
            let units = (0..<unitCount).map { unit in
                LaborBrandDraft.LeadingUnitDraft(name: "\(name.prefix { $0 != "（" })\(["培训学校", "劳务公司", "专业合作社"][(index + unit) % 3])（演示）",
                                                 kind: [LeadingUnitKind.trainingInstitution, .enterprise, .cooperative][(index + unit) % 3].rawValue)
            }
            var brand = try await brands.create(LaborBrandDraft(
                name: name, countyCode: county, occupationCode: occupation, level: isNamed ? "province" : ["county", "county", "city"][random.next(3)],
                since: 2019 + random.next(7), leadingUnits: units,
                description: isNamed ? "品牌名称与所在县来自复函；认定年份、级别和引领单位为演示生成数据。" : "演示生成数据"), by: .system, today: today)
            if !isNamed {
                brand.generated = true
                try await Register.save(brand, seq: try await ChangeSequence.next(on: database), on: database)
            }
            if brandByCounty[county] == nil || isNamed { brandByCounty[county] = brand }
            report.brands += 1
            report.leadingUnits += unitCount
        }

        // Workers of the demo counties, and the Jiangsu employers with open jobs.
        let workers = try await WorkerModel.query(on: database).sort(\.$name).all()
        let workersByCounty = Dictionary(grouping: workers, by: \.homeCounty)
        // Jobs grouped by the city their employer is in (trips and order-based training go to employers of a city).
        let employerCities = Dictionary(try await EmployerModel.query(on: database).all().map { ($0.id!, String($0.regionCode.prefix(4))) },
                                        uniquingKeysWith: { a, _ in a })
        let postings = try await JobPostingModel.query(on: database).filter(\.$employerID != nil).all().map { try $0.posting }
            .filter { $0.status(on: today) == .open && employerCities[$0.employerID!]?.hasPrefix("32") == true }
        let postingsByCity = Dictionary(grouping: postings) { employerCities[$0.employerID!]! }
        let pairings = try await PairingModel.query(on: database).all().map { try $0.pairing }

        // Workers carry the brand of their county when they wish its occupation.
        for worker in workers {
            guard let brand = brandByCounty[worker.homeCounty], let wished = try? worker.masked().wishedOccupations,
                  wished.contains(where: { brand.occupationCode.hasPrefix($0) || $0.hasPrefix(brand.occupationCode) }), random.next(2) == 0 else { continue }
            try await WorkerBrands.grant(brand: brand, to: worker, seq: try await ChangeSequence.next(on: database), on: database)
        }

        // Training: per demo county, a finished project-based course and an order-based one with a paired employer.
        let training = TrainingRepository(database: database, regions: regions)
        for (offset, county) in demoCounties.enumerated() {
            let people = workersByCounty[county] ?? []
            let brand = brandByCounty[county]
            let pastStart = daysAgo(120 + offset * 5, from: now), pastEnd = daysAgo(90 + offset * 5, from: now)
            let past = try await training.save(TrainingProgrammeDraft(
                name: "\(regions[county]?.name ?? county)\(brand.map { $0.name.prefix { $0 != "（" } } ?? "技能")培训班（演示）", mode: "project_based",
                occupationCode: brand?.occupationCode ?? "4-03-02-01", provider: "\(regions[county]?.name ?? county)职业技术教育中心（演示）",
                countyCode: county, brandId: brand?.id, seats: 30, startsOn: pastStart.description, endsOn: pastEnd.description,
                subsidy: Int64(1500 + random.next(10) * 100) * 100), by: .system)
            report.programmes += 1
            for (index, person) in people.prefix(8).enumerated() {
                let enrolment = try await training.enrol(person.id!, in: past.id, by: .system, today: pastStart)
                report.trainees += 1
                guard index < 7 else { continue }
                _ = try await training.record(enrolment.id, .completed, on: pastEnd, by: .system, today: today)
                if index < 5 {
                    _ = try await training.record(enrolment.id, .certified, on: daysAgo(80, from: now),
                                                  certificateNumber: "DEMO-\(county)-\(index + 1)", by: .system, today: today)
                }
                if index < 4 { _ = try await training.record(enrolment.id, .employed, on: daysAgo(60, from: now), by: .system, today: today) }
            }
            let paired = pairings.filter { county.hasPrefix($0.westCode) && $0.isActive(in: today.year) }.map { String($0.eastCode.prefix(4)) }
            guard let city = paired.first(where: { postingsByCity[$0] != nil }), let job = postingsByCity[city]?.first, let employer = job.employerID else {
                continue
            }
            let current = try await training.save(TrainingProgrammeDraft(
                name: "\(job.title)订单班（演示）", mode: "order_based", occupationCode: job.occupationCode, provider: "\(job.employerName)培训部",
                countyCode: county, employerId: employer, hireCommitment: 10, seats: 20, startsOn: daysAgo(10, from: now).description,
                endsOn: daysAgo(-30, from: now).description, subsidy: 200_000), by: .system)
            report.programmes += 1
            for person in people.dropFirst(8).prefix(4) {
                _ = try await training.enrol(person.id!, in: current.id, by: .system, today: today)
                report.trainees += 1
            }
        }

        // Gig markets with upcoming gigs and a few sign-ups.
        let gigs = GigRepository(database: database, regions: regions)
        let tasks = [("搬运装卸", "180"), ("采茶", "150"), ("保洁", "25"), ("工地小工", "200"), ("食用菌采收", "160")]
        for (offset, county) in demoCounties.enumerated() {
            let name = regions[county]?.name ?? county
            let market = try await gigs.saveMarket(GigMarketDraft(
                name: "\(name)零工市场（演示）", countyCode: county, address: "\(name)人力资源市场一楼（演示地址）", hours: "周一至周六 7:00–18:00",
                services: ["matching", "policy_advice", "rest_area"] + (offset % 2 == 0 ? ["training", "rights_protection"] : []),
                phone: "0914-\(1_000_000 + offset)"), by: .system)
            report.markets += 1
            for day in 1...3 {
                let task = tasks[(offset + day) % tasks.count]
                let perHour = task.0 == "保洁"
                let gig = try await gigs.saveTask(GigTaskDraft(
                    title: "\(task.0)（演示）", date: daysAgo(-day, from: now).description, place: "\(name)城区（演示）",
                    pay: Int64(task.1)! * 100, payUnit: perHour ? "hour" : "day", headcount: 3 + random.next(8)), market: market.id, by: .system, today: today)
                report.gigs += 1
                for person in (workersByCounty[county] ?? []).dropFirst(12 + day).prefix(1) {
                    _ = try await gigs.signUp(person.id!, for: gig.id, by: .system, today: today)
                }
            }
        }

        // Direct-transport trips: an arrived one (placing its passengers) and a planned one, from the counties whose
        // paired city has open jobs.
        let trips = TripRepository(database: database, regions: regions)
        for county in demoCounties.prefix(5) {
            let paired = pairings.filter { county.hasPrefix($0.westCode) && $0.isActive(in: today.year) }.map { String($0.eastCode.prefix(4)) }
            guard let city = paired.first(where: { postingsByCity[$0] != nil }), let jobs = postingsByCity[city] else { continue }
            let employers = Array(Set(jobs.compactMap(\.employerID))).sorted { $0.uuidString < $1.uuidString }.prefix(3)
            let people = (workersByCounty[county] ?? []).suffix(6)
            for (arrived, date) in [(true, daysAgo(20, from: now)), (false, daysAgo(-14, from: now))] {
                let trip = try await trips.save(DirectTripDraft(date: date.description, fromCounty: county, destinationCode: city,
                                                                employerIds: Array(employers), seats: 45, note: "演示车次"), by: .system)
                report.trips += 1
                let riders = arrived ? Array(people.prefix(3)) : Array(people.suffix(3))
                for (index, person) in riders.enumerated() {
                    let candidates = jobs.filter { employers.contains($0.employerID!) }
                    _ = try? await trips.board(trip.id, worker: person.id!, posting: candidates[index % candidates.count].id, by: .system, today: today)
                }
                if arrived { _ = try? await trips.move(trip.id, to: .arrived, on: date, by: .system, today: today) }
            }
        }

        // Assistance workshops.
        let workshops = WorkshopRepository(database: database, regions: regions)
        let products = ["香菇分拣", "服装加工", "电子线束", "茶叶精制", "手工编织", "中药材初加工", "假发制作"]
        for index in 0..<36 {
            let county = demoCounties[index % demoCounties.count]
            let townships = regions.children(of: county).filter { $0.level == .township }
            let village = townships.isEmpty ? "示范村" : townships[random.next(townships.count)].name
            let workers = 12 + random.next(60)
            var workshop = try await workshops.save(AssistanceWorkshopDraft(
                name: "\(village)\(products[index % products.count])帮扶车间（演示）", countyCode: county, village: village,
                owner: "\(village)\(["农业专业合作社", "实业有限公司", "服饰有限公司"][index % 3])（演示）", product: products[index % products.count],
                opened: daysAgo(200 + random.next(1500), from: now).description, workers: workers, workersPovertyLifted: workers * (40 + random.next(50)) / 100,
                partner: index % 3 == 0 ? "江苏帮扶企业（演示）" : nil), by: .system, today: today)
            workshop.generated = true
            try await Register.save(workshop, seq: try await ChangeSequence.next(on: database), on: database)
            report.workshops += 1
        }
        return report
    }
}
