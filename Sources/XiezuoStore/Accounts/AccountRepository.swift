import FluentKit
import Foundation
import XiezuoCore

/// Accounts: creation, listing within a jurisdiction, disabling, passwords and sign-in with lock-out.
public struct AccountRepository: Sendable {
    let database: any Database
    let regions: RegionDirectory
    let hasher: any PasswordHashing
    let policy: LoginPolicy

    /// Creates a repository; `hasher` is bcrypt in the app.
    public init(database: any Database, regions: RegionDirectory, hasher: any PasswordHashing,
                policy: LoginPolicy = .standard) {
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
        let hash = try hasher.hash(valid.password)
        return try await database.transaction { tx in
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
            let account = model.account
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
            if let prefix = principal.scope.prefix { query.filter(\.$jurisdiction, .custom("LIKE"), prefix + "%") }
            if let role { query.filter(\.$role == role.rawValue) }
            if let search = search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
                let pattern = "%" + search.lowercased() + "%"
                query.group(.or) {
                    $0.filter(\.$username, .custom("LIKE"), pattern).filter(\.$displayName, .custom("LIKE"), "%" + search + "%")
                }
            }
            return query
        }
        let total = try await query().count()
        let models = try await query().sort(\.$createdAt, .descending).sort(\.$username)
            .range(page.offset..<(page.offset + page.perPage)).all()
        return Paged(items: models.map(\.account), total: total, request: page)
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

    /// Disables or re-enables an account.
    public func setDisabled(_ id: UUID, _ disabled: Bool, by principal: Principal) async throws -> Account {
        try await mutate(id, action: disabled ? "disable" : "enable", by: principal) { model in
            model.disabled = disabled
            if !disabled { model.lockedUntil = nil; model.failedLogins = 0 }
        }
    }

    /// Sets a new password and clears any lock.
    public func setPassword(_ id: UUID, _ password: String?, by principal: Principal) async throws -> Account {
        let password = try AccountDraft.checkedPassword(password)
        let hash = try hasher.hash(password)
        return try await mutate(id, action: "set_password", by: principal, allowSelf: true) { model in
            model.passwordHash = hash
            model.lockedUntil = nil
            model.failedLogins = 0
        }
    }

    private func mutate(_ id: UUID, action: String, by principal: Principal, allowSelf: Bool = false,
                        _ change: @Sendable @escaping (AccountModel) -> Void) async throws -> Account {
        try await database.transaction { tx in
            guard let model = try await AccountModel.find(id, on: tx) else { throw DomainError.notFound("account") }
            let before = model.account
            guard (allowSelf && principal.accountID == id)
                    || Permissions.canManageAccount(principal, role: before.role, jurisdiction: before.jurisdiction) else {
                throw DomainError.notFound("account")
            }
            change(model)
            model.changeSeq = try await ChangeSequence.next(on: tx)
            try await model.save(on: tx)
            let after = model.account
            try await AuditRecorder.record(on: tx, by: principal, action: action, entity: "account",
                                           entityID: before.username, regionCode: before.jurisdiction,
                                           before: before, after: after)
            return after
        }
    }

    /// Checks a user name and password, counting failures and locking the account after too many.
    public func signIn(username: String, password: String, now: Date = Date()) async throws -> SignIn {
        guard let model = try await AccountModel.query(on: database)
            .filter(\.$username == username.lowercased().trimmingCharacters(in: .whitespaces)).first() else {
            _ = try? hasher.verify(password, against: Self.timingDummyHash)
            return .invalid
        }
        if policy.isLocked(until: model.lockedUntil, now: now), let until = model.lockedUntil { return .locked(until: until) }
        if model.disabled { return .invalid }
        if try hasher.verify(password, against: model.passwordHash) {
            if model.failedLogins != 0 || model.lockedUntil != nil {
                model.failedLogins = 0
                model.lockedUntil = nil
                try await model.save(on: database)
            }
            return .success(model.account)
        }
        let outcome = policy.afterFailure(previousFailures: model.failedLogins, now: now)
        model.failedLogins = outcome.failures
        model.lockedUntil = outcome.lockedUntil
        try await database.transaction { tx in
            try await model.save(on: tx)
            if outcome.lockedUntil != nil {
                try await AuditRecorder.record(on: tx, by: .system, action: "lock", entity: "account",
                                               entityID: model.username, regionCode: model.jurisdiction,
                                               before: Optional<Account>.none, after: model.account)
            }
        }
        if let until = outcome.lockedUntil { return .locked(until: until) }
        return .invalid
    }

    /// True when at least one account has the role.
    public func exists(role: Role) async throws -> Bool {
        try await AccountModel.query(on: database).filter(\.$role == role.rawValue).first() != nil
    }

    /// A syntactically valid bcrypt hash of a random string, checked when the user name is unknown so that the
    /// response time does not tell which user names exist.
    static let timingDummyHash = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5p2yCl0l3Zbh6oVLaYZf4CYLp2VbTMa"
}
