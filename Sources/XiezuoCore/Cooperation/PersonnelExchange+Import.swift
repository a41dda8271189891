extension PersonnelExchangeDraft {
    /// The columns of the personnel-exchange import (a row per person and posting).
    public static let importColumns: [ImportColumn] = [
        ImportColumn("name", required: true, example: "王某某"),
        ImportColumn("sex", .choice(PersonSex.allCases.map(\.rawValue)), required: true, example: "female"),
        ImportColumn("employer", required: true, example: "苏州市教育局"),
        ImportColumn("post", required: true, example: "支教教师"),
        ImportColumn("field", .choice(ExchangeField.allCases.map(\.rawValue)), required: true, example: "education"),
        ImportColumn("direction", .choice(ExchangeDirection.allCases.map(\.rawValue)), required: true, example: "to_shaanxi"),
        ImportColumn("level", .choice(ExchangeLevel.allCases.map(\.rawValue)), required: true, example: "professional"),
        ImportColumn("regionCode", .region([.county, .city], within: "61"), required: true, example: "柞水县"),
        ImportColumn("partnerCode", .region([.city, .county], within: "32"), example: "苏州市"),
        ImportColumn("from", .date, required: true, example: "2025-02-20"),
        ImportColumn("to", .date, required: true, example: "2025-07-10"),
    ]

    /// The draft a row of the import holds.
    public init(importing record: ImportRecord) {
        self.init(name: record["name"], sex: record["sex"], employer: record["employer"], post: record["post"], field: record["field"],
                  direction: record["direction"], level: record["level"], regionCode: record["regionCode"], partnerCode: record["partnerCode"],
                  from: record["from"], to: record["to"])
    }
}
