import FluentKit
import Foundation
import SQLKit
import Crypto
import Spreadsheet
import XiezuoCore

/// One row of a CSV import as checked: its line number, the sale it would record, or the reason it cannot.
public struct ImportRow: Sendable {
    public var line: Int
    public var sale: Sale?
    public var error: DomainError?
}

/// The sales ledger: every sale (shop orders automatically; fairs, livestreams, procurement and other channels
/// entered or imported), each booked into the facts and the per-product sums in the same transaction.
public struct SalesLedger: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database
    let regions: RegionDirectory

    /// Creates a ledger over `database`.
    public init(database: any Database, regions: RegionDirectory, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.regions = regions
    }

    /// Records one sale entered by staff covering the product's county or the buyer's region.
    public func record(_ draft: SaleDraft, by principal: Principal, today: Day? = nil) async throws -> Sale {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let sale = try await check(draft, by: principal, today: today, on: tx)
            try await Self.book([sale], seq: seq, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "create", entity: "sale", entityID: sale.id.uuidString,
                                           regionCode: sale.countyCode, partnerRegionCode: sale.buyerRegion, before: Optional<Sale>.none, after: sale)
            return sale
        }
    }

    /// Checks a CSV export (header `date,channel,product_id,product_name,county_code,buyer_region,amount_yuan,quantity`)
    /// row by row through ``importSales(_:preErrors:dryRun:file:by:today:)``; reports each row's first error.
    public func importCSV(_ text: String, dryRun: Bool, by principal: Principal, today: Day? = nil) async throws -> [ImportRow] {
        let rows = TextTable.rows(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw DomainError.invalid("file", "empty_file")
        }
        let required = ["date", "channel", "buyer_region", "amount_yuan"]
        for name in required where !header.contains(name) { throw DomainError.invalid("file", "missing_column", ["column": name]) }
        let fields = header.map { name in SaleDraft.importColumns.first { $0.field.lowercased() == name || $0.aliases.contains(name) }?.field }
        let records = rows.dropFirst().enumerated().map { index, row in
            var values: [String: String] = [:]
            for (column, field) in fields.enumerated() where column < row.count { if let field { values[field] = row[column].trimmingCharacters(in: .whitespaces) } }
            return ImportRecord(line: index + 2, values: values)
        }
        let digest = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        let report = try await importSales(records, dryRun: dryRun, file: ImportFile(name: "sales.csv", digest: digest, format: "CSV"),
                                           by: principal, today: today)
        return report.rows.map { ImportRow(line: $0.line, sale: nil, error: $0.errors.first) }
    }

    /// Imports sales, all or nothing, booked together at the end. A row already imported (the same date, channel,
    /// product, county, buyer, amount and quantity, counting repeats within the file) is left alone, so importing a
    /// file again changes nothing.
    public func importSales(_ records: [ImportRecord], preErrors: [Int: [DomainError]] = [:], dryRun: Bool, file: ImportFile,
                            by principal: Principal, today: Day? = nil) async throws -> ImportReport {
        let today = today ?? clock.today
        final class Batch: @unchecked Sendable {
            var sales: [Sale] = []
            var seen: [String: Int] = [:]
            var pairings: [Pairing]?
        }
        let batch = Batch()
        let ledger = self
        return try await ImportRunner(database: database).run(entity: "sale", records: records, preErrors: preErrors, dryRun: dryRun,
                                                              file: file, by: principal, apply: { record, tx in
            if batch.pairings == nil { batch.pairings = try await PairingModel.query(on: tx).all().map { try $0.pairing } }
            var sale = try await ledger.check(try SaleDraft.importing(record), by: principal, today: today, on: tx, pairings: batch.pairings)
            let content = [sale.date.description, sale.channel.rawValue, sale.productID?.uuidString ?? sale.productName, sale.countyCode,
                           sale.buyerRegion, String(sale.amount), String(sale.quantity)].joined(separator: "|")
            let hash = SHA256.hash(data: Data(content.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
            let occurrence = batch.seen[hash, default: 0] + 1
            batch.seen[hash] = occurrence
            sale.source = "import:\(hash)#\(occurrence)"
            let summary = "\(sale.date) · \(sale.productName) · \(sale.countyCode) → \(sale.buyerRegion)"
            // By source alone, which its index answers (with `reverses_id IS NULL` SQLite may scan that column's index).
            let existing = try await (tx as! any SQLDatabase).select().column("id").from("sales").where("source", .equal, sale.source).first()
            if existing != nil { return (.unchanged, summary) }
            batch.sales.append(sale)
            return (.create, summary)
        }, finish: { tx in
            try await Self.book(batch.sales, seq: try await ChangeSequence.next(on: tx), on: tx)
        })
    }

    /// Checks a draft; `pairings`, when given, are all pairings (an import reads them once, not per row).
    private func check(_ draft: SaleDraft, by principal: Principal, today: Day, on tx: any Database, pairings: [Pairing]? = nil) async throws -> Sale {
        let product = try await draft.productId.asyncMap { try await ProductModel.find($0, on: tx)?.product() } ?? nil
        var sale = try draft.validated(in: regions, id: UUID(), product: product, today: today)
        // Sales are the selling county's figures: only staff covering that county record them, whoever bought.
        guard Permissions.canRecordSales(principal, regionCode: sale.countyCode) else {
            throw DomainError(.forbidden, code: "outside_jurisdiction", field: "countyCode")
        }
        if let pairings {
            sale.pairingID = sale.buyerRegion.hasPrefix("32")
                ? IndustryLedger.pairing(county: sale.countyCode, east: sale.buyerRegion, year: sale.date.year, among: pairings) : nil
        } else {
            sale.pairingID = try await Self.pairing(county: sale.countyCode, buyer: sale.buyerRegion, year: sale.date.year, on: tx)
        }
        return sale
    }

    /// The pairing a sale is credited to: the county's with the buyer's Jiangsu region.
    static func pairing(county: String, buyer: String, year: Int, on database: any Database) async throws -> UUID? {
        guard buyer.hasPrefix("32") else { return nil }
        return try await IndustryLedger.pairing(county: county, east: buyer, year: year, on: database)
    }

    /// Inserts sales, books their facts and adds them to the per-product sums.
    static func book(_ sales: [Sale], seq: Int64, on database: any Database) async throws {
        guard !sales.isEmpty else { return }
        let sql = database as! any SQLDatabase
        for chunk in stride(from: 0, to: sales.count, by: 500).map({ Array(sales[$0..<min($0 + 500, sales.count)]) }) {
            var insert = sql.insert(into: "sales").columns("id", "date", "month", "channel", "product_id", "product_name", "county_code",
                                                             "buyer_region", "amount", "quantity", "pairing_id", "source", "change_seq",
                                                             "reverses_id", "reason")
            for sale in chunk {
                insert = insert.values(SQLBind(sale.id), SQLBind(sale.date.description), SQLBind(sale.date.monthKey), SQLBind(sale.channel.rawValue),
                                       SQLBind(sale.productID), SQLBind(sale.productName), SQLBind(sale.countyCode), SQLBind(sale.buyerRegion),
                                       SQLBind(sale.amount), SQLBind(Int64(sale.quantity)), SQLBind(sale.pairingID), SQLBind(sale.source),
                                       SQLBind(seq), SQLBind(sale.reverses), SQLBind(sale.reason))
            }
            try await insert.run()
        }
        var facts: [FactKey: Int64] = [:]
        var sums: [String: (UUID?, String, String, Int, Int64, Int64, String)] = [:]
        for sale in sales {
            facts.merge(FactRules.contributions(of: sale), uniquingKeysWith: +)
            let city = String(sale.buyerRegion.prefix(4))
            let key = "\(sale.productID?.uuidString ?? sale.productName)|\(sale.date.year)|\(sale.countyCode)|\(city)"
            let previous = sums[key]
            sums[key] = (sale.productID, sale.productName, sale.countyCode, sale.date.year, (previous?.4 ?? 0) + sale.amount,
                         (previous?.5 ?? 0) + Int64(sale.quantity) * (sale.amount < 0 ? -1 : 1), city)
        }
        try await FactStore(database: database).book(facts.filter { $0.value != 0 })
        for (_, sum) in sums {
            let productKey = sum.0?.uuidString ?? "name:" + sum.1
            try await sql.raw("""
                INSERT INTO product_sales (product_key, year, product_id, product_name, county_code, buyer_city, amount, quantity)
                VALUES (\(bind: productKey), \(bind: sum.3), \(bind: sum.0), \(bind: sum.1), \(bind: sum.2), \(bind: sum.6), \(bind: sum.4), \(bind: sum.5))
                ON CONFLICT (product_key, year, county_code, buyer_city) DO UPDATE SET amount = product_sales.amount + excluded.amount,
                    quantity = product_sales.quantity + excluded.quantity
                """).run()
        }
    }

    /// Every sale's facts, for `xiezuo facts rebuild` (summed in SQL per county, pairing, month and channel).
    static func allFacts(on database: any Database) async throws -> [FactKey: Int64] {
        let sql = database as! any SQLDatabase
        let rows = try await sql.select().columns("county_code", "pairing_id", "month", "channel").column(sumAsBigint("amount"), as: "total")
            .from("sales").groupBy("county_code").groupBy("pairing_id").groupBy("month").groupBy("channel").all()
        var facts: [FactKey: Int64] = [:]
        for row in rows {
            guard let channel = SaleChannel(rawValue: try row.decode(column: "channel", as: String.self)) else { continue }
            let county = try row.decode(column: "county_code", as: String.self)
            let pairing = try row.decode(column: "pairing_id", as: UUID?.self)
            let month = try row.decode(column: "month", as: Int.self)
            let total = try row.decode(column: "total", as: Int64.self)
            facts[FactKey(indicator: IndicatorCatalogue.consumptionSales, countyCode: county, pairingID: pairing, month: month), default: 0] += total
            facts[FactKey(indicator: channel.indicator, countyCode: county, pairingID: pairing, month: month), default: 0] += total
        }
        return facts
    }
}
