import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// Enclave parks' statistics sharing (飞地经济): the agreed splits per span of years, each park's yearly figures,
/// and the yearly report of each side's part. Staff of either side read it; staff of the park's county record it.
public struct EnclaveRepository: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database

    /// Creates a repository over `database`.
    public init(database: any Database, clock: Clock = .system) { self.clock = clock; self.database = database }

    private var sql: any SQLDatabase { database as! any SQLDatabase }

    /// The park, if the principal is staff of either of its sides.
    func readable(_ parkID: UUID, by principal: Principal, on database: any Database) async throws -> Park {
        guard principal.role?.isStaff == true, let park = try await ParkModel.find(parkID, on: database).map({ try $0.park() }),
              principal.scope.covers(park.countyCode) || principal.scope.covers(park.partnerCode) else {
            throw DomainError.notFound("park")
        }
        return park
    }

    /// Agrees a split for a span of years; each split must sum to 100 % and spans must not overlap.
    public func addShare(to parkID: UUID, _ draft: EnclaveShareDraft, by principal: Principal) async throws -> EnclaveShare {
        try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let park = try await readable(parkID, by: principal, on: tx)
            guard Permissions.canEditIndustry(principal, countyCode: park.countyCode) else { throw DomainError.forbidden }
            let existing = try await EnclaveShareModel.query(on: tx).filter(\.$parkID == parkID).all().map { try $0.share() }
            let share = try draft.validated(for: park, existing: existing, id: UUID())
            let model = EnclaveShareModel()
            try model.apply(share, seq: seq)
            try await model.create(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "create", entity: "enclave_share", entityID: share.id.uuidString,
                                           regionCode: park.countyCode, partnerRegionCode: park.partnerCode,
                                           before: Optional<EnclaveShare>.none, after: share)
            return share
        }
    }

    /// Removes an agreed split (entered by mistake).
    public func deleteShare(_ id: UUID, of parkID: UUID, by principal: Principal) async throws {
        try await database.writeTransaction { tx in
            _ = try await ChangeSequence.next(on: tx)
            let park = try await readable(parkID, by: principal, on: tx)
            guard Permissions.canEditIndustry(principal, countyCode: park.countyCode) else { throw DomainError.forbidden }
            guard let model = try await EnclaveShareModel.find(id, on: tx), model.parkID == parkID else { throw DomainError.notFound("enclave_share") }
            let before = try model.share()
            try await model.delete(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "delete", entity: "enclave_share", entityID: id.uuidString,
                                           regionCode: park.countyCode, partnerRegionCode: park.partnerCode,
                                           before: before, after: Optional<EnclaveShare>.none)
        }
    }

    /// Records (or corrects) a park's figures for a year, in fen.
    public func setFigures(_ figures: ParkFigures, by principal: Principal, today: Day? = nil) async throws -> ParkFigures {
        let today = today ?? clock.today
        _ = try Validate.year(figures.year, field: "year", required: true)
        guard figures.year <= today.year else { throw DomainError.invalid("year", "in_future") }
        _ = try Validate.fen(figures.outputValue, field: "outputValue", required: true)
        _ = try Validate.fen(figures.taxRevenue, field: "taxRevenue", required: true)
        _ = try Validate.fen(figures.gdp, field: "gdp", required: true)
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let park = try await readable(figures.parkID, by: principal, on: tx)
            guard Permissions.canEditIndustry(principal, countyCode: park.countyCode) else { throw DomainError.forbidden }
            guard park.form == .enclave else { throw DomainError.invalid("parkId", "park_not_enclave") }
            let sql = tx as! any SQLDatabase
            let before = try await Self.figures(of: park.id, on: sql).first { $0.year == figures.year }
            try await sql.delete(from: "park_figures").where("park_id", .equal, SQLBind(park.id)).where("year", .equal, SQLBind(figures.year)).run()
            try await sql.insert(into: "park_figures").columns("park_id", "year", "output_value", "tax_revenue", "gdp", "change_seq")
                .values(SQLBind(park.id), SQLBind(figures.year), SQLBind(figures.outputValue), SQLBind(figures.taxRevenue),
                        SQLBind(figures.gdp), SQLBind(seq)).run()
            try await AuditRecorder.record(on: tx, by: principal, action: before == nil ? "create" : "update", entity: "park_figures",
                                           entityID: "\(park.id.uuidString)/\(figures.year)", regionCode: park.countyCode,
                                           partnerRegionCode: park.partnerCode, before: before, after: figures)
            return figures
        }
    }

    static func figures(of parkID: UUID, on sql: any SQLDatabase) async throws -> [ParkFigures] {
        try await sql.select().columns("year", "output_value", "tax_revenue", "gdp").from("park_figures")
            .where("park_id", .equal, SQLBind(parkID)).orderBy("year").all().map { row in
                ParkFigures(parkID: parkID, year: try row.decode(column: "year", as: Int.self),
                            outputValue: try row.decode(column: "output_value", as: Int64.self),
                            taxRevenue: try row.decode(column: "tax_revenue", as: Int64.self), gdp: try row.decode(column: "gdp", as: Int64.self))
            }
    }

    /// A park's agreed splits (oldest first), figures, and one report line per year with figures.
    public func detail(of parkID: UUID, by principal: Principal) async throws -> (shares: [EnclaveShare], report: [EnclaveReportLine]) {
        let park = try await readable(parkID, by: principal, on: database)
        let shares = try await EnclaveShareModel.query(on: database).filter(\.$parkID == parkID).sort(\.$fromYear).all().map { try $0.share() }
        let figures = try await Self.figures(of: parkID, on: sql)
        return (shares, figures.map { EnclaveReportLine(park: park, year: $0.year, shares: shares, figures: $0) })
    }

    /// The yearly report: every enclave park the principal may read, with each side's part of that year's figures.
    public func report(year: Int, by principal: Principal) async throws -> [EnclaveReportLine] {
        guard principal.role?.isStaff == true else { throw DomainError.forbidden }
        let parks = try await ParkModel.query(on: database).filter(\.$form == ParkForm.enclave.rawValue).sort(\.$name).all()
            .map { try $0.park() }
            .filter { principal.scope.covers($0.countyCode) || principal.scope.covers($0.partnerCode) }
        var lines: [EnclaveReportLine] = []
        for park in parks {
            let shares = try await EnclaveShareModel.query(on: database).filter(\.$parkID == park.id).all().map { try $0.share() }
            let figures = try await Self.figures(of: park.id, on: sql).first { $0.year == year }
            lines.append(EnclaveReportLine(park: park, year: year, shares: shares, figures: figures))
        }
        return lines
    }
}
