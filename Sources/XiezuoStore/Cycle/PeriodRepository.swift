import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// The yearly cycle of each Shaanxi county: its state, the snapshot it submitted, the steps taken and comments made.
///
/// Who sees a county's year: staff whose jurisdiction covers the county, and staff of its Jiangsu partner that year
/// (either side of a pairing in force with the county or its city); everybody else gets 404. Who may act:
/// `PeriodRules`. Each step runs in one transaction that takes the change sequence first, so two steps on the same
/// year are serialised and each is checked against the state the other left.
public struct PeriodRepository: Sendable {
    let clock: Clock
    let database: any Database
    let regions: RegionDirectory

    /// Creates a repository over `database`.
    public init(database: any Database, regions: RegionDirectory, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.regions = regions
    }

    /// A county's year as one row of a list: its state, its last step and what the principal may do now.
    public struct Summary: Sendable {
        public var period: Period
        public var last: PeriodEvent?
        public var actions: [PeriodAction]
    }

    /// A county's year in full: its steps oldest first, the snapshot beside the live figures, what the principal may do.
    public struct Detail: Sendable {
        public var period: Period
        public var events: [PeriodEvent]
        public var live: [IndicatorFigure]
        /// Each live figure beside its submitted value (none before the first submission), in the order of `live`.
        public var differences: [FigureDifference]
        public var actions: [PeriodAction]
        public var isPartner: Bool
    }

    /// The counties of `region` (default: all the principal sees) the principal may see, with their year's state.
    public func list(year: Int, region: String? = nil, by principal: Principal) async throws -> [Summary] {
        _ = try Validate.year(year, field: "year", required: true)
        guard principal.role?.isStaff == true else { throw DomainError.forbidden }
        if let region, regions[region] == nil { throw DomainError.invalid("region", "unknown_region", ["code": region]) }
        let partnered = try await partnerCounties(of: principal, year: year, on: database)
        let counties = regions.counties(in: region ?? "61").filter {
            $0.code.hasPrefix("61") && (principal.scope.covers($0.code) || partnered.contains($0.code))
        }.map(\.code)
        let codes = Set(counties)
        let periods = try await Self.periods(year: year, on: sql).filter { codes.contains($0.key) }
        let last = try await lastEvents(year: year, counties: Array(periods.keys))
        return counties.map { code in
            let period = periods[code] ?? Period(year: year, countyCode: code)
            return Summary(period: period, last: last[code],
                           actions: PeriodRules.available(to: principal, state: period.state, county: code, isPartner: partnered.contains(code)))
        }
    }

    /// The states of several counties' year (drafting for those nobody acted on), for dashboards and reports.
    public func states(year: Int, counties: [String]) async throws -> [String: PeriodState] {
        let periods = try await Self.periods(year: year, on: sql)
        return Dictionary(uniqueKeysWithValues: counties.map { ($0, periods[$0]?.state ?? .drafting) })
    }

    /// One county's year, if the principal may see it.
    public func get(year: Int, county: String, by principal: Principal) async throws -> Detail {
        let (period, isPartner) = try await visible(year: year, county: county, by: principal, on: database)
        let rows = try await sql.select().columns("id", "action", "from_state", "to_state", "text", "actor", "actor_region", "created_at")
            .from("period_events").where("county_code", .equal, SQLBind(county)).where("year", .equal, SQLBind(year))
            .orderBy("created_at").orderBy("id").all()
        let events = try rows.map(Self.event)
        let live = try await DashboardRepository(database: database, regions: regions, clock: clock)
            .region(county, year: year, by: .system).figures
        return Detail(period: period, events: events, live: live,
                      differences: FigureDifference.compare(snapshot: period.snapshot, live: live),
                      actions: PeriodRules.available(to: principal, state: period.state, county: county, isPartner: isPartner),
                      isPartner: isPartner)
    }

    /// Takes `action` on a county's year: checks the state and the principal (`PeriodRules`), takes the snapshot on
    /// submission, records the step and audits it, in one transaction. `text` is the reason or the comment. Returns
    /// the year as it now stands, with what the principal may do next.
    @discardableResult
    public func act(_ action: PeriodAction, year: Int, county: String, text: String?, by principal: Principal) async throws -> Summary {
        let text = try PeriodRules.text(text, for: action)
        return try await database.writeTransaction { tx in
            let sql = tx as! any SQLDatabase
            let seq = try await ChangeSequence.next(on: tx)
            let (before, isPartner) = try await visible(year: year, county: county, by: principal, on: tx)
            let to = try PeriodRules.next(after: before.state, action, by: principal, county: county, isPartner: isPartner)
            let now = clock.now
            var after = before
            after.state = to
            if action != .comment { after.updatedAt = now }
            if action == .submit {
                let figures = try await DashboardRepository(database: tx, regions: regions, clock: clock)
                    .region(county, year: year, by: .system).figures
                after.snapshot = figures.map(SnapshotFigure.init)
                after.snapshotAt = now
                try await sql.delete(from: "period_figures").where("year", .equal, SQLBind(year)).where("county_code", .equal, SQLBind(county)).run()
                var insert = sql.insert(into: "period_figures").columns("year", "county_code", "indicator", "target", "actual", "status")
                for figure in after.snapshot {
                    insert = insert.values(SQLBind(year), SQLBind(county), SQLBind(figure.code), SQLBind(figure.target), SQLBind(figure.actual),
                                           SQLBind(figure.status.rawValue))
                }
                try await insert.run()
            }
            if action != .comment {
                try await sql.insert(into: "periods").columns("year", "county_code", "state", "snapshot_at", "updated_at", "change_seq")
                    .values(SQLBind(year), SQLBind(county), SQLBind(to.rawValue), SQLBind(after.snapshotAt), SQLBind(now), SQLBind(seq))
                    .onConflict(with: ["year", "county_code"]) {
                        $0.set(excludedValueOf: "state").set(excludedValueOf: "snapshot_at").set(excludedValueOf: "updated_at")
                            .set(excludedValueOf: "change_seq")
                    }.run()
            }
            let eventID = UUID.timeOrdered(at: now)
            try await sql.insert(into: "period_events")
                .columns("id", "year", "county_code", "action", "from_state", "to_state", "text", "account_id", "actor", "actor_region", "created_at")
                .values(SQLBind(eventID), SQLBind(year), SQLBind(county), SQLBind(action.rawValue), SQLBind(before.state.rawValue),
                        SQLBind(to.rawValue), SQLBind(text), SQLBind(principal.accountID), SQLBind(principal.name),
                        SQLBind(principal.jurisdiction), SQLBind(now))
                .run()
            try await AuditRecorder.record(on: tx, by: principal, action: action.rawValue, entity: "period", entityID: "\(year)/\(county)",
                                           regionCode: county, before: AuditedPeriod(before, text: nil), after: AuditedPeriod(after, text: text))
            let event = PeriodEvent(id: eventID, action: action, from: before.state, to: to, text: text, actor: principal.name,
                                    actorRegion: principal.jurisdiction, at: now)
            return Summary(period: after, last: event,
                           actions: PeriodRules.available(to: principal, state: to, county: county, isPartner: isPartner))
        }
    }

    /// What the audit log keeps of a step: the year, the county, the state and the reason or comment.
    struct AuditedPeriod: Encodable {
        var year: Int
        var county: String
        var state: String
        var text: String?
        init(_ period: Period, text: String?) {
            year = period.year
            county = period.countyCode
            state = period.state.rawValue
            self.text = text
        }
    }

    private var sql: any SQLDatabase { database as! any SQLDatabase }

    /// The county's year if the principal may see it (with whether they see it as its Jiangsu partner); 404 otherwise.
    func visible(year: Int, county: String, by principal: Principal, on database: any Database) async throws -> (Period, Bool) {
        _ = try Validate.year(year, field: "year", required: true)
        guard let region = regions[county], region.level == .county, county.hasPrefix("61"), principal.role?.isStaff == true else {
            throw DomainError.notFound("period")
        }
        let isPartner = try await partnerCounties(of: principal, year: year, on: database).contains(county)
        guard principal.scope.covers(county) || isPartner else { throw DomainError.notFound("period") }
        let sql = database as! any SQLDatabase
        let period = try await Self.periods(year: year, counties: [county], on: sql)[county] ?? Period(year: year, countyCode: county)
        return (period, isPartner)
    }

    /// The Shaanxi counties whose Jiangsu partner the principal is staff of in `year` (``PairedRegions``; a city's
    /// pairing covers its counties).
    func partnerCounties(of principal: Principal, year: Int, on database: any Database) async throws -> Set<String> {
        guard let east = PairedRegions.jiangsuSide(of: principal) else { return [] }
        return Set(try await PairedRegions.west(ofEast: east, year: year, on: database).flatMap { regions.counties(in: $0).map(\.code) })
    }

    /// The counties' periods of a year (all of the year's when `counties` is nil), with their snapshots.
    static func periods(year: Int, counties: [String]? = nil, on sql: any SQLDatabase) async throws -> [String: Period] {
        if let counties, counties.isEmpty { return [:] }
        var query = sql.select().columns("county_code", "state", "snapshot_at", "updated_at").from("periods").where("year", .equal, SQLBind(year))
        if let counties { query = query.where("county_code", .in, SQLGroupExpression(counties.map { SQLBind($0) })) }
        var result: [String: Period] = [:]
        for row in try await query.all() {
            let county = try row.decode(column: "county_code", as: String.self)
            let state = try row.decode(column: "state", as: String.self)
            guard let parsed = PeriodState(rawValue: state) else {
                throw StoredRecordError(table: "periods", id: "\(year)/\(county)", column: "state", problem: "unknown state \(state)")
            }
            result[county] = Period(year: year, countyCode: county, state: parsed, snapshotAt: try row.decode(column: "snapshot_at", as: Date?.self),
                                    updatedAt: try row.decode(column: "updated_at", as: Date?.self))
        }
        guard let counties, !result.isEmpty else { return result }
        // The snapshots only for a few counties (one county's page); lists show states.
        let figures = try await sql.select().columns("county_code", "indicator", "target", "actual", "status").from("period_figures")
            .where("year", .equal, SQLBind(year)).where("county_code", .in, SQLGroupExpression(counties.map { SQLBind($0) })).all()
        var byCounty: [String: [String: SnapshotFigure]] = [:]
        for row in figures {
            let county = try row.decode(column: "county_code", as: String.self)
            let code = try row.decode(column: "indicator", as: String.self)
            let status = try row.decode(column: "status", as: String.self)
            guard let parsed = FigureStatus(rawValue: status) else {
                throw StoredRecordError(table: "period_figures", id: "\(year)/\(county)/\(code)", column: "status", problem: "unknown status \(status)")
            }
            byCounty[county, default: [:]][code] = SnapshotFigure(code: code, target: try row.decode(column: "target", as: Int64?.self),
                                                                  actual: try row.decode(column: "actual", as: Int64?.self), status: parsed)
        }
        for (county, figures) in byCounty where result[county] != nil {
            // In catalogue order; an indicator added to the catalogue since is not in the snapshot.
            result[county]!.snapshot = IndicatorCatalogue.all.compactMap { figures[$0.code] }
        }
        return result
    }

    /// The last step of each county's year.
    private func lastEvents(year: Int, counties: [String]) async throws -> [String: PeriodEvent] {
        guard !counties.isEmpty else { return [:] }
        let rows = try await sql.select().columns("id", "county_code", "action", "from_state", "to_state", "text", "actor", "actor_region", "created_at")
            .from("period_events").where("year", .equal, SQLBind(year))
            .where("county_code", .in, SQLGroupExpression(counties.map { SQLBind($0) }))
            .orderBy("created_at").orderBy("id").all()
        var result: [String: PeriodEvent] = [:]
        for row in rows { result[try row.decode(column: "county_code", as: String.self)] = try Self.event(row) }
        return result
    }

    static func event(_ row: any SQLRow) throws -> PeriodEvent {
        let id = try row.decode(column: "id", as: UUID.self)
        func parse<T: RawRepresentable>(_ column: String, as type: T.Type) throws -> T where T.RawValue == String {
            let text = try row.decode(column: column, as: String.self)
            guard let value = T(rawValue: text) else {
                throw StoredRecordError(table: "period_events", id: id.uuidString, column: column, problem: "unknown value \(text)")
            }
            return value
        }
        return PeriodEvent(id: id, action: try parse("action", as: PeriodAction.self), from: try parse("from_state", as: PeriodState.self),
                           to: try parse("to_state", as: PeriodState.self), text: try row.decode(column: "text", as: String?.self),
                           actor: try row.decode(column: "actor", as: String.self),
                           actorRegion: try row.decode(column: "actor_region", as: String?.self),
                           at: try row.decode(column: "created_at", as: Date.self))
    }
}
