import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// The registers the assessment counts beside the four actions: persons exchanged, village pairings and
/// demonstration villages. Staff read and keep those of their jurisdiction; every write checks the county, books its
/// facts and is audited in one transaction that takes the change sequence first.
public struct CooperationRegisters: Sendable {
    let clock: Clock
    let database: any Database
    let regions: RegionDirectory

    /// Creates the registers over `database`.
    public init(database: any Database, regions: RegionDirectory, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.regions = regions
    }

    // MARK: Writes

    /// Records a person exchanged (`id` nil) or replaces one's fields.
    @discardableResult
    public func savePerson(_ draft: PersonnelExchangeDraft, id: UUID? = nil, by principal: Principal) async throws -> PersonnelExchange {
        try await write(id: id, entity: "personnel_exchange", by: principal) { id, before in
            var after = try draft.validated(in: regions, id: id)
            after.generated = before?.generated ?? false
            return after
        } facts: { before, after, _ in
            FactRules.delta(from: before.map(FactRules.contributions(of:)) ?? [:], to: after.map(FactRules.contributions(of:)) ?? [:])
        }
    }

    /// Records a village pairing (`id` nil) or replaces one's fields; the villages covered are recounted for its county.
    @discardableResult
    public func saveVillagePairing(_ draft: VillagePairingDraft, id: UUID? = nil, by principal: Principal,
                                   today: Day? = nil) async throws -> VillagePairing {
        try await write(id: id, entity: "village_pairing", by: principal) { id, before in
            var after = try draft.validated(in: regions, id: id, today: today ?? clock.today)
            after.generated = before?.generated ?? false
            return after
        } facts: { before, after, tx in
            try await Self.villagePairingFacts(before: before, after: after, on: tx)
        }
    }

    /// Records a demonstration village (`id` nil) or replaces one's fields; its projects must be of its county.
    @discardableResult
    public func saveDemonstrationVillage(_ draft: DemonstrationVillageDraft, id: UUID? = nil, by principal: Principal,
                                         today: Day? = nil) async throws -> DemonstrationVillage {
        try await write(id: id, entity: "demonstration_village", by: principal) { id, before in
            var after = try draft.validated(in: regions, id: id, today: today ?? clock.today)
            after.generated = before?.generated ?? false
            return after
        } check: { village, tx in
            guard !village.projectIDs.isEmpty else { return }
            let found = try await ProjectModel.query(on: tx).filter(\.$id ~~ village.projectIDs).filter(\.$countyCode == village.countyCode).count()
            guard found == village.projectIDs.count else { throw DomainError.invalid("projectIds", "unknown_project") }
        } facts: { before, after, _ in
            FactRules.delta(from: before.map(FactRules.contributions(of:)) ?? [:], to: after.map(FactRules.contributions(of:)) ?? [:])
        }
    }

    /// Removes a person exchanged (a mistaken entry) and its facts.
    public func deletePerson(_ id: UUID, by principal: Principal) async throws {
        try await remove(PersonnelExchange.self, id: id, entity: "personnel_exchange", by: principal) { before, _ in
            FactRules.delta(from: FactRules.contributions(of: before), to: [:])
        }
    }

    /// Removes a village pairing and its facts; the villages covered are recounted.
    public func deleteVillagePairing(_ id: UUID, by principal: Principal) async throws {
        try await remove(VillagePairing.self, id: id, entity: "village_pairing", by: principal) { before, tx in
            try await Self.villagePairingFacts(before: before, after: nil, on: tx)
        }
    }

    /// Removes a demonstration village and its facts.
    public func deleteDemonstrationVillage(_ id: UUID, by principal: Principal) async throws {
        try await remove(DemonstrationVillage.self, id: id, entity: "demonstration_village", by: principal) { before, _ in
            FactRules.delta(from: FactRules.contributions(of: before), to: [:])
        }
    }

    /// Saves a record in one transaction: the change sequence, the jurisdiction (the record before and after), the
    /// checks that need the database, the record, its facts and the audit entry.
    private func write<R: RegisterRecord & Encodable>(
        id: UUID?, entity: String, by principal: Principal, build: @escaping @Sendable (UUID, R?) throws -> R,
        check: @escaping @Sendable (R, any Database) async throws -> Void = { _, _ in },
        facts: @escaping @Sendable (R?, R?, any Database) async throws -> [FactKey: Int64]
    ) async throws -> R {
        try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let before = try await id.asyncMap { try await Register<R>.find($0, on: tx) } ?? nil
            if id != nil, before == nil { throw DomainError.notFound(entity) }
            if let before, !Self.keeps(principal, before.registerCounty) { throw DomainError.notFound(entity) }
            let after = try build(id ?? UUID(), before)
            guard Self.keeps(principal, after.registerCounty) else { throw DomainError.forbidden }
            try await check(after, tx)
            try await Register.save(after, seq: seq, on: tx)
            try await FactStore(database: tx).book(try await facts(before, after, tx))
            try await AuditRecorder.record(on: tx, by: principal, action: before == nil ? "create" : "update", entity: entity,
                                           entityID: after.id.uuidString, regionCode: after.registerCounty, before: before, after: after)
            return after
        }
    }

    private func remove<R: RegisterRecord & Encodable>(_ type: R.Type, id: UUID, entity: String, by principal: Principal,
                                                       facts: @escaping @Sendable (R, any Database) async throws -> [FactKey: Int64]) async throws {
        try await database.writeTransaction { tx in
            _ = try await ChangeSequence.next(on: tx)
            guard let before = try await Register<R>.find(id, on: tx), Self.keeps(principal, before.registerCounty) else {
                throw DomainError.notFound(entity)
            }
            try await Register<R>.delete(id, on: tx)
            try await FactStore(database: tx).book(try await facts(before, tx))
            try await AuditRecorder.record(on: tx, by: principal, action: "delete", entity: entity, entityID: id.uuidString,
                                           regionCode: before.registerCounty, before: before, after: Optional<R>.none)
        }
    }

    /// Staff whose jurisdiction covers the record's region keep it (and only they read it).
    static func keeps(_ principal: Principal, _ region: String) -> Bool {
        principal.role?.isStaff == true && principal.scope.covers(region)
    }

    /// A village pairing's own facts, and the change in its county's villages covered.
    static func villagePairingFacts(before: VillagePairing?, after: VillagePairing?, on database: any Database) async throws -> [FactKey: Int64] {
        var delta = FactRules.delta(from: before.map(FactRules.contributions(of:)) ?? [:], to: after.map(FactRules.contributions(of:)) ?? [:])
        let counties = Set([before?.countyCode, after?.countyCode].compactMap { $0 })
        let ownID = before?.id ?? after?.id
        var others: [VillagePairing] = []
        for county in counties {
            others += try await Register<VillagePairing>.query(region: county, on: database).all().map { try $0.record() }.filter { $0.id != ownID }
        }
        let coverage = FactRules.delta(from: FactRules.villageCoverage(others + [before].compactMap { $0 }),
                                       to: FactRules.villageCoverage(others + [after].compactMap { $0 }))
        delta.merge(coverage, uniquingKeysWith: +)
        return delta.filter { $0.value != 0 }
    }

    // MARK: Reads

    /// Persons exchanged in the principal's jurisdiction (narrowed to `region`), on post in `year` if given, by start.
    public func persons(region: String? = nil, year: Int? = nil, direction: ExchangeDirection? = nil, search: String? = nil,
                        by principal: Principal, page: Paging = Paging()) async throws -> Paged<PersonnelExchange> {
        try await list(PersonnelExchange.self, region: region, by: principal, page: page) { query in
            if let direction { query.filter(\.$status == direction.rawValue) }
            if let year { query.filter(\.$day <= "\(year)-12-31") }
            if let search, !search.isEmpty { query.matching(search, in: "name") }
        } keep: { person in year.map { person.daysOnPost(in: $0) > 0 } ?? true }
    }

    /// Village pairings in the principal's jurisdiction, of `year` if given, newest first.
    public func villagePairings(region: String? = nil, year: Int? = nil, search: String? = nil, by principal: Principal,
                                page: Paging = Paging()) async throws -> Paged<VillagePairing> {
        try await list(VillagePairing.self, region: region, by: principal, page: page) { query in
            if let year { query.filter(\.$day == "\(year)-01-01") }
            if let search, !search.isEmpty { query.matching(search, in: "name") }
        }
    }

    /// Demonstration villages in the principal's jurisdiction, designated by `year` if given, newest first.
    public func demonstrationVillages(region: String? = nil, year: Int? = nil, by principal: Principal,
                                      page: Paging = Paging()) async throws -> Paged<DemonstrationVillage> {
        try await list(DemonstrationVillage.self, region: region, by: principal, page: page) { query in
            if let year { query.filter(\.$day <= "\(year)-01-01") }
        }
    }

    /// One record, if the principal keeps its region.
    public func person(_ id: UUID, by principal: Principal) async throws -> PersonnelExchange {
        try await one(id, entity: "personnel_exchange", by: principal)
    }

    public func villagePairing(_ id: UUID, by principal: Principal) async throws -> VillagePairing {
        try await one(id, entity: "village_pairing", by: principal)
    }

    public func demonstrationVillage(_ id: UUID, by principal: Principal) async throws -> DemonstrationVillage {
        try await one(id, entity: "demonstration_village", by: principal)
    }

    /// What the linked projects of each village have disbursed (fen, all sources), by village id.
    public func funding(of villages: [DemonstrationVillage]) async throws -> [UUID: Int64] {
        let ids = Array(Set(villages.flatMap(\.projectIDs)))
        guard !ids.isEmpty else { return [:] }
        var disbursed: [UUID: Int64] = [:]
        for model in try await ProjectModel.query(on: database).filter(\.$id ~~ ids).all() { disbursed[model.id!] = model.flowsDisbursed }
        return Dictionary(uniqueKeysWithValues: villages.map { ($0.id, $0.projectIDs.reduce(0) { $0 + (disbursed[$1] ?? 0) }) })
    }

    private func one<R: RegisterRecord>(_ id: UUID, entity: String, by principal: Principal) async throws -> R {
        guard let record = try await Register<R>.find(id, on: database), Self.keeps(principal, record.registerCounty) else {
            throw DomainError.notFound(entity)
        }
        return record
    }

    private func list<R: RegisterRecord>(_ type: R.Type, region: String?, by principal: Principal, page: Paging,
                                         _ narrow: @escaping (QueryBuilder<RegisterRow<R>>) -> Void,
                                         keep: ((R) -> Bool)? = nil) async throws -> Paged<R> {
        guard principal.role?.isStaff == true else { throw DomainError.forbidden }
        let query = {
            let query = Register<R>.query(region: region, on: database).within(principal.scope, columns: "county_code")
            narrow(query)
            return query
        }
        guard let keep else { return try await Register<R>.page(query, paging: page) }
        // Filters the columns cannot express (a posting overlapping a year) are applied to all the rows, then paged.
        let all = try await query().sort(\.$day, .descending).sort(\.$name).all().map { try $0.record() }.filter(keep)
        return Paged(items: Array(all.dropFirst(page.offset).prefix(page.perPage)), total: all.count, request: page)
    }
}

/// The cooperation registers' facts, for `xiezuo facts rebuild`.
enum CooperationLedger {
    static func allFacts(on database: any Database) async throws -> [FactKey: Int64] {
        var facts: [FactKey: Int64] = [:]
        for row in try await RegisterRow<PersonnelExchange>.query(on: database).all() {
            facts.merge(FactRules.contributions(of: try row.record()), uniquingKeysWith: +)
        }
        let pairings = try await RegisterRow<VillagePairing>.query(on: database).all().map { try $0.record() }
        for pairing in pairings { facts.merge(FactRules.contributions(of: pairing), uniquingKeysWith: +) }
        facts.merge(FactRules.villageCoverage(pairings), uniquingKeysWith: +)
        for row in try await RegisterRow<DemonstrationVillage>.query(on: database).all() {
            facts.merge(FactRules.contributions(of: try row.record()), uniquingKeysWith: +)
        }
        return facts
    }
}
