import Foundation

// National occupational classification (中华人民共和国职业分类大典, 2022 edition), a curated subset.
//
// Sources:
// - Small groups and occupations: the career catalogue of the MOHRSS Occupational Skill Testing Authority
//   (职业技能鉴定中心, https://www.osta.org.cn/career), taxonomy version 2 (the 2022 edition plus
//   occupations announced since). We used a public snapshot of it (GitHub Tre-Liu/XuetangX-JobCenter,
//   work/job-occupation-mapping/osta_occupation_catalog.json). It also confirms 7-0x-00-00 and 8-00-00-00.
//   Two codes were checked a second way: 中式烹调师 4-03-02-01 against the 中式烹调师（药膳制作师）national
//   standard (2025), which is based on the 2022 edition, and 家政服务员 4-10-01-06 against the 2019 national
//   skill standard.
// - Major groups (大类): several public transcriptions of the 2022 edition agree. Note the 2022 wording
//   "军队人员" for group 7 (the 2015 edition said "军人").
// - Middle groups (中类): two independent public transcriptions of the 2022 edition give the same list.
//   Their 79 entries match the edition's published count, and the small groups in the OSTA catalogue fit
//   under them. This includes the names that changed in 2022, such as 4-02 "…仓储物流…", 4-13, 4-14,
//   6-27 "再生资源综合利用人员", 3-03 and 2-07 "监察、…".
// - 辅警 is a 2022 occupation: 3-02-02-02, in small group 3-02-02 保卫和警务辅助人员. It is shipped.
//
// Deliberately not shipped:
// - Middle groups 1-01 and 1-05, so 77 of the 79 middle groups are shipped. The transcriptions name them
//   "中国共产党机关负责人" and "基层群众自治组织负责人", but in the OSTA catalogue their only small groups
//   (1-01-00, 1-05-00) are "中国共产党机关和基层组织负责人" and "基层群众性自治组织负责人". We could not
//   settle which wording the 2022 edition uses. Codes under them fall back to major group 1 through `nearest(_:)`.
// - All the other small groups and occupations (about 1,600). We ship only a selection useful for labour
//   cooperation, each with its small group so that `nearest(_:)` finds a close name.
// - 育婴员: the catalogue has no 4-10-01-02. The nearest entries are 婴幼儿发展引导员 4-10-01-01 and
//   保育师 4-10-01-03, both shipped.
// - A generic "汽车驾驶员": the catalogue has no such occupation. Use 客运车辆驾驶员 4-02-02-01,
//   道路货运汽车驾驶员 4-02-02-02, or 专用车辆驾驶员 6-30-01-00.
// - The catalogue's green/digital markers (L, S, L/S) after names.
//
// English names are our own working translations, not an official English version.

/// One entry of the national occupational classification.
public struct Occupation: Sendable, Hashable, Codable {
    /// Dash-separated code: `"4"`, `"4-03"`, `"4-03-02"` or `"4-03-02-01"`.
    public let code: String
    /// Official name in Simplified Chinese.
    public let nameZh: String
    /// Working English translation (not official).
    public let nameEn: String

    /// Depth in the classification, from major group (大类) down to occupation (职业/细类).
    public enum Level: Int, Sendable, CaseIterable, Codable {
        case major = 1, middle, small, occupation
    }

    /// Creates an entry.
    public init(code: String, nameZh: String, nameEn: String) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
    }

    /// The level, taken from the number of dash-separated parts of `code`.
    public var level: Level {
        switch code.split(separator: "-", omittingEmptySubsequences: false).count {
        case ...1: .major
        case 2: .middle
        case 3: .small
        default: .occupation
        }
    }

    /// The code one level up (`"4-03-02-01"` → `"4-03-02"`), or nil for a major group.
    public var parentCode: String? {
        guard let dash = code.lastIndex(of: "-") else { return nil }
        return String(code[..<dash])
    }
}

/// The shipped subset of the 2022 national occupational classification, with lookups.
public enum OccupationCatalogue {
    /// Every shipped entry, ordered by code. Because every part of a code has a fixed width, this order also
    /// puts each parent before its children.
    public static let all: [Occupation] = entries.sorted { $0.code < $1.code }

    private static let byCode: [String: Occupation] =
        Dictionary(all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    /// Lookup by exact code.
    public static func named(_ code: String) -> Occupation? {
        byCode[code]
    }

    /// True when `code` has the classification's shape: `d`, `d-dd`, `d-dd-dd` or `d-dd-dd-dd` (ASCII digits),
    /// with major group 1...8. This checks the shape only; the code need not be shipped.
    public static func isWellFormed(_ code: String) -> Bool { depth(code) != nil }

    /// How many parts a well-formed code has (1 for a major group … 4 for an occupation); nil for any other text.
    /// Read from the bytes: every posting a partner sends is checked, and splitting the code was a sixth of that check.
    public static func depth(_ code: String) -> Int? {
        var code = code
        return code.withUTF8 { bytes -> Int? in
            guard bytes.count == 1 || bytes.count == 4 || bytes.count == 7 || bytes.count == 10,
                  (0x31...0x38).contains(bytes[0]) else { return nil }
            var index = 1
            while index < bytes.count {
                guard bytes[index] == UInt8(ascii: "-"), (0x30...0x39).contains(bytes[index + 1]),
                      (0x30...0x39).contains(bytes[index + 2]) else { return nil }
                index += 3
            }
            return (bytes.count + 2) / 3
        }
    }

    /// The nearest shipped entry that is `code` itself or one of its ancestors, so that an unlisted occupation
    /// under a known middle group still has a name. Nil for malformed codes.
    public static func nearest(_ code: String) -> Occupation? {
        guard isWellFormed(code) else { return nil }
        var current = Substring(code)
        while true {
            if let hit = byCode[String(current)] { return hit }
            guard let dash = current.lastIndex(of: "-") else { return nil }
            current = current[..<dash]
        }
    }

    /// Major groups only, in code order.
    public static var majorGroups: [Occupation] {
        all.filter { $0.level == .major }
    }

    private static func entry(_ code: String, _ nameZh: String, _ nameEn: String) -> Occupation {
        Occupation(code: code, nameZh: nameZh, nameEn: nameEn)
    }

    private static let entries: [Occupation] = [
        // MARK: 1 党的机关、国家机关、群众团体和社会组织、企事业单位负责人
        entry("1", "党的机关、国家机关、群众团体和社会组织、企事业单位负责人",
              "Heads of Party and state organs, mass and social organisations, enterprises and public institutions"),
        // 1-01 and 1-05: not shipped (see the header).
        entry("1-02", "国家机关负责人", "Heads of state organs"),
        entry("1-03", "民主党派和工商联负责人", "Heads of democratic parties and federations of industry and commerce"),
        entry("1-04", "人民团体和群众团体、社会组织及其他成员组织负责人",
              "Heads of people's and mass organisations, social organisations and other membership organisations"),
        entry("1-06", "企事业单位负责人", "Heads of enterprises and public institutions"),

        // MARK: 2 专业技术人员
        entry("2", "专业技术人员", "Professional and technical personnel"),
        entry("2-01", "科学研究人员", "Scientific researchers"),
        entry("2-02", "工程技术人员", "Engineering and technical personnel"),
        entry("2-03", "农业技术人员", "Agricultural technical personnel"),
        entry("2-04", "飞机和船舶技术人员", "Aircraft and ship technical personnel"),
        entry("2-05", "卫生专业技术人员", "Health professionals"),
        entry("2-06", "经济和金融专业人员", "Economics and finance professionals"),
        entry("2-07", "监察、法律、社会和宗教专业人员", "Supervisory, legal, social and religious professionals"),
        entry("2-08", "教学人员", "Teaching personnel"),
        entry("2-09", "文学艺术、体育专业人员", "Literature, arts and sports professionals"),
        entry("2-10", "新闻出版、文化专业人员", "Journalism, publishing and cultural professionals"),
        entry("2-99", "其他专业技术人员", "Other professional and technical personnel"),

        // MARK: 3 办事人员和有关人员
        entry("3", "办事人员和有关人员", "Clerks and related personnel"),
        entry("3-01", "行政办事及辅助人员", "Administrative clerks and support personnel"),
        entry("3-02", "安全和消防及辅助人员", "Security, firefighting and support personnel"),
        entry("3-02-02", "保卫和警务辅助人员", "Security guarding and police auxiliary personnel"),
        entry("3-02-02-01", "保卫管理员", "Security management officer"),
        entry("3-02-02-02", "辅警", "Auxiliary police officer"),
        entry("3-03", "法律事务及辅助人员", "Legal affairs and support personnel"),
        entry("3-99", "其他办事人员和有关人员", "Other clerks and related personnel"),

        // MARK: 4 社会生产服务和生活服务人员
        entry("4", "社会生产服务和生活服务人员", "Production and everyday-life service personnel"),
        entry("4-01", "批发与零售服务人员", "Wholesale and retail service personnel"),
        entry("4-01-02", "销售人员", "Sales personnel"),
        entry("4-01-02-03", "商品营业员", "Shop assistant"),
        entry("4-01-02-04", "收银员", "Cashier"),
        entry("4-02", "交通运输、仓储物流和邮政业服务人员", "Transport, warehousing, logistics and postal service personnel"),
        entry("4-02-02", "道路运输服务人员", "Road transport service personnel"),
        entry("4-02-02-01", "客运车辆驾驶员", "Passenger vehicle driver"),
        entry("4-02-02-02", "道路货运汽车驾驶员", "Road freight truck driver"),
        entry("4-02-05", "装卸搬运和运输代理服务人员", "Loading, handling and freight agency service personnel"),
        entry("4-02-05-01", "装卸搬运工", "Loader and porter"),
        entry("4-02-06", "仓储物流服务人员", "Warehousing and logistics service personnel"),
        entry("4-02-06-01", "仓储管理员", "Warehouse keeper"),
        entry("4-02-07", "邮政和快递服务人员", "Postal and express delivery service personnel"),
        entry("4-02-07-08", "快递员", "Courier"),
        entry("4-03", "住宿和餐饮服务人员", "Accommodation and catering service personnel"),
        entry("4-03-01", "住宿服务人员", "Accommodation service personnel"),
        entry("4-03-01-02", "客房服务员", "Room attendant"),
        entry("4-03-02", "餐饮服务人员", "Catering service personnel"),
        entry("4-03-02-01", "中式烹调师", "Chinese cuisine cook"),
        entry("4-03-02-02", "中式面点师", "Chinese pastry cook"),
        entry("4-03-02-05", "餐厅服务员", "Restaurant server"),
        entry("4-04", "信息传输、软件和信息技术服务人员", "Information transmission, software and IT service personnel"),
        entry("4-05", "金融服务人员", "Financial service personnel"),
        entry("4-06", "房地产服务人员", "Real estate service personnel"),
        entry("4-07", "租赁和商务服务人员", "Leasing and business service personnel"),
        entry("4-07-05", "安全保护服务人员", "Security protection service personnel"),
        entry("4-07-05-01", "保安员", "Security guard"),
        entry("4-08", "技术辅助服务人员", "Technical support service personnel"),
        entry("4-09", "水利、环境和公共设施管理服务人员",
              "Water conservancy, environment and public facility management service personnel"),
        entry("4-09-08", "环境卫生服务人员", "Sanitation service personnel"),
        entry("4-09-08-01", "保洁员", "Cleaner"),
        entry("4-10", "居民服务人员", "Household and personal service personnel"),
        entry("4-10-01", "生活照料服务人员", "Daily-life care service personnel"),
        entry("4-10-01-01", "婴幼儿发展引导员", "Infant and toddler development guide"),
        entry("4-10-01-03", "保育师", "Childcare worker"),
        entry("4-10-01-05", "养老护理员", "Elderly care worker"),
        entry("4-10-01-06", "家政服务员", "Domestic service worker"),
        entry("4-10-03", "美容美发和浴池服务人员", "Beauty, hairdressing and bathhouse service personnel"),
        entry("4-10-03-02", "美发师", "Hairdresser"),
        entry("4-10-03-05", "修脚师", "Pedicurist"),
        entry("4-10-04", "保健服务人员", "Health-care service personnel"),
        entry("4-10-04-02", "保健按摩师", "Health massage therapist"),
        entry("4-10-08", "社区生活服务人员", "Community life service personnel"),
        entry("4-10-08-01", "网约配送员", "Online platform delivery rider"),
        entry("4-11", "电力、燃气及水供应服务人员", "Electricity, gas and water supply service personnel"),
        entry("4-12", "修理及制作服务人员", "Repair and making service personnel"),
        entry("4-12-01", "汽车摩托车修理技术服务人员", "Motor vehicle and motorcycle repair personnel"),
        entry("4-12-01-01", "汽车维修工", "Motor vehicle mechanic"),
        entry("4-13", "文化和教育服务人员", "Culture and education service personnel"),
        entry("4-14", "健康、体育和休闲服务人员", "Health, sports and leisure service personnel"),
        entry("4-14-01", "医疗辅助服务人员", "Medical support service personnel"),
        entry("4-14-01-02", "医疗护理员", "Medical care assistant"),
        entry("4-99", "其他社会生产服务和生活服务人员", "Other production and everyday-life service personnel"),

        // MARK: 5 农、林、牧、渔业生产及辅助人员
        entry("5", "农、林、牧、渔业生产及辅助人员",
              "Agriculture, forestry, animal husbandry and fishery production and support personnel"),
        entry("5-01", "农业生产人员", "Agricultural production personnel"),
        entry("5-02", "林业生产人员", "Forestry production personnel"),
        entry("5-03", "畜牧业生产人员", "Animal husbandry production personnel"),
        entry("5-04", "渔业生产人员", "Fishery production personnel"),
        entry("5-05", "农、林、牧、渔业生产辅助人员", "Agriculture, forestry, animal husbandry and fishery support personnel"),
        entry("5-99", "其他农、林、牧、渔业生产及辅助人员",
              "Other agriculture, forestry, animal husbandry and fishery production and support personnel"),

        // MARK: 6 生产制造及有关人员
        entry("6", "生产制造及有关人员", "Production, manufacturing and related personnel"),
        entry("6-01", "农副产品加工人员", "Agricultural and sideline product processing personnel"),
        entry("6-02", "食品、饮料生产加工人员", "Food and beverage production personnel"),
        entry("6-03", "烟草及其制品加工人员", "Tobacco and tobacco product processing personnel"),
        entry("6-04", "纺织、针织、印染人员", "Textile, knitting, printing and dyeing personnel"),
        entry("6-05", "纺织品、服装和皮革、毛皮制品加工制作人员", "Textile product, garment, leather and fur product makers"),
        entry("6-05-01", "纺织品和服装剪裁缝纫人员", "Textile and garment cutting and sewing personnel"),
        entry("6-05-01-03", "缝纫工", "Sewing machinist"),
        entry("6-06", "木材加工、家具与木制品制作人员", "Wood processing, furniture and wood product makers"),
        entry("6-07", "纸及纸制品生产加工人员", "Paper and paper product production personnel"),
        entry("6-08", "印刷和记录媒介复制人员", "Printing and recording media reproduction personnel"),
        entry("6-09", "文教、工美、体育和娱乐用品制造人员", "Stationery, arts and crafts, sports and entertainment goods makers"),
        entry("6-10", "石油加工和炼焦、煤化工生产人员", "Petroleum processing, coking and coal chemical production personnel"),
        entry("6-11", "化学原料和化学制品制造人员", "Chemical raw material and chemical product manufacturing personnel"),
        entry("6-12", "医药制造人员", "Pharmaceutical manufacturing personnel"),
        entry("6-13", "化学纤维制造人员", "Chemical fibre manufacturing personnel"),
        entry("6-14", "橡胶和塑料制品制造人员", "Rubber and plastic product manufacturing personnel"),
        entry("6-15", "非金属矿物制品制造人员", "Non-metallic mineral product manufacturing personnel"),
        entry("6-16", "采矿人员", "Mining personnel"),
        entry("6-17", "金属冶炼和压延加工人员", "Metal smelting and rolling personnel"),
        entry("6-18", "机械制造基础加工人员", "Basic machining personnel"),
        entry("6-18-02", "机械热加工人员", "Hot working personnel"),
        entry("6-18-02-04", "焊工", "Welder"),
        entry("6-19", "金属制品制造人员", "Metal product manufacturing personnel"),
        entry("6-20", "通用设备制造人员", "General-purpose equipment manufacturing personnel"),
        entry("6-21", "专用设备制造人员", "Special-purpose equipment manufacturing personnel"),
        entry("6-22", "汽车制造人员", "Motor vehicle manufacturing personnel"),
        entry("6-23", "铁路、船舶、航空设备制造人员", "Railway, ship and aircraft equipment manufacturing personnel"),
        entry("6-24", "电气机械和器材制造人员", "Electrical machinery and equipment manufacturing personnel"),
        entry("6-25", "计算机、通信和其他电子设备制造人员",
              "Computer, communication and other electronic equipment manufacturing personnel"),
        entry("6-25-04", "电子设备装配调试人员", "Electronic equipment assembly and testing personnel"),
        entry("6-25-04-07", "电子设备装接工", "Electronic equipment assembler"),
        entry("6-26", "仪器仪表制造人员", "Instrument and meter manufacturing personnel"),
        entry("6-27", "再生资源综合利用人员", "Renewable resource recycling personnel"),
        entry("6-28", "电力、热力、气体、水生产和输配人员", "Electricity, heat, gas and water production and distribution personnel"),
        entry("6-29", "建筑施工人员", "Construction personnel"),
        entry("6-29-01", "房屋建筑施工人员", "Building construction personnel"),
        entry("6-29-01-01", "砌筑工", "Bricklayer"),
        entry("6-29-01-03", "混凝土工", "Concrete worker"),
        entry("6-29-01-04", "钢筋工", "Rebar worker"),
        entry("6-29-01-05", "架子工", "Scaffolder"),
        entry("6-29-04", "建筑装饰人员", "Building decoration personnel"),
        entry("6-29-04-01", "装饰装修工", "Decoration and renovation worker"),
        entry("6-30", "运输设备和通用工程机械操作人员及有关人员",
              "Transport equipment and general construction machinery operators and related personnel"),
        entry("6-30-01", "专用车辆操作人员", "Special-purpose vehicle operators"),
        entry("6-30-01-00", "专用车辆驾驶员", "Special-purpose vehicle driver"),
        entry("6-30-05", "通用工程机械操作人员", "General construction machinery operators"),
        entry("6-30-05-01", "起重装卸机械操作工", "Lifting and handling machinery operator"),
        entry("6-31", "生产辅助人员", "Production support personnel"),
        entry("6-31-01", "机械设备修理人员", "Machinery and equipment repair personnel"),
        entry("6-31-01-03", "电工", "Electrician"),
        entry("6-31-03", "检验试验人员", "Inspection and testing personnel"),
        entry("6-31-03-05", "质检员", "Quality inspector"),
        entry("6-31-05", "包装人员", "Packaging personnel"),
        entry("6-31-05-00", "包装工", "Packer"),
        entry("6-99", "其他生产制造及有关人员", "Other production, manufacturing and related personnel"),

        // MARK: 7 军队人员
        entry("7", "军队人员", "Military personnel"),
        entry("7-01", "军官（警官）", "Commissioned officers (military and armed police)"),
        entry("7-02", "军士（警士）", "Non-commissioned officers (military and armed police)"),
        entry("7-03", "义务兵", "Conscripts"),
        entry("7-04", "文职人员", "Civilian personnel"),

        // MARK: 8 不便分类的其他从业人员
        entry("8", "不便分类的其他从业人员", "Other workers not elsewhere classified"),
        entry("8-00", "不便分类的其他从业人员", "Other workers not elsewhere classified"),
    ]
}
