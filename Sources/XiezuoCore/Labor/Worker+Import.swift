extension WorkerDraft {
    /// The columns of a roster of workers (a row per worker, found again by the ID number).
    public static let importColumns: [ImportColumn] = [
        ImportColumn("name", required: true, example: "张某某"),
        ImportColumn("idNumber", required: true, example: "610126199001011234"),
        ImportColumn("phone", required: true, example: "13912345678"),
        ImportColumn("homeCode", .region([.county, .township], within: nil), required: true, example: "营盘镇"),
        ImportColumn("povertyStatus", .choice(PovertyStatus.allCases.map(\.rawValue)), example: "poverty_lifted"),
        ImportColumn("education", .choice(Education.allCases.map(\.rawValue)), example: "junior_high"),
        ImportColumn("skills", example: "烹饪、驾驶"),
        ImportColumn("wishedOccupations", .occupations, example: "中式烹调师"),
        ImportColumn("preferredPlaces", .regions([.province, .city, .county], within: nil), example: "南京市、苏州市"),
        ImportColumn("pairedCities", .flag, example: "true"),
        ImportColumn("minWage", .yuan, example: "4500"),
        ImportColumn("certificates", example: ""),
        ImportColumn("consent", .flag, required: true, example: "true"),
    ]

    /// The draft a row holds; `consent` stands for both consents (the paper form the officer keeps has both).
    public static func importing(_ record: ImportRecord) throws(DomainError) -> WorkerDraft {
        let consent = record.flag("consent")
        return WorkerDraft(name: record["name"], idNumber: record["idNumber"], phone: record["phone"], homeCode: record["homeCode"],
                           povertyStatus: record["povertyStatus"], education: record["education"], skills: record.list("skills"),
                           wishedOccupations: record.list("wishedOccupations"), preferredPlaces: record.list("preferredPlaces"),
                           pairedCities: record.flag("pairedCities"),
                           minWage: try Validate.fen(text: record["minWage"], unitFen: 100, field: "minWage"),
                           certificates: record.list("certificates"), consent: consent, sensitiveConsent: consent)
    }
}
