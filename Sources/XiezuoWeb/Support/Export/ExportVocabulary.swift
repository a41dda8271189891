/// What the workbook export knows about field names shared across the API's records.
enum ExportVocabulary {
    /// Fields that hold money in 分: written in 元 with two decimals.
    static let money: Set<String> = [
        "amount", "budget", "price", "unitPrice", "total", "wage", "wageMin", "wageMax", "minWage", "monthlyWage", "pay", "paid",
        "subsidy", "canteenSpending", "povertyAreaSpending", "dealsAmount", "outputValue", "taxRevenue", "gdp", "signedInvestment",
        "incomeIncrease", "plannedInvestment", "actualInvestment", "moneyPledged", "goodsPledged", "moneyDelivered", "goodsDelivered",
        "funding", "committed", "disbursed", "spent", "sendingOutput", "hostingOutput", "sendingTax", "hostingTax", "sendingGDP",
        "hostingGDP", "investment", "salesAmount", "aid", "socialDonation", "localMatching",
    ]

    /// Fields whose values are choices with localised names, by the locale prefix of those names. A list's own
    /// ``SheetSpec/values`` come first (a `status` means something different on each list).
    static let values: [String: String] = [
        "actionArea": "area", "channel": "sale_channel", "gender": "gender", "sex": "sex", "education": "education",
        "povertyStatus": "poverty_status", "wageType": "wage_type", "benefits": "benefit", "mode": "training_mode",
        "state": "period_state", "payUnit": "pay_unit", "role": "role", "grade": "grade", "direction": "exchange_direction",
    ]

    /// Fields no one reads in a spreadsheet: references to other records by their internal ids (the record's own
    /// `id` stays, for finding it again) and a region's parent.
    static func omitted(_ key: String) -> Bool {
        key == "parentCode" || (key != "entityID" && (key.hasSuffix("ID") || key.hasSuffix("IDs") || key.hasSuffix("Id")) && key != "id")
    }

    /// Fields holding an occupation code, followed by the occupation's name.
    static let occupationKeys: Set<String> = ["occupationCode", "occupation"]

    /// Whether a field holds a region code, followed by the region's name.
    static func isRegionKey(_ key: String) -> Bool {
        key.hasSuffix("Code") || ["region", "buyerRegion", "partnerRegion", "jurisdiction", "county", "city", "province", "home"].contains(key)
    }
}
