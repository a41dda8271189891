import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// Yearly agreements and their targets.
public struct AgreementRepository: Sendable {
    let database: any Database

    /// Creates a repository over `database`.
    public init(database: any Database) { self.database = database }

    /// Creates the agreement for its year and scope, or replaces it (title, threshold and all targets).
    public func save(_ draft: AgreementDraft, by principal: Principal) async throws -> Agreement {
        var pairing: Pairing?
        if let id = draft.pairingId {
            guard let found = try await PairingModel.find(id, on: database)?.pairing else {
                throw DomainError.invalid("pairingId", "unknown_pairing")
            }
            pairing = found
        }
        guard Permissions.canEditAgreement(principal, pairing: pairing) else { throw DomainError.forbidden }
        let (westCode, eastCode) = (pairing?.westCode ?? "61", pairing?.eastCode ?? "32")
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let existing = try await AgreementModel.query(on: tx).filter(\.$year == (draft.year ?? 0))
                .filter(\.$scopeKey == AgreementModel.scopeKey(draft.pairingId)).first()
            let agreement = try draft.validated(id: existing?.id ?? UUID())
            let before = try await existing.asyncMap { try await self.load($0, on: tx) }
            let model = existing ?? AgreementModel()
            model.id = agreement.id
            model.year = agreement.year
            model.pairingID = agreement.pairingID
            model.scopeKey = AgreementModel.scopeKey(agreement.pairingID)
            model.title = agreement.title
            model.shareThreshold = agreement.shareThreshold
            model.grading = agreement.grading.map { StoredBody(GradingRulesStoredV1($0)) }
            model.changeSeq = seq
            try await model.save(on: tx)
            let sql = tx as! any SQLDatabase
            try await sql.delete(from: "agreement_targets").where("agreement_id", .equal, SQLBind(agreement.id)).run()
            if !agreement.targets.isEmpty {
                var insert = sql.insert(into: "agreement_targets").columns("agreement_id", "indicator", "target")
                for (code, target) in agreement.targets.sorted(by: { $0.key < $1.key }) {
                    insert = insert.values(SQLBind(agreement.id), SQLBind(code), SQLBind(target))
                }
                try await insert.run()
            }
            try await AuditRecorder.record(on: tx, by: principal, action: existing == nil ? "create" : "update", entity: "agreement",
                                           entityID: agreement.id.uuidString, regionCode: westCode,
                                           partnerRegionCode: eastCode, before: before, after: agreement)
            return agreement
        }
    }

    /// The agreement of a year and scope (nil pairing: the provincial one), with its targets, in one query.
    public func find(year: Int, pairingID: UUID?) async throws -> Agreement? {
        try await joined(year: year) { $0.where(SQLColumn("scope_key", table: "agreements"), .equal, SQLBind(AgreementModel.scopeKey(pairingID))) }.first
    }

    /// The agreements of a year whose pairing is in force that year and has `code` as one of its sides.
    func forRegion(_ code: String, year: Int) async throws -> [Agreement] {
        // Plain SQL: a county's dashboard runs this on every request.
        let rows = try await (database as! any SQLDatabase).raw("""
            SELECT a.id AS a_id, a.pairing_id AS a_pairing, a.title AS a_title, a.share_threshold AS a_threshold, a.grading AS a_grading,
                   t.indicator AS t_indicator, t.target AS t_target
            FROM agreements a JOIN pairings p ON p.id = a.pairing_id LEFT JOIN agreement_targets t ON t.agreement_id = a.id
            WHERE a.year = \(bind: year) AND (p.east_code = \(bind: code) OR p.west_code = \(bind: code))
              AND (p.valid_from IS NULL OR p.valid_from <= \(bind: year)) AND (p.valid_to IS NULL OR p.valid_to >= \(bind: year))
            """).all()
        return try Self.agreements(from: rows, year: year)
    }

    /// Agreements of a year with their targets (a left join, one row per target), filtered by `filter`.
    private func joined(year: Int, _ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [Agreement] {
        let sql = database as! any SQLDatabase
        let query = sql.select()
            .column(SQLColumn("id", table: "agreements"), as: "a_id").column(SQLColumn("pairing_id", table: "agreements"), as: "a_pairing")
            .column(SQLColumn("title", table: "agreements"), as: "a_title")
            .column(SQLColumn("share_threshold", table: "agreements"), as: "a_threshold")
            .column(SQLColumn("grading", table: "agreements"), as: "a_grading")
            .column(SQLColumn("indicator", table: "agreement_targets"), as: "t_indicator")
            .column(SQLColumn("target", table: "agreement_targets"), as: "t_target")
            .from("agreements")
            .join("agreement_targets", method: SQLJoinMethod.left, on: SQLColumn("agreement_id", table: "agreement_targets"), .equal,
                  SQLColumn("id", table: "agreements"))
            .where(SQLColumn("year", table: "agreements"), .equal, SQLBind(year))
        return try Self.agreements(from: try await filter(query).all(), year: year)
    }

    /// Agreements from rows of agreements left-joined with their targets (`a_…` and `t_…` columns), in row order.
    static func agreements(from rows: [any SQLRow], year: Int) throws -> [Agreement] {
        var agreements: [UUID: Agreement] = [:]
        var order: [UUID] = []
        for row in rows {
            let id = try row.decode(column: "a_id", as: UUID.self)
            if agreements[id] == nil {
                order.append(id)
                agreements[id] = Agreement(id: id, year: year, pairingID: try row.decode(column: "a_pairing", as: UUID?.self),
                                           title: try row.decode(column: "a_title", as: String.self),
                                           shareThreshold: try row.decode(column: "a_threshold", as: Int.self), targets: [:],
                                           grading: try row.decode(column: "a_grading", as: StoredBody<GradingRulesStoredV1>?.self)?
                                               .value(in: StoredRow(AgreementModel.schema, id: id)))
            }
            if let indicator = try row.decode(column: "t_indicator", as: String?.self) {
                agreements[id]!.targets[indicator] = try row.decode(column: "t_target", as: Int64.self)
            }
        }
        return order.compactMap { agreements[$0] }
    }

    /// One agreement, if the principal may read it (staff; a pairing's only by staff covering either side).
    public func get(_ id: UUID, by principal: Principal) async throws -> Agreement {
        guard principal.role?.isStaff == true, let model = try await AgreementModel.find(id, on: database),
              try await readable(model, by: principal) else { throw DomainError.notFound("agreement") }
        return try await load(model, on: database)
    }

    /// Agreements the principal may read, for a year or all years, newest first.
    public func list(year: Int?, by principal: Principal) async throws -> [Agreement] {
        guard principal.role?.isStaff == true else { throw DomainError.forbidden }
        let query = AgreementModel.query(on: database).sort(\.$year, .descending).sort(\.$scopeKey)
        if let year { query.filter(\.$year == year) }
        var result: [Agreement] = []
        for model in try await query.all() where try await readable(model, by: principal) {
            result.append(try await load(model, on: database))
        }
        return result
    }

    private func readable(_ model: AgreementModel, by principal: Principal) async throws -> Bool {
        guard let pairingID = model.pairingID else { return true }
        guard let pairing = try await PairingModel.find(pairingID, on: database)?.pairing else { return false }
        return Permissions.canReadPairing(principal, pairing)
    }

    private func load(_ model: AgreementModel, on database: any Database) async throws -> Agreement {
        let rows = try await (database as! any SQLDatabase).select().columns("indicator", "target").from("agreement_targets")
            .where("agreement_id", .equal, SQLBind(model.id!)).all()
        var targets: [String: Int64] = [:]
        for row in rows { targets[try row.decode(column: "indicator", as: String.self)] = try row.decode(column: "target", as: Int64.self) }
        return try model.agreement(targets: targets)
    }
}
