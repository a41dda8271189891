import Vapor
import XiezuoCore
import XiezuoStore

/// Editing an account from `/admin/users`: its display name, and a new password that the admin or coordinator hands
/// over (generated, shown once, ending the account's sessions and tokens).
extension AdminController {
    struct EditContext: Encodable {
        var account: Account
        var roleName: String
        var jurisdictionName: String?
        var values: [String: String]
        var errors: [String: String]
        /// The password just set, shown this once.
        var newPassword: String?
    }

    func editUser(request: Request) async throws -> View {
        let principal = try request.require(.admin, .coordinator)
        let account = try await request.accounts.get(try request.uuidParameter(entity: "account"), by: principal)
        return try await renderEdit(request, account: account, values: ["displayName": account.displayName], errors: [:])
    }

    func renderEdit(_ request: Request, account: Account, values: [String: String], errors: [String: String],
                    newPassword: String? = nil) async throws -> View {
        let context = EditContext(account: account, roleName: request.t("role.\(account.role.rawValue)"),
                                  jurisdictionName: account.jurisdiction.map(request.services.regions.placeName),
                                  values: values, errors: errors, newPassword: newPassword)
        return try await request.view.render("admin-user-edit", PageContext(request, context))
    }

    func updateUser(request: Request) async throws -> Response {
        struct Form: Content { var displayName: String? }
        let principal = try request.require(.admin, .coordinator)
        let id = try request.uuidParameter(entity: "account")
        let form = try request.content.decode(Form.self)
        do {
            let account = try await request.accounts.update(id, with: AccountPatch(displayName: form.displayName ?? ""), by: principal)
            request.flash(request.t("flash.user_updated", ["name": account.username]))
            return request.redirect(to: "/admin/users")
        } catch let error as DomainError where error.kind == .validation {
            let account = try await request.accounts.get(id, by: principal)
            return try await renderEdit(request, account: account, values: ["displayName": form.displayName ?? ""],
                                        errors: [error.field ?? "displayName": request.message(for: error)])
                .encodeResponse(status: .badRequest, for: request)
        }
    }

    /// A new password, generated here and shown once on the answer (not in a redirect, not stored anywhere but as its hash).
    func resetPassword(request: Request) async throws -> Response {
        let principal = try request.require(.admin, .coordinator)
        let id = try request.uuidParameter(entity: "account")
        guard id != principal.accountID else { throw DomainError.invalid("password", "reset_own_password") }
        let password = Secrets.password()
        let account = try await request.accounts.update(id, with: AccountPatch(password: password), by: principal)
        let view = try await renderEdit(request, account: account, values: ["displayName": account.displayName], errors: [:], newPassword: password)
        let response = try await view.encodeResponse(for: request)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
