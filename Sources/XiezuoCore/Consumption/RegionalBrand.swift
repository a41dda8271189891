import Foundation

/// What a product is, for the catalogue's filters.
public enum ProductCategory: String, Sendable, Codable, CaseIterable {
    /// 食用菌
    case ediblefungi = "edible_fungi"
    case tea, fruit, grain, meat
    /// 中药材
    case herbs
    /// 手工艺品
    case handicraft
    case other
}

/// A regional public brand (区域公用品牌) such as 紫阳富硒茶.
public struct RegionalBrand: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var name: String
    /// The county (or city) whose brand it is.
    public var regionCode: String
    public var category: ProductCategory
    /// A protected geographical indication (地理标志).
    public var geographicalIndication: Bool
    public var description: String?
    public var generated: Bool

    public init(id: UUID, name: String, regionCode: String, category: ProductCategory, geographicalIndication: Bool, description: String?,
                generated: Bool = false) {
        self.id = id
        self.name = name
        self.regionCode = regionCode
        self.category = category
        self.geographicalIndication = geographicalIndication
        self.description = description
        self.generated = generated
    }
}

/// What someone submits to record or edit a regional brand.
public struct RegionalBrandDraft: Sendable, Codable, Equatable {
    public var name: String?
    public var regionCode: String?
    public var category: String?
    public var geographicalIndication: Bool?
    public var description: String?

    public init(name: String? = nil, regionCode: String? = nil, category: String? = nil, geographicalIndication: Bool? = nil,
                description: String? = nil) {
        self.name = name
        self.regionCode = regionCode
        self.category = category
        self.geographicalIndication = geographicalIndication
        self.description = description
    }

    /// Checks every field: a Shaanxi city or county, a known category.
    public func validated(in regions: RegionDirectory, id: UUID) throws(DomainError) -> RegionalBrand {
        let name = try IndustryValidate.line(name, field: "name", max: 60)
        let code = try Validate.required(regionCode, field: "regionCode", max: 9)
        guard let region = regions[code] else { throw .invalid("regionCode", "unknown_region", ["code": code]) }
        guard region.province == .shaanxi, region.level == .city || region.level == .county else {
            throw .invalid("regionCode", "not_shaanxi_region")
        }
        return RegionalBrand(id: id, name: name, regionCode: code, category: try ConsumptionValidate.category(category),
                             geographicalIndication: geographicalIndication ?? false,
                             description: try Validate.text(description, field: "description", max: 2000, required: false))
    }
}

/// Checks shared by the consumption drafts.
public enum ConsumptionValidate {
    /// A known product category.
    public static func category(_ text: String?, field: String = "category") throws(DomainError) -> ProductCategory {
        let value = try Validate.required(text, field: field, max: 30)
        guard let category = ProductCategory(rawValue: value) else { throw .invalid(field, "unknown_choice", ["value": value]) }
        return category
    }

    /// A price or amount in fen, positive, at most a million yuan.
    public static func price(_ value: Int64?, field: String) throws(DomainError) -> Int64 {
        let fen = try Validate.fen(value, field: field, required: true, positive: true)!
        guard fen <= 100_000_000 else { throw .invalid(field, "amount_too_large") }
        return fen
    }
}

extension ProductCategory {
    /// The words buyers search a category by (茶 and 茶叶 for tea), in Chinese and English.
    public var searchNames: [String] {
        switch self {
        case .ediblefungi: ["食用菌", "菌菇", "蘑菇", "香菇", "木耳", "fungi", "mushroom"]
        case .tea: ["茶叶", "绿茶", "红茶", "tea"]
        case .fruit: ["水果", "鲜果", "干果", "fruit"]
        case .grain: ["粮食", "杂粮", "五谷", "grain", "rice", "millet"]
        case .meat: ["肉类", "牛肉", "羊肉", "猪肉", "meat"]
        case .herbs: ["中药材", "药材", "herbs"]
        case .handicraft: ["手工艺品", "工艺品", "手工", "handicraft", "craft"]
        case .other: []
        }
    }

    /// The categories a buyer's `text` names: one of their words contains it (a single Han character such as 茶 is
    /// enough; Latin text needs three letters).
    public static func named(by text: String) -> [ProductCategory] {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        let han = text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
        guard han || text.count >= 3 else { return [] }
        return allCases.filter { $0.searchNames.contains { $0.contains(text) } }
    }
}
