import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// Labour brands (劳务品牌): public to read, recorded by the staff of their county, with the brand and leading-unit
/// counts booked in the same transaction. Workers carry a brand by holding its certificate (`worker_brands`).
public struct LaborBrandRepository: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database
    let regions: RegionDirectory

    /// Creates a repository over `database`.
    public init(database: any Database, regions: RegionDirectory, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.regions = regions
    }

    /// Records a brand.
    public func create(_ draft: LaborBrandDraft, by principal: Principal, today: Day? = nil) async throws -> LaborBrand {
        let today = today ?? clock.today
        return try await write(id: UUID(), isNew: true, draft: draft, by: principal, today: today)
    }

    /// Replaces a brand's fields; a new name is carried into the certificates of the workers who hold it.
    public func update(_ id: UUID, with draft: LaborBrandDraft, by principal: Principal, today: Day? = nil) async throws -> LaborBrand {
        let today = today ?? clock.today
        return try await write(id: id, isNew: false, draft: draft, by: principal, today: today)
    }

    private func write(id: UUID, isNew: Bool, draft: LaborBrandDraft, by principal: Principal, today: Day) async throws -> LaborBrand {
        try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let before = try await Register<LaborBrand>.find(id, on: tx)
            if !isNew, before == nil { throw DomainError.notFound("brand") }
            if let before, !Permissions.canEditLaborRecord(principal, countyCode: before.countyCode) { throw DomainError.notFound("brand") }
            var after = try draft.validated(in: regions, id: id, today: today)
            after.generated = before?.generated ?? false
            guard Permissions.canEditLaborRecord(principal, countyCode: after.countyCode) else { throw DomainError.forbidden }
            if let other = try await RegisterRow<LaborBrand>.query(on: tx).filter(\.$name == after.name).first(), other.id != id {
                throw DomainError(.conflict, code: "brand_name_taken", field: "name")
            }
            try await Register.save(after, seq: seq, on: tx)
            if let before, before.name != after.name {
                try await WorkerBrands.rename(brand: id, from: before.name, to: after.name, seq: seq, on: tx)
            }
            try await FactStore(database: tx).book(FactRules.delta(from: before.map(FactRules.contributions(of:)) ?? [:],
                                                                   to: FactRules.contributions(of: after)))
            try await AuditRecorder.record(on: tx, by: principal, action: isNew ? "create" : "update", entity: "brand",
                                           entityID: id.uuidString, regionCode: after.countyCode, before: before, after: after)
            return after
        }
    }

    /// Removes a brand no worker carries and no training leads to (a mistaken entry).
    public func delete(_ id: UUID, by principal: Principal) async throws {
        try await database.writeTransaction { tx in
            _ = try await ChangeSequence.next(on: tx)
            guard let before = try await Register<LaborBrand>.find(id, on: tx),
                  Permissions.canEditLaborRecord(principal, countyCode: before.countyCode) else { throw DomainError.notFound("brand") }
            if try await WorkerBrands.carriers(of: [id], on: tx)[id, default: 0] > 0 { throw DomainError(.conflict, code: "brand_has_workers") }
            let programmes = try await RegisterRow<TrainingProgramme>.query(on: tx).all().map { try $0.record() }
            if programmes.contains(where: { $0.brandID == id }) { throw DomainError(.conflict, code: "brand_has_training") }
            try await Register<LaborBrand>.delete(id, on: tx)
            try await FactStore(database: tx).book(FactRules.delta(from: FactRules.contributions(of: before), to: [:]))
            try await AuditRecorder.record(on: tx, by: principal, action: "delete", entity: "brand", entityID: id.uuidString,
                                           regionCode: before.countyCode, before: before, after: Optional<LaborBrand>.none)
        }
    }

    /// One brand (public).
    public func get(_ id: UUID) async throws -> LaborBrand {
        guard let brand = try await Register<LaborBrand>.find(id, on: database) else { throw DomainError.notFound("brand") }
        return brand
    }

    /// Brands in a region (public), by county and name; `search` matches the name, `level` filters.
    public func list(region: String?, search: String? = nil, level: BrandLevel? = nil, page: Paging = Paging()) async throws -> Paged<LaborBrand> {
        try await Register<LaborBrand>.page({
            let query = Register<LaborBrand>.query(region: region, on: database)
            if let search, !search.isEmpty { query.matching(search, in: "name") }
            if let level { query.filter(\.$status == level.rawValue) }
            return query
        }, paging: page, order: .countyThenName)
    }

    /// The public list: the brands on record first (the cooperation letter names 丹凤厨工, 紫阳修脚师 and 山阳辅警),
    /// then generated ones; each group by county and name. A register of a few hundred brands is read whole and
    /// paged in memory (at most `limit` rows).
    public func listRecordedFirst(region: String?, search: String? = nil, page: Paging = Paging(), limit: Int = 5_000) async throws -> Paged<LaborBrand> {
        let query = Register<LaborBrand>.query(region: region, on: database)
        if let search, !search.isEmpty { query.matching(search, in: "name") }
        let brands = try await query.sort(\.$countyCode).sort(\.$name).limit(limit).all().map { try $0.record() }
        let ordered = brands.filter { !$0.generated } + brands.filter(\.generated)
        return Paged(items: Array(ordered.dropFirst(page.offset).prefix(page.perPage)), total: ordered.count, request: page)
    }

    /// How many workers carry each of these brands.
    public func carriers(of ids: [UUID]) async throws -> [UUID: Int] {
        try await WorkerBrands.carriers(of: ids, on: database)
    }

    /// Brands and leading units in a region by `year` (the figures the letter reports: 97 brands, 111 units), read
    /// from the facts the writes keep, not counted from the register.
    public func totals(region: String?, year: Int? = nil) async throws -> (brands: Int, leadingUnits: Int) {
        let year = year ?? clock.today.year
        let sums = try await FactStore(database: database).year(year, region: region ?? "61", pairing: nil,
                                                                 trendOf: IndicatorCatalogue.laborBrands).sums
        return (Int(sums[IndicatorCatalogue.laborBrands] ?? 0), Int(sums[IndicatorCatalogue.laborBrandLeadingUnits] ?? 0))
    }
}

/// The link between workers and the brands whose certificates they hold.
enum WorkerBrands {
    /// The ids of the brands with these names; an unknown name is a field error on `field`.
    static func ids(named names: [String], field: String, on database: any Database) async throws -> [UUID] {
        guard !names.isEmpty else { return [] }
        let rows = try await RegisterRow<LaborBrand>.query(on: database).filter(\.$name ~~ names).all()
        let byName = Dictionary(rows.map { ($0.name, $0.id!) }, uniquingKeysWith: { first, _ in first })
        return try names.map { name in
            guard let id = byName[name] else { throw DomainError.invalid(field, "unknown_brand", ["name": name]) }
            return id
        }
    }

    /// Replaces the brands `worker` carries.
    static func set(worker: UUID, brands: [UUID], on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.delete(from: "worker_brands").where("worker_id", .equal, SQLBind(worker)).run()
        for brand in Set(brands) {
            try await sql.insert(into: "worker_brands").columns("worker_id", "brand_id").values(SQLBind(worker), SQLBind(brand)).run()
        }
    }

    /// Worker counts per brand.
    static func carriers(of ids: [UUID], on database: any Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        let sql = database as! any SQLDatabase
        let rows = try await sql.select().column("brand_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("worker_brands").where("brand_id", .in, SQLBind.group(ids)).groupBy("brand_id").all()
        var counts: [UUID: Int] = [:]
        for row in rows { counts[try row.decode(column: "brand_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self) }
        return counts
    }

    /// Carries a brand's new name into the certificates of the workers who hold it.
    static func rename(brand: UUID, from old: String, to new: String, seq: Int64, on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let workerIDs = try await sql.select().column("worker_id").from("worker_brands").where("brand_id", .equal, SQLBind(brand)).all()
            .map { try $0.decode(column: "worker_id", as: UUID.self) }
        guard !workerIDs.isEmpty else { return }
        for model in try await WorkerModel.query(on: database).filter(\.$id ~~ workerIDs).all() {
            var worker = try model.masked()
            worker.certificates = worker.certificates.map { $0 == old ? new : $0 }
            try model.apply(worker, seq: seq)
            try await model.save(on: database)
        }
    }

    /// Adds a brand to a worker's certificates (a certified trainee of a brand's training).
    static func grant(brand: LaborBrand, to model: WorkerModel, seq: Int64, on database: any Database) async throws {
        var worker = try model.masked()
        guard !worker.certificates.contains(brand.name) else { return }
        worker.certificates.append(brand.name)
        try model.apply(worker, seq: seq)
        try await model.save(on: database)
        try await (database as! any SQLDatabase).insert(into: "worker_brands").columns("worker_id", "brand_id")
            .values(SQLBind(model.id!), SQLBind(brand.id)).run()
    }
}
