import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// Assembles the annual report of a region or a pairing from the facts (the dashboard's figures) and the records (the
/// lists and splits). Staff only, within their jurisdiction, like the dashboard.
public struct AnnualReportReader: Sendable {
    let clock: Clock
    let database: any Database
    let regions: RegionDirectory
    /// This platform's id, to tell its own postings from those received.
    let platform: String

    /// Creates a reader over `database`.
    public init(database: any Database, regions: RegionDirectory, platform: String, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.regions = regions
        self.platform = platform
    }

    private var sql: any SQLDatabase { database as! any SQLDatabase }

    /// The report of `year` for a region (default the province) or a pairing.
    public func report(year: Int, region: String?, pairing: UUID?, by principal: Principal) async throws -> AnnualReport {
        _ = try Validate.year(year, field: "year", required: true)
        let dashboards = DashboardRepository(database: database, regions: regions, clock: clock)
        let data: DashboardData
        var prefixes: [String]
        if let pairing {
            data = try await dashboards.pairing(pairing, year: year, by: principal)
            guard let found = try await PairingModel.find(pairing, on: database)?.pairing else { throw DomainError.notFound("pairing") }
            prefixes = [found.westCode]
        } else {
            let code = region ?? "61"
            data = try await dashboards.region(code, year: year, by: principal)
            if code.hasPrefix("61") {
                prefixes = [code]
            } else {
                // A Jiangsu region: the Shaanxi regions it is paired with that year (as its facts count them).
                prefixes = try await PairedRegions.west(ofEast: code, year: year, on: database)
            }
        }
        prefixes = Array(Set(prefixes)).sorted()
        let within = Self.within(prefixes, column: "county_code")
        let (byArea, byCategory) = try await aid(year: year, within: Self.within(prefixes, column: "p.county_code"), pairing: pairing)
        let counties = prefixes.flatMap { regions.counties(in: $0) }.map(\.code).filter { $0.hasPrefix("61") }
        let states = try await PeriodRepository(database: database, regions: regions, clock: clock).states(year: year, counties: counties)
        let travel = try await tripCount(year: year, within: within)
        let shared = try await postings(year: year, within: within)
        let grades = try await PeriodAssessments.grades(year: year, counties: counties, on: database)
        return AnnualReport(
            year: year, regionCode: data.regionCode, pairingID: data.pairingID, producedAt: clock.now, figures: data.figures,
            shareThreshold: data.agreement?.shareThreshold, aidByArea: byArea, aidByCategory: byCategory,
            industries: try await items("SELECT name, county_code, category AS kind FROM featured_industries WHERE since <= \(year) AND \(within)"),
            parks: try await items("SELECT name, county_code, form AS kind FROM parks WHERE established IS NOT NULL AND established <= '\(year)-12-31' AND \(within)"),
            enterprisesLanded: try await items("""
                SELECT name, county_code, status AS kind, actual_investment AS amount, jobs AS count FROM enterprises
                WHERE landed_on >= '\(year)-01-01' AND landed_on <= '\(year)-12-31' AND \(within)
                """),
            enclaveShares: try await count("SELECT COUNT(*) AS n FROM enclave_shares s JOIN parks p ON p.id = s.park_id WHERE \(Self.within(prefixes, column: "p.county_code"))"),
            productsPromoted: try await count("SELECT COUNT(*) AS n FROM products WHERE certification = 'published' AND \(within)"),
            regionalBrands: try await count("SELECT COUNT(*) AS n FROM regional_brands WHERE \(within)"),
            procurement: region == nil || region == "61" || region == "32" ? try await procurement(year: year) : nil,
            gigMarkets: try await count("SELECT COUNT(*) AS n FROM gig_markets WHERE \(within)"),
            trips: travel.trips, passengers: travel.passengers,
            trainingByMode: try await splits("""
                SELECT status AS key, COUNT(*) AS amount FROM training_programmes WHERE day >= '\(year)-01-01' AND day <= '\(year)-12-31' AND \(within)
                GROUP BY status
                """),
            postingsReceived: shared.received, postingsOffered: shared.offered,
            counties: counties.map { AnnualReport.CountyState(countyCode: $0, state: states[$0] ?? .drafting, grade: grades[$0]) })
    }

    /// `(column LIKE 'a%' OR column LIKE 'b%')`: codes are validated digit strings, so they need no escaping; no prefix
    /// matches nothing.
    static func within(_ prefixes: [String], column: String) -> String {
        let safe = prefixes.filter { $0.allSatisfy(\.isNumber) }
        guard !safe.isEmpty else { return "1 = 0" }
        return "(" + safe.map { "\(column) LIKE '\($0)%'" }.joined(separator: " OR ") + ")"
    }

    /// A string literal for SQL built here (a pairing id this code formatted; quotes doubled anyway).
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// The first instant of a year in China Standard Time (midnight, 12 hours before noon).
    static func start(of year: Int) -> Date { Day("\(year)-01-01")!.noonInChina.addingTimeInterval(-12 * 3_600) }

    /// Postings received from each partner platform in the year (first stored here then), and this platform's own
    /// postings published in the year, which its feed offers every partner.
    private func postings(year: Int, within: String) async throws -> (received: [AnnualReport.Split], offered: Int) {
        let (start, end) = (Self.start(of: year), Self.start(of: year + 1))
        let received = try await sql.select().column("origin_platform", as: "key").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "amount")
            .from("job_postings").where("origin_platform", .notEqual, SQLBind(platform))
            .where("created_at", .greaterThanOrEqual, SQLBind(start)).where("created_at", .lessThan, SQLBind(end))
            .where(SQLQueryString(within)).groupBy("origin_platform").orderBy("origin_platform").all()
            .map { AnnualReport.Split(key: try $0.decode(column: "key", as: String.self), amount: try $0.decode(column: "amount", as: Int64.self)) }
        let offered = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("job_postings")
            .where("origin_platform", .equal, SQLBind(platform))
            .where("posted_at", .greaterThanOrEqual, SQLBind(start)).where("posted_at", .lessThan, SQLBind(end))
            .where(SQLQueryString(within)).first()?.decode(column: "n", as: Int.self) ?? 0
        return (received, offered)
    }

    private func items(_ query: String) async throws -> [AnnualReport.Item] {
        try await sql.raw(SQLQueryString(query + " ORDER BY county_code, name")).all().map { row in
            AnnualReport.Item(name: try row.decode(column: "name", as: String.self), countyCode: try row.decode(column: "county_code", as: String.self),
                              kind: try? row.decode(column: "kind", as: String?.self), amount: try? row.decode(column: "amount", as: Int64?.self),
                              count: try? row.decode(column: "count", as: Int?.self))
        }
    }

    private func count(_ query: String) async throws -> Int {
        try await sql.raw(SQLQueryString(query)).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    private func splits(_ query: String) async throws -> [AnnualReport.Split] {
        try await sql.raw(SQLQueryString(query + " ORDER BY key")).all().map {
            AnnualReport.Split(key: try $0.decode(column: "key", as: String.self), amount: try $0.decode(column: "amount", as: Int64.self))
        }
    }

    /// Jiangsu aid committed in the year, by action area and by category (largest first).
    private func aid(year: Int, within: String, pairing: UUID?) async throws -> ([AnnualReport.Split], [AnnualReport.Split]) {
        var query = """
            SELECT p.action_area AS area, p.category AS category, CAST(SUM(f.amount) AS BIGINT) AS total FROM fund_flows f JOIN projects p ON p.id = f.project_id
            WHERE f.source = 'jiangsu_aid' AND f.type = 'commitment' AND f.month >= \(year * 100 + 1) AND f.month <= \(year * 100 + 12) AND \(within)
            """
        if let pairing { query += " AND p.pairing_id = \(Self.literal(pairing.uuidString))" }
        var byArea: [String: Int64] = [:], byCategory: [String: Int64] = [:]
        for row in try await sql.raw(SQLQueryString(query + " GROUP BY p.action_area, p.category")).all() {
            let total = try row.decode(column: "total", as: Int64.self)
            byArea[try row.decode(column: "area", as: String.self), default: 0] += total
            byCategory[try row.decode(column: "category", as: String.self), default: 0] += total
        }
        func sorted(_ sums: [String: Int64]) -> [AnnualReport.Split] {
            sums.map { AnnualReport.Split(key: $0.key, amount: $0.value) }.sorted { ($0.amount, $1.key) > ($1.amount, $0.key) }
        }
        return (sorted(byArea), sorted(byCategory))
    }

    private func procurement(year: Int) async throws -> AnnualReport.ProcurementSummary {
        let units = try await RegisterRow<Procurement>.query(on: database).filter(\.$day == String(year)).all().map { try $0.record() }
        return AnnualReport.ProcurementSummary(units: units.count, unitsMeetingFloor: units.filter { $0.meetsFloor == true }.count,
                                               canteenSpending: units.reduce(0) { $0 + $1.canteenSpending },
                                               povertyAreaSpending: units.reduce(0) { $0 + $1.povertyAreaSpending })
    }

    private func tripCount(year: Int, within: String) async throws -> (trips: Int, passengers: Int) {
        let trips = try await RegisterRow<DirectTrip>.query(on: database).filter(\.$day >= "\(year)-01-01").filter(\.$day <= "\(year)-12-31")
            .filter(.sql(unsafeRaw: within)).all().map { try $0.record() }
        return (trips.count, trips.reduce(0) { $0 + $1.passengers.count })
    }
}
