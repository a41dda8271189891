import FluentKit
import SQLKit
import Foundation
import XiezuoCore

/// Accounts: creation, listing within a jurisdiction, disabling, passwords and sign-in with lock-out.
public struct AccountRepository: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database
    let regions: RegionDirectory
    let hasher: any PasswordHashing
    let policy: LoginPolicy

    /// Creates a repository; `hasher` is bcrypt in the app.
    public init(database: any Database, regions: RegionDirectory, hasher: any PasswordHashing,
                policy: LoginPolicy = .standard, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.regions = regions
        self.hasher = hasher
        self.policy = policy
    }

    /// The result of a sign-in attempt.
    public enum SignIn: Sendable, Equatable {
        case success(Account)
        /// Wrong user name or password (the two are not told apart), or a disabled account.
        case invalid
        /// Too many failures; sign-in is refused until the date.
        case locked(until: Date)
    }

    /// Creates an account; the caller must be allowed to manage accounts of that role and region.
    public func create(_ draft: AccountDraft, by principal: Principal) async throws -> Account {
        let valid = try draft.validated(in: regions)
        guard Permissions.canManageAccount(principal, role: valid.role, jurisdiction: valid.jurisdiction) else {
            throw DomainError.forbidden
        }
        return try await insert(valid, by: principal)
    }

    /// Stores a checked account, audited as done by `principal`.
    private func insert(_ valid: ValidAccount, by principal: Principal) async throws -> Account {
        let hash = try await hasher.hash(valid.password)
        return try await database.writeTransaction { tx in
            if try await AccountModel.query(on: tx).filter(\.$username == valid.username).first() != nil {
                throw DomainError(.conflict, code: "username_taken", field: "username")
            }
            let model = AccountModel()
            model.id = UUID()
            model.username = valid.username
            model.displayName = valid.displayName
            model.role = valid.role.rawValue
            model.jurisdiction = valid.jurisdiction
            model.passwordHash = hash
            model.disabled = false
            model.failedLogins = 0
            model.changeSeq = try await ChangeSequence.next(on: tx)
            try await model.create(on: tx)
            let account = try model.account
            try await AuditRecorder.record(on: tx, by: principal, action: "create", entity: "account",
                                           entityID: account.username, regionCode: account.jurisdiction,
                                           before: Optional<Account>.none, after: account)
            return account
        }
    }

    /// Accounts the principal may manage, newest first, optionally filtered by role or a search on the names.
    public func list(by principal: Principal, role: Role? = nil, search: String? = nil,
                     page: Paging = Paging()) async throws -> Paged<Account> {
        guard principal.role == .admin || principal.role == .coordinator else { throw DomainError.forbidden }
        func query() -> QueryBuilder<AccountModel> {
            let query = AccountModel.query(on: database)
            query.within(principal.scope, columns: "jurisdiction")
            if let role { query.filter(\.$role == role.rawValue) }
            if let search = search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
                query.matching(search, in: "username", "display_name")
            }
            return query
        }
        let total = try await query().count()
        let models = try await query().sort(\.$createdAt, .descending).sort(\.$username)
            .range(page.offset..<(page.offset + page.perPage)).all()
        return Paged(items: try models.map { try $0.account }, total: total, request: page)
    }

    /// One account, if the principal may see it: admins all, coordinators within their region, anyone themselves.
    public func get(_ id: UUID, by principal: Principal) async throws -> Account {
        guard let account = try await AccountModel.find(id, on: database)?.account,
              account.id == principal.accountID
                || Permissions.canManageAccount(principal, role: account.role, jurisdiction: account.jurisdiction)
        else { throw DomainError.notFound("account") }
        return account
    }

    /// Looks an account up by user name, without any permission check (command line and sign-in only).
    public func find(username: String) async throws -> Account? {
        try await AccountModel.query(on: database).filter(\.$username == username.lowercased()).first()?.account
    }

    /// The enabled account behind a session, or nil when it was disabled or removed since.
    public func active(_ id: UUID) async throws -> Account? {
        guard let account = try await AccountModel.find(id, on: database)?.account, !account.disabled else { return nil }
        return account
    }

    /// A worker signs up with their mobile number, which becomes the user name, and a password (the password policy
    /// applies); `name` is what to call them (the caller words a default). Anyone may: the account is a worker's own,
    /// and the audit log names the actor "self sign-up". A number that has an account already is `phone_registered`.
    public func signUpWorker(phone: String?, name: String, password: String?) async throws -> Account {
        let phone = try PhoneNumber.mobile(phone, field: "phone")
        let name = try Validate.required(name, field: "name", max: 40)
        let valid = try AccountDraft(username: phone, displayName: name, role: Role.worker.rawValue, jurisdiction: nil, password: password)
            .validated(in: regions)
        do {
            return try await insert(valid, by: Principal(accountID: nil, name: "self sign-up", role: nil, jurisdiction: nil))
        } catch let error as DomainError where error.code == "username_taken" {
            throw DomainError(.conflict, code: "phone_registered", field: "phone")
        }
    }

    /// Disables or re-enables an account.
    public func setDisabled(_ id: UUID, _ disabled: Bool, by principal: Principal) async throws -> Account {
        try await update(id, with: AccountPatch(disabled: disabled), by: principal)
    }

    /// Sets a new password for someone else (or at the command line) and clears any lock.
    public func setPassword(_ id: UUID, _ password: String?, by principal: Principal) async throws -> Account {
        try await update(id, with: AccountPatch(password: password ?? ""), by: principal)
    }

    /// Applies a patch in one transaction, with one audit entry.
    ///
    /// Managers (admins, coordinators above the account) may disable, enable and set passwords. Anyone may set
    /// their own password by giving the current one; nobody may disable themselves.
    public func update(_ id: UUID, with patch: AccountPatch, by principal: Principal) async throws -> Account {
        let isSelf = principal.accountID == id
        let changesScope = patch.role != nil || patch.jurisdiction != nil
        guard patch.disabled != nil || patch.password != nil || patch.displayName != nil || changesScope else {
            throw DomainError.invalid("disabled", "nothing_to_change")
        }
        if changesScope && isSelf { throw DomainError.invalid("role", "cannot_change_own_role") }
        let displayName = try patch.displayName.map { try Validate.required($0, field: "displayName", max: 64) }
        if patch.disabled != nil && isSelf { throw DomainError.invalid("disabled", "cannot_disable_self") }
        guard let current = try await AccountModel.find(id, on: database) else { throw DomainError.notFound("account") }
        let newHash: String? = try await patch.password.asyncMap {
            try await hasher.hash(try AccountDraft.checkedPassword($0, username: current.username))
        }
        let currentRole = try current.account.role
        let manages = Permissions.canManageAccount(principal, role: currentRole, jurisdiction: current.jurisdiction)
        guard manages || (isSelf && patch.disabled == nil && patch.displayName == nil && !changesScope) else { throw DomainError.notFound("account") }
        // A new role or jurisdiction: staff accounts only, to a role and region the manager manages too.
        var scope: (role: Role, jurisdiction: String?)?
        if changesScope {
            guard currentRole.isStaff else { throw DomainError.invalid("role", "role_not_staff") }
            var role = currentRole
            if let text = patch.role {
                guard let chosen = Role(rawValue: text), chosen.isStaff else { throw DomainError.invalid("role", "unknown_choice", ["value": text]) }
                role = chosen
            }
            var jurisdiction: String?
            if role.requiresJurisdiction {
                let code = try Validate.text(patch.jurisdiction ?? current.jurisdiction, field: "jurisdiction", max: 9)!
                // As when the account was created: a well-formed code of a province, city or county.
                guard RegionCode.isWellFormed(code), let region = regions[code], region.level != .township else {
                    throw DomainError.invalid("jurisdiction", "unknown_region", ["code": code])
                }
                jurisdiction = region.code
            }
            guard Permissions.canManageAccount(principal, role: role, jurisdiction: jurisdiction) else {
                throw DomainError.invalid("role", "cannot_grant_scope")
            }
            scope = (role, jurisdiction)
        }
        // Setting one's own password needs the current one, so a stolen session cookie or token is not enough.
        if isSelf, patch.password != nil {
            guard let given = patch.currentPassword, try await hasher.verify(given, against: current.passwordHash) else {
                throw DomainError.invalid("currentPassword", "wrong_password")
            }
        }
        let newScope = scope
        let action = patch.password != nil ? "set_password" : patch.disabled.map { $0 ? "disable" : "enable" } ?? (changesScope ? "set_role" : "update")
        return try await database.writeTransaction { tx in
            guard let model = try await AccountModel.find(id, on: tx) else { throw DomainError.notFound("account") }
            let before = try model.account
            if let disabled = patch.disabled {
                model.disabled = disabled
                if !disabled { model.lockedUntil = nil; model.failedLogins = 0 }
            }
            if let displayName { model.displayName = displayName }
            let scopeChanged = newScope.map { $0.role.rawValue != model.role || $0.jurisdiction != model.jurisdiction } ?? false
            if let scope = newScope {
                model.role = scope.role.rawValue
                model.jurisdiction = scope.jurisdiction
            }
            if let newHash {
                model.passwordHash = newHash
                model.lockedUntil = nil
                model.failedLogins = 0
            }
            // A new password, a disabled account or a new role or jurisdiction ends every session (signed in before this
            // moment) and every token: what they were granted no longer holds.
            if newHash != nil || patch.disabled == true || scopeChanged {
                model.credentialsChangedAt = clock.now
                try await TokenRepository.revokeAll(of: id, now: clock.now, on: tx)
            }
            model.changeSeq = try await ChangeSequence.next(on: tx)
            try await model.save(on: tx)
            let after = try model.account
            try await AuditRecorder.record(on: tx, by: principal, action: action, entity: "account",
                                           entityID: before.username, regionCode: before.jurisdiction,
                                           before: before, after: after)
            return after
        }
    }

    /// Checks a user name and password, counting failures and locking the account after too many.
    ///
    /// The failure count is incremented in the database (`failed_logins = failed_logins + 1`), so parallel
    /// guesses each count.
    public func signIn(username: String, password: String, now: Date? = nil) async throws -> SignIn {
        let now = now ?? clock.now
        guard let model = try await AccountModel.query(on: database)
            .filter(\.$username == username.lowercased().trimmingCharacters(in: .whitespaces)).first() else {
            _ = try? await hasher.verify(password, against: Self.timingDummyHash)
            return .invalid
        }
        if policy.isLocked(until: model.lockedUntil, now: now), let until = model.lockedUntil { return .locked(until: until) }
        if model.disabled { return .invalid }
        if try await hasher.verify(password, against: model.passwordHash) {
            if model.failedLogins != 0 || model.lockedUntil != nil {
                model.failedLogins = 0
                model.lockedUntil = nil
                try await model.save(on: database)
            }
            return .success(try model.account)
        }
        let id = try model.requireID()
        return try await database.writeTransaction { tx in
            let sql = tx as! any SQLDatabase
            let row = try await sql.update("accounts").set(SQLIdentifier("failed_logins"), to: SQLRaw("failed_logins + 1"))
                .where("id", .equal, SQLBind(id)).returning("failed_logins").first()
            let failures = try row?.decode(column: "failed_logins", as: Int.self) ?? policy.maxFailures
            guard failures >= policy.maxFailures else { return .invalid }
            let until = now.addingTimeInterval(policy.lockDuration)
            try await sql.update("accounts").set("failed_logins", to: SQLBind(0)).set("locked_until", to: SQLBind(until))
                .where("id", .equal, SQLBind(id)).run()
            guard let locked = try await AccountModel.find(id, on: tx) else { return .invalid }
            try await AuditRecorder.record(on: tx, by: .system, action: "lock", entity: "account",
                                           entityID: locked.username, regionCode: locked.jurisdiction,
                                           before: Optional<Account>.none, after: locked.account)
            return .locked(until: until)
        }
    }

    /// User names by account id, for labelling lists (admins only).
    public func usernames(_ ids: Set<UUID>, by principal: Principal) async throws -> [UUID: String] {
        guard principal.isAdmin, !ids.isEmpty else { return [:] }
        let models = try await AccountModel.query(on: database).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(models.compactMap { model in model.id.map { ($0, model.username) } }, uniquingKeysWith: { a, _ in a })
    }

    /// True when at least one account has the role.
    public func exists(role: Role) async throws -> Bool {
        try await AccountModel.query(on: database).filter(\.$role == role.rawValue).first() != nil
    }

    /// A syntactically valid bcrypt hash of a random string, checked when the user name is unknown so that the
    /// response time does not tell which user names exist.
    static let timingDummyHash = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5p2yCl0l3Zbh6oVLaYZf4CYLp2VbTMa"
}
