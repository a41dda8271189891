extension JobDraft {
    /// The columns of an employer's list of postings (a row per job). Staff name the employer by its unified credit
    /// code; an enterprise account's rows are its own.
    public static let importColumns: [ImportColumn] = [
        ImportColumn("employerCreditCode", example: "91320100MA1XXXXX0X"),
        ImportColumn("title", required: true, example: "中式烹调师（热菜）"),
        ImportColumn("occupationCode", .occupations, required: true, example: "中式烹调师"),
        ImportColumn("countyCode", .region([.county], within: nil), required: true, example: "高淳区"),
        ImportColumn("wageMin", .yuan, required: true, example: "5000"),
        ImportColumn("wageMax", .yuan, required: true, example: "7000"),
        ImportColumn("wageType", .choice(WageType.allCases.map(\.rawValue)), example: "fixed"),
        ImportColumn("headcount", .integer, required: true, example: "5"),
        ImportColumn("education", .choice(Education.allCases.map(\.rawValue)), example: "none"),
        ImportColumn("ageMin", .integer, example: "18"),
        ImportColumn("ageMax", .integer, example: "50"),
        ImportColumn("benefits", .choices(Benefit.allCases.map(\.rawValue)), example: "board"),
        ImportColumn("validThrough", .date, required: true, example: "2027-06-30"),
        ImportColumn("contactPerson", example: "王经理"),
        ImportColumn("description", required: true, example: "负责热菜制作，包吃住。"),
    ]

    /// The draft a row holds.
    public static func importing(_ record: ImportRecord) throws(DomainError) -> JobDraft {
        JobDraft(title: record["title"], occupationCode: record.list("occupationCode")?.first, description: record["description"],
                 countyCode: record["countyCode"], wageMin: try Validate.fen(text: record["wageMin"], unitFen: 100, field: "wageMin"),
                 wageMax: try Validate.fen(text: record["wageMax"], unitFen: 100, field: "wageMax"), wageType: record["wageType"],
                 headcount: try Validate.integer(record["headcount"], field: "headcount"), education: record["education"],
                 ageMin: try Validate.integer(record["ageMin"], field: "ageMin"), ageMax: try Validate.integer(record["ageMax"], field: "ageMax"),
                 benefits: record.list("benefits"), validThrough: record["validThrough"], contactPerson: record["contactPerson"])
    }
}
