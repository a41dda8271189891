import Foundation

/// The columns of the project-and-flows import: a row per fund flow with its project's fields (a project's later
/// rows may leave them empty), or a project alone. Projects are found again by code, flows by voucher number within
/// their project (or, without one, by type, source, amount and date).
public enum ProjectImport {
    /// The project's fields: when any is given the row describes the project.
    public static let projectFields = ["name", "countyCode", "partnerRegion", "year", "actionArea", "category", "budget", "plannedStart",
                                       "plannedEnd", "households", "persons", "povertyLiftedHouseholds", "povertyLiftedPersons", "description"]

    public static let columns: [ImportColumn] = [
        ImportColumn("code", required: true, example: "ZS-2025-001"),
        ImportColumn("name", example: "柞水木耳产业园提升"),
        ImportColumn("countyCode", .region([.county], within: "61"), example: "柞水县"),
        ImportColumn("partnerRegion", .region([.city, .county], within: "32"), example: "南京市"),
        ImportColumn("year", .integer, example: "2025"),
        ImportColumn("actionArea", .choice(ActionArea.allCases.map(\.rawValue)), example: "featured_industry"),
        ImportColumn("category", example: "产业发展"),
        ImportColumn("budget", .yuan, example: "1200000"),
        ImportColumn("plannedStart", .date, example: "2025-03-01"),
        ImportColumn("plannedEnd", .date, example: "2025-12-31"),
        ImportColumn("households", .integer, example: "120"),
        ImportColumn("persons", .integer, example: "360"),
        ImportColumn("povertyLiftedHouseholds", .integer, example: "40"),
        ImportColumn("povertyLiftedPersons", .integer, example: "110"),
        ImportColumn("description"),
        ImportColumn("flowType", .choice(FlowType.allCases.map(\.rawValue)), example: "commitment"),
        ImportColumn("flowSource", .choice(FundSource.allCases.map(\.rawValue)), example: "jiangsu_aid"),
        ImportColumn("flowAmount", .yuan, example: "1200000"),
        ImportColumn("flowDate", .date, example: "2025-03-10"),
        ImportColumn("voucher", example: "记-2025-0031"),
        ImportColumn("note"),
    ]

    /// Whether the row gives any of the project's fields (not only its code).
    public static func describesProject(_ record: ImportRecord) -> Bool { projectFields.contains { record[$0] != nil } }

    /// The project draft of a row (the pairing found by the store from the county, partner and year).
    public static func project(_ record: ImportRecord, pairing: UUID?) throws(DomainError) -> ProjectDraft {
        ProjectDraft(code: record["code"], name: record["name"], countyCode: record["countyCode"], pairingId: pairing,
                     year: try Validate.integer(record["year"], field: "year"), actionArea: record["actionArea"], category: record["category"],
                     budget: try Validate.fen(text: record["budget"], unitFen: 100, field: "budget"), plannedStart: record["plannedStart"],
                     plannedEnd: record["plannedEnd"], households: try Validate.integer(record["households"], field: "households"),
                     persons: try Validate.integer(record["persons"], field: "persons"),
                     povertyLiftedHouseholds: try Validate.integer(record["povertyLiftedHouseholds"], field: "povertyLiftedHouseholds"),
                     povertyLiftedPersons: try Validate.integer(record["povertyLiftedPersons"], field: "povertyLiftedPersons"),
                     description: record["description"])
    }

    /// The flow of a row, nil when it gives none.
    public static func flow(_ record: ImportRecord) throws(DomainError) -> FlowDraft? {
        guard record["flowType"] != nil || record["flowAmount"] != nil else { return nil }
        return FlowDraft(type: record["flowType"], source: record["flowSource"],
                         amount: try Validate.fen(text: record["flowAmount"], unitFen: 100, field: "flowAmount"),
                         date: record["flowDate"], voucher: record["voucher"], note: record["note"])
    }
}
