import Foundation

/// Finding occupations by what people call them: the classification's names (Chinese and English) and the common
/// names workers and employers use (厨师 for 中式烹调师, 保姆 for 家政服务员, 外卖 for 网约配送员).
extension OccupationCatalogue {
    /// Common names, by code. Each is what a job seeker or an employer types; several codes may share one (司机).
    public static let aliases: [String: [String]] = [
        "3-02-02-01": ["保卫", "保卫干事"],
        "3-02-02-02": ["协警", "警务辅助"],
        "4-01-02-03": ["营业员", "导购", "售货员", "店员", "shop assistant"],
        "4-01-02-04": ["收银", "cashier"],
        "4-02-02-01": ["司机", "驾驶员", "大巴司机", "公交司机", "driver"],
        "4-02-02-02": ["司机", "驾驶员", "货车司机", "卡车司机", "货运司机", "truck driver", "driver"],
        "4-02-05-01": ["搬运工", "装卸工", "搬运", "porter"],
        "4-02-06-01": ["仓管", "库管", "仓库管理员", "仓库"],
        "4-02-07-08": ["快递", "快递小哥", "courier"],
        "4-03-01-02": ["服务员", "客房", "酒店服务员"],
        "4-03-02-01": ["厨师", "厨工", "大厨", "帮厨", "炒菜", "厨子", "cook", "chef"],
        "4-03-02-02": ["面点", "面点师", "白案", "pastry"],
        "4-03-02-05": ["服务员", "传菜员", "餐厅", "waiter", "waitress"],
        "4-07-05-01": ["保安", "门卫", "security"],
        "4-09-08-01": ["保洁", "清洁工", "环卫工", "cleaner"],
        "4-10-01-01": ["早教", "育婴"],
        "4-10-01-03": ["保育员", "幼儿园阿姨", "育婴"],
        "4-10-01-05": ["护工", "护理员", "养老", "carer"],
        "4-10-01-06": ["家政", "保姆", "月嫂", "育儿嫂", "钟点工", "母婴护理", "housekeeper", "nanny"],
        "4-10-03-02": ["理发师", "发型师", "理发", "hairdresser"],
        "4-10-03-05": ["修脚", "足疗"],
        "4-10-04-02": ["按摩师", "按摩", "推拿", "massage"],
        "4-10-08-01": ["外卖", "外卖员", "骑手", "配送员", "送餐员", "delivery"],
        "4-12-01-01": ["汽修", "修车", "汽车修理工", "mechanic"],
        "4-14-01-02": ["护工", "陪护", "护理员", "carer"],
        "6-05-01-03": ["缝纫", "裁缝", "制衣工", "服装工", "sewing"],
        "6-18-02-04": ["电焊工", "电焊", "氩弧焊", "焊接", "welder"],
        "6-25-04-07": ["普工", "电子厂", "流水线", "操作工", "装配工", "assembler"],
        "6-29-01-01": ["瓦工", "泥瓦工", "砌墙"],
        "6-29-01-04": ["钢筋"],
        "6-29-04-01": ["装修工", "装修", "油漆工"],
        "6-30-05-01": ["叉车", "叉车司机", "叉车工", "吊车司机", "塔吊", "forklift"],
        "6-31-01-03": ["维修电工", "水电工", "electrician"],
        "6-31-03-05": ["质检", "检验员", "qc"],
        "6-31-05-00": ["包装", "打包", "packer"],
    ]

    /// One occupation found by a search: the entry and, when it matched a common name rather than its own, that name.
    public struct Hit: Sendable, Equatable, Codable {
        public var occupation: Occupation
        public var matchedAlias: String?
    }

    /// Occupations (small groups and occupations, not the broad major and middle groups) whose code, name or common
    /// names contain `query`, best first: exact names, then names starting with it, then the rest; within each, by code.
    /// At most `limit`.
    public static func search(_ query: String, limit: Int = 20) -> [Hit] {
        let text = JobText.normalised(query.trimmingCharacters(in: .whitespacesAndNewlines))
        // One Latin letter or digit matches too much to help; one Han character (厨) is a word.
        guard !text.isEmpty, text.count >= 2 || text.unicodeScalars.first.map(JobText.isHan) == true else { return [] }
        var hits: [(rank: Int, hit: Hit)] = []
        for occupation in all {
            if let rank = rank(occupation, text) { hits.append(rank) }
        }
        return hits.sorted { ($0.rank, $0.hit.occupation.code) < ($1.rank, $1.hit.occupation.code) }.prefix(limit).map(\.hit)
    }

    /// The codes a job search for `word` also covers: every occupation (or small group) it names, so postings under
    /// them match even when their title does not contain the word.
    public static func codes(matching word: String) -> [String] {
        search(word, limit: all.count).map(\.occupation.code)
    }

    private static func rank(_ occupation: Occupation, _ text: String) -> (rank: Int, hit: Hit)? {
        if occupation.code == text { return (0, Hit(occupation: occupation, matchedAlias: nil)) }
        if text.first?.isNumber == true, occupation.code.hasPrefix(text), occupation.level != .major {
            return (3, Hit(occupation: occupation, matchedAlias: nil))
        }
        guard occupation.level == .small || occupation.level == .occupation else { return nil }
        let zh = occupation.nameZh, en = occupation.nameEn.lowercased()
        if zh == text || en == text { return (0, Hit(occupation: occupation, matchedAlias: nil)) }
        if zh.hasPrefix(text) || en.hasPrefix(text) { return (1, Hit(occupation: occupation, matchedAlias: nil)) }
        let names = aliases[occupation.code] ?? []
        if let alias = names.first(where: { $0 == text }) { return (1, Hit(occupation: occupation, matchedAlias: alias)) }
        // Inside a name only from two characters on (式 is no one's word for a job); inside a common name from one (厨).
        if (text.count >= 2 && zh.contains(text)) || (text.count >= 3 && en.contains(text)) { return (2, Hit(occupation: occupation, matchedAlias: nil)) }
        let longEnough = text.count >= 2 || text.unicodeScalars.first.map(JobText.isHan) == true
        if longEnough, let alias = names.first(where: { $0.contains(text) }) {
            return (2, Hit(occupation: occupation, matchedAlias: alias))
        }
        return nil
    }
}
