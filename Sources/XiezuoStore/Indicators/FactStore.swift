import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// The facts table: books fact deltas in the caller's transaction, answers sums for dashboards, and rebuilds
/// everything from the ledgers.
public struct FactStore: Sendable {
    let database: any Database

    /// Creates a store over `database` (pass the transaction when booking).
    public init(database: any Database) { self.database = database }

    private var sql: any SQLDatabase { database as! any SQLDatabase }

    /// A stored row's key.
    struct RowKey: Hashable {
        var region: String
        var pairing: String
        var month: Int
        var indicator: String
    }

    /// Adds `delta` to the facts, expanded to every level dashboards read.
    func book(_ delta: [FactKey: Int64], checkingLocks: Bool = true) async throws {
        try await Self.book(delta, checkingLocks: checkingLocks, on: sql)
    }

    /// Adds `delta` to the facts through a plain SQL connection (the caller's transaction). `knownEastCodes` are the
    /// Jiangsu regions of pairings the caller has read already; the others are looked up.
    ///
    /// A delta that would change the figures of a county's approved year throws `period_locked` before anything is
    /// booked (`PeriodLocks`), so the caller's transaction writes nothing; only a rebuild passes `checkingLocks: false`.
    static func book(_ delta: [FactKey: Int64], knownEastCodes: [UUID: String] = [:], checkingLocks: Bool = true,
                     on sql: any SQLDatabase) async throws {
        guard !delta.isEmpty else { return }
        if checkingLocks { try await PeriodLocks.check(PeriodLocks.touched(by: delta), on: sql) }
        var eastCodes = knownEastCodes
        let pairings = Array(Set(delta.keys.compactMap(\.pairingID)).subtracting(knownEastCodes.keys))
        if !pairings.isEmpty {
            // Plain SQL: every write that books facts comes here, and a model read costs more than the query.
            for row in try await sql.select().columns("id", "east_code").from(PairingModel.schema)
                .where("id", .in, SQLGroupExpression(pairings.map { SQLBind($0) })).all() {
                eastCodes[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "east_code", as: String.self)
            }
        }
        var rows: [RowKey: Int64] = [:]
        for (key, value) in delta {
            for row in Self.expand(key, eastCode: key.pairingID.flatMap { eastCodes[$0] }) { rows[row, default: 0] += value }
        }
        try await upsert(rows.filter { $0.value != 0 }, on: sql)
    }

    /// The rows a county-level fact is kept in: the county, its city and province; the Jiangsu side of its pairing
    /// and that side's ancestors; and the pairing itself.
    static func expand(_ key: FactKey, eastCode: String?) -> [RowKey] {
        var regions = RegionCode.ancestors(of: key.countyCode) + [key.countyCode]
        if let eastCode { regions += RegionCode.ancestors(of: eastCode) + [eastCode] }
        var rows = Set(regions).map { RowKey(region: $0, pairing: "", month: key.month, indicator: key.indicator) }
        if let pairing = key.pairingID {
            rows.append(RowKey(region: "", pairing: pairing.uuidString, month: key.month, indicator: key.indicator))
        }
        return rows
    }

    private static func upsert(_ rows: [RowKey: Int64], on sql: any SQLDatabase) async throws {
        let entries = Array(rows)
        for start in stride(from: 0, to: entries.count, by: 500) {
            var insert = sql.insert(into: "facts").columns("region_code", "pairing_id", "month", "indicator", "value")
            for (key, value) in entries[start..<min(start + 500, entries.count)] {
                insert = insert.values(SQLBind(key.region), SQLBind(key.pairing), SQLBind(key.month), SQLBind(key.indicator), SQLBind(value))
            }
            try await insert.onConflict(with: ["region_code", "pairing_id", "month", "indicator"]) {
                $0.set("value", to: SQLBinaryExpression(SQLColumn("value", table: "facts"), .add, SQLExcludedColumn("value")))
            }.run()
        }
    }

    /// The stock indicators, whose year counts everything up to its end.
    static let cumulativeCodes = IndicatorCatalogue.all.filter(\.cumulative).map(\.code)

    /// One year of a region's or pairing's facts in a single read: the sums per indicator (stock indicators up to
    /// the year's end), and one indicator's value per month (1…12) for the trend line.
    public func year(_ year: Int, region: String?, pairing: UUID?, trendOf indicator: String) async throws -> (sums: [String: Int64], trend: [Int64]) {
        // Plain SQL: every dashboard runs this, and building it with the query builder cost more than reading it.
        let codes: [any Encodable & Sendable] = Self.cumulativeCodes
        let rows = try await sql.raw("""
            SELECT indicator, month, value FROM facts
            WHERE region_code = \(bind: pairing == nil ? region ?? "" : "") AND pairing_id = \(bind: pairing?.uuidString ?? "")
              AND month <= \(bind: year * 100 + 12) AND (month >= \(bind: year * 100 + 1) OR indicator IN (\(binds: codes)))
            """).all()
        var sums: [String: Int64] = [:]
        var trend = [Int64](repeating: 0, count: 12)
        for row in rows {
            let code = try row.decode(column: "indicator", as: String.self)
            let value = try row.decode(column: "value", as: Int64.self)
            sums[code, default: 0] += value
            if code == indicator {
                let month = try row.decode(column: "month", as: Int.self)
                guard month >= year * 100 + 1 else { continue }
                let monthOfYear = month % 100
                if (1...12).contains(monthOfYear) { trend[monthOfYear - 1] += value }
            }
        }
        return (sums, trend)
    }

    /// One indicator's yearly sum for each of several regions (the bars of a region's children).
    public func byRegion(_ indicator: String, regions codes: [String], year: Int) async throws -> [String: Int64] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await sql.select().column("region_code").column(sumAsBigint("value"), as: "total")
            .from("facts")
            .where("region_code", .in, SQLGroupExpression(codes.map { SQLBind($0) }))
            .where("pairing_id", .equal, SQLBind(""))
            .where("indicator", .equal, SQLBind(indicator))
            .where("month", .greaterThanOrEqual, SQLBind(Self.cumulativeCodes.contains(indicator) ? 0 : year * 100 + 1))
            .where("month", .lessThanOrEqual, SQLBind(year * 100 + 12))
            .groupBy("region_code")
            .all()
        var sums: [String: Int64] = [:]
        for row in rows {
            sums[try row.decode(column: "region_code", as: String.self)] = try row.decode(column: "total", as: Int64.self)
        }
        return sums
    }

    /// The latest year up to `notAfter` that has facts for a region or pairing, if any.
    public func latestYear(region: String?, pairing: UUID?, notAfter: Int) async throws -> Int? {
        let row = try await sql.select().column(SQLFunction("MAX", args: SQLColumn("month")), as: "latest").from("facts")
            .where("region_code", .equal, SQLBind(pairing == nil ? region ?? "" : ""))
            .where("pairing_id", .equal, SQLBind(pairing?.uuidString ?? ""))
            .where("month", .lessThanOrEqual, SQLBind(notAfter * 100 + 12))
            .first()
        return try row?.decode(column: "latest", as: Int?.self).map { $0 / 100 }
    }

    /// Every non-zero fact, keyed `region|pairing|month|indicator`, for comparing two states.
    public func snapshot() async throws -> [String: Int64] {
        var result: [String: Int64] = [:]
        for row in try await sql.select().columns("region_code", "pairing_id", "month", "indicator", "value").from("facts").all() {
            let value = try row.decode(column: "value", as: Int64.self)
            guard value != 0 else { continue }
            let key = [try row.decode(column: "region_code", as: String.self), try row.decode(column: "pairing_id", as: String.self),
                       String(try row.decode(column: "month", as: Int.self)), try row.decode(column: "indicator", as: String.self)]
            result[key.joined(separator: "|")] = value
        }
        return result
    }

    /// Recomputes every fact from the ledgers in one transaction (`xiezuo facts rebuild`); returns the rows written.
    @discardableResult
    public func rebuild() async throws -> Int {
        try await database.writeTransaction { tx in
            // Taking the change sequence first makes the rebuild wait for, and then exclude, every writer, as each
            // write takes it first too; otherwise a flow committed mid-rebuild could be counted twice.
            _ = try await ChangeSequence.next(on: tx)
            let store = FactStore(database: tx)
            let sql = tx as! any SQLDatabase
            try await sql.delete(from: "facts").run()
            try await ProjectFlowTotals.recompute(on: sql)
            var flowsByProject: [UUID: [FlowSum]] = [:]
            let sums = try await sql.select().columns("project_id", "type", "source", "month")
                .column(sumAsBigint("amount"), as: "total")
                .from("fund_flows").groupBy("project_id").groupBy("type").groupBy("source").groupBy("month").all()
            for row in sums {
                guard let type = FlowType(rawValue: try row.decode(column: "type", as: String.self)),
                      let source = FundSource(rawValue: try row.decode(column: "source", as: String.self)) else { continue }
                flowsByProject[try row.decode(column: "project_id", as: UUID.self), default: []].append(
                    FlowSum(type: type, source: source, month: try row.decode(column: "month", as: Int.self),
                            amount: try row.decode(column: "total", as: Int64.self)))
            }
            var facts: [FactKey: Int64] = [:]
            for model in try await ProjectModel.query(on: tx).all() {
                let project = try model.project
                facts.merge(FactRules.contributions(of: project), uniquingKeysWith: +)
                facts.merge(FactRules.contributions(of: flowsByProject[project.id] ?? [], project: project), uniquingKeysWith: +)
            }
            facts.merge(try await IndustryLedger.allFacts(on: tx), uniquingKeysWith: +)
            facts.merge(try await LaborLedger.allFacts(on: tx), uniquingKeysWith: +)
            facts.merge(try await SalesLedger.allFacts(on: tx), uniquingKeysWith: +)
            facts.merge(try await CooperationLedger.allFacts(on: tx), uniquingKeysWith: +)
            try await store.book(facts.filter { $0.value != 0 }, checkingLocks: false)
            return try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("facts").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
    }
}
