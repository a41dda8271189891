import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// Generated employers and job postings (labelled as generated) in the Jiangsu regions paired with Shaanxi and in
/// the Shaanxi counties, including the occupations of the named labour brands: 丹凤厨工, 紫阳修脚师, 山阳辅警.
public enum DemoJobs {
    /// What a generation produced.
    public struct Report: Sendable {
        public var employers = 0
        public var postings = 0
        /// The first employer generated, which the demo enterprise account acts for.
        public var firstEmployer: UUID?
    }

    /// A kind of job the generator draws from: title, occupation, monthly wage range in yuan, usual benefits.
    struct Kind {
        var title: String
        var occupation: String
        var wage: ClosedRange<Int>
        var benefits: [Benefit]
        var industry: String
    }

    static let kinds: [Kind] = [
        Kind(title: "中式烹调师（丹凤厨工）", occupation: "4-03-02-01", wage: 6000...9000, benefits: [.board, .lodging, .socialInsurance], industry: "餐饮"),
        Kind(title: "厨师", occupation: "4-03-02-01", wage: 5500...8500, benefits: [.board, .lodging], industry: "餐饮"),
        Kind(title: "修脚师（紫阳修脚师）", occupation: "4-10-03-05", wage: 6000...15000, benefits: [.board, .lodging, .training], industry: "生活服务"),
        Kind(title: "辅警（山阳辅警）", occupation: "3-02-02-02", wage: 3500...5000, benefits: [.socialInsurance, .housingFund], industry: "公共服务"),
        Kind(title: "电子厂普工", occupation: "6-25-04-07", wage: 4500...6500, benefits: [.board, .lodging, .socialInsurance, .travelPaid], industry: "电子制造"),
        Kind(title: "保安员", occupation: "4-07-05-01", wage: 3800...5000, benefits: [.board, .socialInsurance], industry: "物业服务"),
        Kind(title: "货运司机", occupation: "4-02-02-02", wage: 7000...10000, benefits: [.socialInsurance], industry: "物流"),
        Kind(title: "餐厅服务员", occupation: "4-03-02-05", wage: 3800...5000, benefits: [.board, .lodging], industry: "餐饮"),
        Kind(title: "家政服务员", occupation: "4-10-01-06", wage: 5000...8000, benefits: [.training], industry: "家政"),
        Kind(title: "月嫂（母婴护理）", occupation: "4-10-01-06", wage: 8000...15000, benefits: [.training, .board], industry: "家政"),
        Kind(title: "焊工", occupation: "6-18-02-04", wage: 7000...10000, benefits: [.board, .lodging, .socialInsurance], industry: "装备制造"),
        Kind(title: "快递员", occupation: "4-02-07-08", wage: 6000...9000, benefits: [.socialInsurance], industry: "物流"),
        Kind(title: "养老护理员", occupation: "4-10-01-05", wage: 4500...6500, benefits: [.board, .lodging, .training], industry: "养老"),
        Kind(title: "缝纫工", occupation: "6-05-01-03", wage: 5000...8000, benefits: [.board, .lodging, .travelPaid], industry: "纺织服装"),
        Kind(title: "电工", occupation: "6-31-01-03", wage: 6000...9000, benefits: [.socialInsurance, .housingFund], industry: "装备制造"),
        Kind(title: "包装工", occupation: "6-31-05-00", wage: 4000...5500, benefits: [.board, .lodging], industry: "食品加工"),
    ]

    static let nameWords = ["鑫达", "苏陕", "恒通", "华润", "金陵", "新源", "汉江", "秦岭", "富民", "长江", "瑞丰", "安康", "协力", "东方", "众诚", "嘉和"]

    /// Generates about `postings` postings and one employer per eight of them, spread over the paired regions,
    /// all originating on `platform`. Employers' phones are sealed with `cipher`.
    public static func generate(postings: Int, platform: String, regions: RegionDirectory, cipher: PersonalDataCipher,
                                on database: any Database, today: Day = Day(Date()), seed: UInt64 = 4,
                                progress: @Sendable (Double) -> Void = { _ in }) async throws -> Report {
        var random = SeededRandom(seed: seed &* 104_729 &+ UInt64(postings))
        let pairings = try await PairingModel.query(on: database).all().map { try $0.pairing }
        var places: [String] = []
        for code in Set(pairings.flatMap { [$0.eastCode, $0.westCode] }).sorted() {
            let counties = regions.subtree(of: code).filter { $0.level == .county }.map(\.code)
            places += counties.isEmpty ? (regions[code]?.level == .county ? [code] : []) : Array(counties.prefix(6))
        }
        guard !places.isEmpty else { return Report() }
        let employerCount = max(1, postings / 8)
        var report = Report()
        let existing = try await EmployerModel.query(on: database).count()
        var employers: [(id: UUID, name: String, code: String, place: String, contact: String)] = []
        var employerRows: [[any SQLExpression]] = []
        let now = Date()
        for index in 0..<employerCount {
            let place = places[random.next(places.count)]
            let kind = kinds[random.next(kinds.count)]
            let placeName = regions.path(to: place).first(where: { $0.level == .city })?.name.replacingOccurrences(of: "市", with: "") ?? ""
            let name = "\(placeName)\(nameWords[random.next(nameWords.count)])\(kind.industry)有限公司（演示\(existing + index + 1)）"
            let body = "91" + place + String(format: "%08d", existing + index).map { String($0) }.joined() + "X"
            let code = CreditCode.completing(String(body.prefix(17)))!
            let phone = "13" + String(format: "%09d", random.next(1_000_000_000))
            let id = UUID()
            let contact = ["王", "李", "张", "刘", "陈"][random.next(5)] + ["经理", "主管", "女士", "先生"][random.next(4)]
            employers.append((id, name, code, place, contact))
            employerRows.append([SQLBind(id), SQLBind(code), SQLBind(name), SQLBind(place), SQLBind(kind.industry), SQLBind(contact),
                                 SQLBind(try cipher.seal(phone)), SQLBind(PhoneNumber.masked(phone)), SQLBind(Int64(0)),
                                 SQLBind(now), SQLBind(now)])
        }
        let frozenEmployers = employerRows
        try await database.writeTransaction { tx in
            let tsql = tx as! any SQLDatabase
            try await BulkInsert.run(frozenEmployers, into: "employers", columns: ["id", "credit_code", "name", "region_code", "industry",
                                                                        "contact_name", "contact_phone_sealed", "contact_phone_masked",
                                                                        "change_seq", "created_at", "updated_at"], on: tsql)
        }
        report.employers = employerCount
        report.firstEmployer = employers.first?.id
        let batch = 5_000
        for start in stride(from: 0, to: postings, by: batch) {
            let count = min(batch, postings - start)
                // The change numbers are taken in the insert's own transaction, so they commit in order with every
                // other write; their columns hold a placeholder until then.
                var rows: [[any SQLExpression]] = []
                rows.reserveCapacity(count)
                for id in UUID.timeOrdered(count) {
                    let employer = employers[random.next(employers.count)]
                    let kind = kinds[random.next(kinds.count)]
                    let place = random.next(3) == 0 ? places[random.next(places.count)] : employer.place
                    let low = kind.wage.lowerBound + random.next(max(1, (kind.wage.upperBound - kind.wage.lowerBound) / 2)) / 100 * 100
                    let high = low + 500 + random.next(20) * 100
                    let benefits = kind.benefits.filter { _ in random.next(5) > 0 }.sorted { $0.rawValue < $1.rawValue }
                    let ageMin = 18 + random.next(5)
                    let ageMax = 45 + random.next(15)
                    let valid = Day(Calendar(identifier: .gregorian).date(byAdding: .day, value: 30 + random.next(150), to: now)!)
                    let posted = now.addingTimeInterval(-Double(random.next(60 * 86_400)))
                    let headcount = 1 + random.next(30)
                    let placeName = regions[place]?.name ?? place
                    let description = "\(employer.name)招聘\(kind.title)\(headcount)名，工作地点\(placeName)。"
                        + "月薪\(low)–\(high)元，\(benefits.isEmpty ? "待遇面议" : benefits.map { benefitText[$0]! }.joined(separator: "、"))。"
                        + "年龄\(ageMin)–\(ageMax)岁，欢迎脱贫劳动力报名。（演示数据，随机生成）"
                    let title = kind.title
                    let contact = random.next(2) == 0 ? employer.contact : nil
                    rows.append(JobPostingColumn.all.map { column -> any SQLExpression in
                        switch column {
                        case .id: SQLBind(id)
                        case .employerID: SQLBind(employer.id)
                        case .employerName: SQLBind(employer.name)
                        case .employerCreditCode: SQLBind(employer.code)
                        case .title: SQLBind(title)
                        case .occupationCode: SQLBind(kind.occupation)
                        case .description: SQLBind(description)
                        case .countyCode: SQLBind(place)
                        case .wageMin: SQLBind(Int64(low) * 100)
                        case .wageMax: SQLBind(Int64(high) * 100)
                        case .wageType: SQLBind(WageType.allCases[random.next(3) == 0 ? 1 : 0].rawValue)
                        case .headcount: SQLBind(headcount)
                        case .education: SQLBind(Education.allCases[random.next(4)].rawValue)
                        case .ageMin: SQLBind(ageMin)
                        case .ageMax: SQLBind(ageMax)
                        case .benefits: SQLBind(benefits.map(\.rawValue).joined(separator: ","))
                        case .validThrough: SQLBind(valid.description)
                        case .status: SQLBind(JobStatus.open.rawValue)
                        case .originPlatform: SQLBind(platform)
                        case .originID: SQLBind(id.uuidString.lowercased())
                        case .originVersion, .changeSeq: SQLLiteral.null
                        case .duplicateKey: SQLBind(JobText.duplicateKey(creditCode: employer.code, title: title, countyCode: place,
                                                                          wageMin: Int64(low) * 100, wageMax: Int64(high) * 100))
                        case .postedAt: SQLBind(posted)
                        case .createdAt, .updatedAt: SQLBind(now)
                        case .contactPerson: contact.map { SQLBind($0) } ?? SQLLiteral.null
                        }
                    })
                }
                let frozen = rows
                try await database.writeTransaction { tx in
                    let numbers = try await ChangeSequence.reserve(count, on: tx)
                    let complete = zip(frozen, numbers).map { row, number -> [any SQLExpression] in
                        var row = row
                        row[JobPostingColumn.originVersion.rawValue] = SQLBind(number)
                        row[JobPostingColumn.changeSeq.rawValue] = SQLBind(number)
                        return row
                    }
                    try await BulkInsert.run(complete, into: "job_postings", columns: JobPostingRow.insertColumns, on: tx as! any SQLDatabase)
                }
            report.postings += count
            progress(Double(report.postings) / Double(postings))
        }
        return report
    }

    static let benefitText: [Benefit: String] = [
        .board: "包吃", .lodging: "包住", .socialInsurance: "缴纳五险", .housingFund: "公积金", .travelPaid: "报销路费", .training: "岗前培训",
    ]
}
