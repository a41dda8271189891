import FluentKit
import Foundation
import SQLKit
import XiezuoCore

extension SalesLedger {
    static let columns = ["id", "date", "channel", "product_id", "product_name", "county_code", "buyer_region", "amount", "quantity",
                          "pairing_id", "source", "reverses_id", "reason"]

    /// A row of `sales` read with ``columns``.
    static func sale(_ row: any SQLRow) throws -> Sale {
        let id = try row.decode(column: "id", as: UUID.self)
        let stored = StoredRow("sales", id: id)
        return Sale(id: id, date: try stored.day(try row.decode(column: "date", as: String.self), column: "date"),
             channel: try stored.choice(try row.decode(column: "channel", as: String.self), as: SaleChannel.self, column: "channel"),
             productID: try row.decode(column: "product_id", as: UUID?.self), productName: try row.decode(column: "product_name", as: String.self),
             countyCode: try row.decode(column: "county_code", as: String.self), buyerRegion: try row.decode(column: "buyer_region", as: String.self),
             amount: try row.decode(column: "amount", as: Int64.self), quantity: Int(try row.decode(column: "quantity", as: Int64.self)),
             pairingID: try row.decode(column: "pairing_id", as: UUID?.self), source: try row.decode(column: "source", as: String?.self),
             reverses: try row.decode(column: "reverses_id", as: UUID?.self), reason: try row.decode(column: "reason", as: String?.self))
    }

    /// The sales of a year sold by a county in `region` or bought in it (`region` within the principal's
    /// jurisdiction, or a Shaanxi county or city paired that year with the principal's Jiangsu region), newest first,
    /// each original marked with its reversal when it has one.
    public func list(year: Int, region: String, by principal: Principal, page: Paging) async throws -> Paged<Sale> {
        guard principal.role?.isStaff == true else { throw DomainError.notFound("region") }
        if !principal.scope.covers(region) {
            guard try await PairedRegions.partnered(principal, with: region, year: year, on: database) else {
                throw DomainError.notFound("region")
            }
        }
        let sql = database as! any SQLDatabase
        func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
            select.from("sales").where("month", .greaterThanOrEqual, SQLBind(year * 100 + 1)).where("month", .lessThanOrEqual, SQLBind(year * 100 + 12))
                .where(group: { $0.where("county_code", .like, SQLBind(region + "%")).orWhere("buyer_region", .like, SQLBind(region + "%")) })
        }
        let total = try await filtered(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).first()?
            .decode(column: "n", as: Int.self) ?? 0
        var sales = try await filtered(sql.select().columns(Self.columns.map { SQLColumn($0) }))
            .orderBy("date", .descending).orderBy("change_seq", .descending).orderBy("id")
            .limit(page.perPage).offset(page.offset).all().map(Self.sale)
        let ids = sales.map(\.id)
        if !ids.isEmpty {
            let reversals = try await sql.select().columns("id", "reverses_id").from("sales").where("reverses_id", .in, SQLBind.group(ids)).all()
            var byOriginal: [UUID: UUID] = [:]
            for row in reversals { byOriginal[try row.decode(column: "reverses_id", as: UUID.self)] = try row.decode(column: "id", as: UUID.self) }
            for index in sales.indices { sales[index].reversedBy = byOriginal[sales[index].id] }
        }
        return Paged(items: sales, total: total, request: page)
    }

    /// Reverses a sale (红字冲销): records a sale of the opposite amount on the original's day, linked to it, with the
    /// reason, and moves the facts and the per-product sums back in the same transaction. Staff covering the selling
    /// county; once per sale; never a reversal, a refund or a shop sale (refund its order instead).
    public func reverse(_ id: UUID, _ draft: ReversalDraft, by principal: Principal) async throws -> Sale {
        let reason = try draft.validated()
        return try await database.writeTransaction { tx in
            let sql = tx as! any SQLDatabase
            let seq = try await ChangeSequence.next(on: tx)
            guard let row = try await sql.select().columns(Self.columns.map { SQLColumn($0) }).from("sales").where("id", .equal, SQLBind(id)).first(),
                  case let original = try Self.sale(row), Permissions.canRecordSales(principal, regionCode: original.countyCode) else {
                throw DomainError.notFound("sale")
            }
            if try await sql.select().column("id").from("sales").where("reverses_id", .equal, SQLBind(id)).first() != nil {
                throw DomainError.alreadyReversed
            }
            let reversal = try original.reversal(id: UUID(), reason: reason)
            try await Self.book([reversal], seq: seq, on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "reverse", entity: "sale", entityID: original.id.uuidString,
                                           regionCode: original.countyCode, partnerRegionCode: original.buyerRegion, before: original, after: reversal)
            return reversal
        }
    }
}
