import Vapor
import XiezuoCore

/// A register whose records staff enter through `record-form.leaf`: the form's fields, how it saves, and the stored
/// values for its edit form.
protocol RecordFormKind: RawRepresentable where RawValue == String {
    /// The record's name in "not found" answers.
    var entity: String { get }
    func fields(_ values: [String: String], errors: [String: String], request: Request, choices: [String: [ChoiceOption]]) -> [FormField]
    /// Saves the form (creating when `id` is nil) and returns the page to show next.
    func save(_ values: [String: String], id: UUID?, request: Request, by principal: Principal) async throws -> String
    func values(of id: UUID, request: Request, by principal: Principal) async throws -> [String: String]
}

/// The steps every staff form page shares: the kind from the path, the edit form, and saving with a refused field's
/// message beside the field (or above the form) and nothing written.
protocol RecordFormPage {
    associatedtype Kind: RecordFormKind
    /// Who may use the page.
    func keeper(_ request: Request) throws -> Principal
    func renderForm(_ request: Request, kind: Kind, id: UUID?, values: [String: String], errors: [String: String], general: String?) async throws -> View
    /// A record's field name → the form's, where the form asks for something else (a credit code for an id).
    var fieldAliases: [String: String] { get }
}

extension RecordFormPage {
    func kind(_ request: Request) throws -> Kind {
        guard let kind = request.parameters.get("kind").flatMap(Kind.init(rawValue:)) else { throw DomainError.notFound("page") }
        return kind
    }

    func editForm(request: Request) async throws -> View {
        let principal = try keeper(request)
        let kind = try kind(request)
        let id = try request.uuidParameter(entity: kind.entity)
        return try await renderForm(request, kind: kind, id: id, values: try await kind.values(of: id, request: request, by: principal),
                                    errors: [:], general: nil)
    }

    func create(request: Request) async throws -> Response {
        try await save(request, id: nil)
    }

    func update(request: Request) async throws -> Response {
        try await save(request, id: try request.uuidParameter(entity: try kind(request).entity))
    }

    func save(_ request: Request, id: UUID?) async throws -> Response {
        let principal = try keeper(request)
        let kind = try kind(request)
        let values = try request.formValues()
        do {
            return request.redirect(to: try await kind.save(values, id: id, request: request, by: principal))
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            let (errors, general) = request.formErrors(error, fields: kind.fields(values, errors: [:], request: request, choices: [:]),
                                                       values: values, aliases: fieldAliases)
            return try await renderForm(request, kind: kind, id: id, values: values, errors: errors, general: general)
                .encodeResponse(status: .badRequest, for: request)
        }
    }
}
