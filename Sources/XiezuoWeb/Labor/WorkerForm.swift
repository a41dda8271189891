import Vapor
import XiezuoCore

/// The worker form's names: people type places and work by name (柞水, 厨师); the record keeps codes.
extension WorkersPageController {
    /// A field with a type-ahead picker.
    func picker(_ field: FormField, _ kind: String, levels: String? = nil, multiple: Bool = false) -> FormField {
        var field = field
        field.picker = kind
        field.pickerLevels = levels
        field.multiple = multiple
        return field
    }

    /// An occupation as the form shows it: the name and the code (中式烹调师 4-03-02-01).
    static func occupationLabel(_ code: String, request: Request) -> String {
        OccupationCatalogue.named(code).map { OccupationsController.label($0, language: request.language) } ?? code
    }

    /// The typed home, wished occupations and preferred places turned into codes, and the names that did not resolve
    /// (unknown, or several places of that name) as field errors.
    static func resolveNames(_ values: [String: String], request: Request) -> (values: [String: String], errors: [String: String]) {
        var resolved = values
        var errors: [String: String] = [:]
        func attempt(_ field: String, _ body: () throws -> String) {
            do { resolved[field] = try body() } catch let error as DomainError { errors[field] = request.message(for: error) } catch {
                errors[field] = request.message(for: DomainError.invalid(field, "malformed"))
            }
        }
        attempt("homeCode") { try request.place(values["homeCode"], field: "homeCode", levels: [.county, .township]) ?? "" }
        attempt("wishedOccupations") { try request.occupations(values["wishedOccupations"], field: "wishedOccupations").joined(separator: ",") }
        attempt("preferredPlaces") {
            try FormValue.items(values["preferredPlaces"]).compactMap {
                try request.place($0, field: "preferredPlaces", levels: [.province, .city, .county])
            }.joined(separator: ",")
        }
        return (resolved, errors)
    }

    /// One message per field for everything wrong with the form. On an edit, a blank ID or phone number keeps the
    /// stored one, so those are not problems.
    func allProblems(_ values: [String: String], editing: Bool, request: Request) -> [String: String] {
        guard let draft = try? draft(values) else { return [:] }
        var errors: [String: String] = [:]
        for problem in draft.problems(in: request.services.regions, today: request.today, requireConsent: !editing) {
            guard let field = problem.field, errors[field] == nil else { continue }
            if editing, ["idNumber", "phone"].contains(field), (values[field] ?? "").isEmpty { continue }
            errors[field] = Self.message(for: problem, request: request)
        }
        return errors
    }

    /// A message for the worker form: a person's own name and education are 姓名 and 学历, not a record's 名称 or a
    /// job's 学历要求.
    static func message(for error: DomainError, request: Request) -> String {
        request.message(for: error, renaming: ["name": "personName", "education": "personEducation"])
    }
}
