import Vapor
import XiezuoCore
import XiezuoStore

/// Editing an account from `/admin/users`: its display name, a staff account's role and jurisdiction (which ends its
/// sessions and tokens), and a new password that the admin or coordinator hands over (generated, shown once, ending
/// the account's sessions and tokens).
extension AdminController {
    struct EditContext: Encodable {
        var account: Account
        var roleName: String
        var jurisdictionName: String?
        var values: [String: String]
        var errors: [String: String]
        /// The password just set, shown this once.
        var newPassword: String?
        /// For a staff account other than one's own: the roles the viewer may give it.
        var roles: [ChoiceOption] = []
        var canChangeScope = false
    }

    /// The form's values for an account as stored.
    func editValues(_ account: Account, request: Request) -> [String: String] {
        ["displayName": account.displayName, "role": account.role.rawValue,
         "jurisdiction": account.jurisdiction.map { request.services.regions.label($0) } ?? ""]
    }

    func editUser(request: Request) async throws -> View {
        let principal = try request.require(.admin, .coordinator)
        let account = try await request.accounts.get(try request.uuidParameter(entity: "account"), by: principal)
        return try await renderEdit(request, account: account, values: editValues(account, request: request), errors: [:])
    }

    func renderEdit(_ request: Request, account: Account, values: [String: String], errors: [String: String],
                    newPassword: String? = nil) async throws -> View {
        var context = EditContext(account: account, roleName: request.t("role.\(account.role.rawValue)"),
                                  jurisdictionName: account.jurisdiction.map(request.services.regions.placeName),
                                  values: values, errors: errors, newPassword: newPassword)
        let principal = request.principal
        if account.role.isStaff, account.id != principal.accountID {
            let grantable: [Role] = principal.role == .admin ? [.admin, .coordinator, .officer] : [.coordinator, .officer]
            context.roles = grantable.map {
                ChoiceOption(value: $0.rawValue, label: request.t("role.\($0.rawValue)"), selected: values["role"] == $0.rawValue)
            }
            context.canChangeScope = true
        }
        return try await request.view.render("Accounts/admin-user-edit", PageContext(request, context))
    }

    func updateUser(request: Request) async throws -> Response {
        struct Form: Content { var displayName: String?; var role: String?; var jurisdiction: String? }
        let principal = try request.require(.admin, .coordinator)
        // Role, jurisdiction and passwords change from a signed-in session only, never with an API token.
        guard request.authMethod == .session else { throw DomainError.forbidden }
        let id = try request.uuidParameter(entity: "account")
        let form = try request.content.decode(Form.self)
        let values = ["displayName": form.displayName ?? "", "role": form.role ?? "", "jurisdiction": form.jurisdiction ?? ""]
        do {
            let current = try await request.accounts.get(id, by: principal)
            var patch = AccountPatch(displayName: form.displayName ?? "")
            // Role and jurisdiction only when the form offers them and they differ from what the account has.
            if current.role.isStaff, let role = form.role, !role.isEmpty {
                let role = Role(rawValue: role)
                let jurisdiction = role?.requiresJurisdiction == false ? nil
                    : try request.place(form.jurisdiction, field: "jurisdiction", levels: [.province, .city, .county])
                if role != current.role || jurisdiction != current.jurisdiction {
                    if role?.requiresJurisdiction != false, jurisdiction == nil { throw DomainError.invalid("jurisdiction", "required") }
                    patch.role = form.role
                    patch.jurisdiction = jurisdiction
                }
            }
            let account = try await request.accounts.update(id, with: patch, by: principal)
            request.flash(request.t(account.role != current.role || account.jurisdiction != current.jurisdiction ? "flash.user_scope_changed" : "flash.user_updated",
                                    ["name": account.username]))
            return request.redirect(to: "/admin/users")
        } catch let error as DomainError where error.kind == .validation {
            let account = try await request.accounts.get(id, by: principal)
            return try await renderEdit(request, account: account, values: values,
                                        errors: [error.field ?? "displayName": request.message(for: error)])
                .encodeResponse(status: .badRequest, for: request)
        }
    }

    /// A new password, generated here and shown once on the answer (not in a redirect, not stored anywhere but as its hash).
    func resetPassword(request: Request) async throws -> Response {
        let principal = try request.require(.admin, .coordinator)
        guard request.authMethod == .session else { throw DomainError.forbidden }
        let id = try request.uuidParameter(entity: "account")
        guard id != principal.accountID else { throw DomainError.invalid("password", "reset_own_password") }
        let password = Secrets.password()
        let account = try await request.accounts.update(id, with: AccountPatch(password: password), by: principal)
        let view = try await renderEdit(request, account: account, values: editValues(account, request: request), errors: [:], newPassword: password)
        let response = try await view.encodeResponse(for: request)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
