import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// A placed order and the key that lets its buyer read it without an account (shown once).
public struct PlacedOrder: Sendable {
    public var order: Order
    public var key: String
}

/// The shop. An order takes the stock of its products in the same transaction with one guarded statement per line
/// (`stock = stock - n WHERE stock >= n`), so concurrent orders never oversell; a paid order books its sales, a
/// cancellation or refund after payment books them back (and a cancellation returns the stock).
public struct OrderRepository: Sendable {
    /// Where "now" comes from (the app's clock; a test's own in tests).
    let clock: Clock
    let database: any Database
    let regions: RegionDirectory
    let cipher: PersonalDataCipher
    /// How long an unpaid order holds its stock.
    let holdMinutes: Int

    /// The most of one product an order without an account may take.
    public static let anonymousLineCap = 20

    /// Creates a repository over `database`; unpaid orders expire after `holdMinutes`.
    public init(database: any Database, regions: RegionDirectory, cipher: PersonalDataCipher, holdMinutes: Int = 30, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.regions = regions
        self.cipher = cipher
        self.holdMinutes = holdMinutes
    }

    /// Places an order for published products of one supplier; anyone may order (a signed-in buyer's account is kept).
    /// Without an account, each line takes at most ``anonymousLineCap``. Orders left unpaid past their hold give
    /// their stock back first, so expired holds never block a buyer.
    public func place(_ draft: OrderDraft, by principal: Principal, today: Day? = nil, now: Date? = nil) async throws -> PlacedOrder {
        let today = today ?? clock.today
        let now = now ?? clock.now
        let checked = try draft.validated(in: regions)
        if principal.accountID == nil {
            for (index, item) in checked.items.enumerated() where item.1 > Self.anonymousLineCap {
                throw DomainError.invalid("items[\(index)].quantity", "anonymous_line_cap", ["max": String(Self.anonymousLineCap)])
            }
        }
        try await expireUnpaid(now: now)
        let key = Secret.make()
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let sql = tx as! any SQLDatabase
            var lines: [OrderLine] = []
            for (index, (productID, quantity)) in checked.items.enumerated() {
                // One statement takes the stock and reads what the line needs; it matches no row when the product is
                // unknown, not published, or short of stock (told apart only then).
                let taken = try await sql.raw("""
                    UPDATE products SET stock = stock - \(bind: Int64(quantity)), change_seq = \(bind: seq)
                    WHERE id = \(bind: productID) AND stock >= \(bind: Int64(quantity))
                      AND certification = \(bind: CertificationStatus.published.rawValue)
                    RETURNING name, supplier_id, county_code, price
                    """).first()
                guard let taken else {
                    guard let product = try? await ProductModel.find(productID, on: tx)?.product(), product.isCertified else {
                        throw DomainError.invalid("items[\(index)].productId", "unknown_product")
                    }
                    throw DomainError(.conflict, code: "out_of_stock", field: "items[\(index)].quantity", arguments: ["product": product.name, "left": String(product.stock)])
                }
                let line = OrderLine(productID: productID, productName: try taken.decode(column: "name", as: String.self),
                                     supplierID: try taken.decode(column: "supplier_id", as: UUID.self),
                                     countyCode: try taken.decode(column: "county_code", as: String.self), quantity: quantity,
                                     unitPrice: try taken.decode(column: "price", as: Int64.self))
                if let first = lines.first, first.supplierID != line.supplierID { throw DomainError.invalid("items", "order_one_supplier") }
                lines.append(line)
            }
            let number = String(format: "XZ%@-%06lld", today.description.replacingOccurrences(of: "-", with: ""), seq % 1_000_000)
            let order = Order(id: UUID(), number: number, buyerName: checked.name, buyerPhone: PhoneNumber.masked(checked.phone),
                              address: checked.address, buyerRegion: checked.region, lines: lines, status: .placed, placedOn: today,
                              history: [OrderEvent(status: OrderStatus.placed.rawValue, on: today, by: principal.name)],
                              accountID: principal.accountID)
            // Plain SQL, as the audit row: the model's create costs more than the insert on this hot path.
            try await sql.insert(into: OrderModel.schema)
                .columns("id", "number", "supplier_id", "county_code", "buyer_region", "account_id", "status", "placed_on", "total",
                         "phone_sealed", "phone_masked", "key_hash", "body", "change_seq", "created_at", "updated_at")
                .values(SQLBind(order.id), SQLBind(number), SQLBind(lines[0].supplierID), SQLBind(lines[0].countyCode), SQLBind(order.buyerRegion),
                        SQLBind(order.accountID), SQLBind(order.status.rawValue), SQLBind(today.description), SQLBind(order.total),
                        SQLBind(try cipher.seal(checked.phone)), SQLBind(order.buyerPhone), SQLBind(Secret.digest(key)),
                        SQLBind(OrderStoredV1(order)), SQLBind(seq), SQLBind(now), SQLBind(now))
                .run()
            try await AuditRecorder.record(on: tx, by: principal, action: "create", entity: "order", entityID: order.id.uuidString,
                                           regionCode: lines[0].countyCode, partnerRegionCode: order.buyerRegion,
                                           before: Optional<Order>.none, after: order)
            return PlacedOrder(order: order, key: key)
        }
    }

    /// Cancels orders still unpaid ``holdMinutes`` after they were placed and gives their stock back, each in a
    /// transaction of its own that checks the order is still unpaid (a payment that got there first wins). Run by the
    /// server's sweep every minute and before an order takes stock. Returns how many expired.
    @discardableResult
    public func expireUnpaid(now: Date? = nil) async throws -> Int {
        let now = now ?? clock.now
        let cutoff = now.addingTimeInterval(-TimeInterval(holdMinutes) * 60)
        var expired = 0
        while true {
            let due = try await OrderModel.query(on: database).filter(\.$status == OrderStatus.placed.rawValue)
                .filter(\.$createdAt < cutoff).limit(100).all(\.$id)
            if due.isEmpty { return expired }
            for id in due {
                let done = try await database.writeTransaction { tx -> Bool in
                    guard let model = try await OrderModel.find(id, on: tx), model.status == OrderStatus.placed.rawValue else { return false }
                    let seq = try await ChangeSequence.next(on: tx)
                    let before = try model.order()
                    var after = before
                    after.status = .cancelled
                    after.history.append(OrderEvent(status: OrderStatus.cancelled.rawValue, on: Day(now), by: "expired"))
                    try await Self.returnStock(of: after, seq: seq, on: tx)
                    try model.apply(after, supplierID: model.supplierID, countyCode: model.countyCode, seq: seq)
                    try await model.save(on: tx)
                    try await AuditRecorder.record(on: tx, by: .system, action: "expire", entity: "order", entityID: id.uuidString,
                                                   regionCode: model.countyCode, partnerRegionCode: after.buyerRegion, before: before, after: after)
                    return true
                }
                if done { expired += 1 }
            }
        }
    }

    /// Puts an order's quantities back on its products' stock.
    static func returnStock(of order: Order, seq: Int64, on tx: any Database) async throws {
        let sql = tx as! any SQLDatabase
        for line in order.lines {
            try await sql.raw("""
                UPDATE products SET stock = stock + \(bind: Int64(line.quantity)), change_seq = \(bind: seq) WHERE id = \(bind: line.productID)
                """).run()
        }
    }

    /// An order, for its buyer (by account or key), its supplier's accounts and the staff covering the supplier.
    public func get(_ id: UUID, key: String? = nil, by principal: Principal) async throws -> Order {
        guard let model = try await OrderModel.find(id, on: database), allowed(model, key: key, principal: principal) else {
            throw DomainError.notFound("order")
        }
        return try model.order()
    }

    /// Moves an order: paid, shipped, refunded and cancelled by the supplier's side; received by the buyer or the
    /// supplier's side; a placed order cancelled by its buyer too.
    public func move(_ id: UUID, to status: OrderStatus, key: String? = nil, by principal: Principal, today: Day? = nil) async throws -> Order {
        let today = today ?? clock.today
        return try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            guard let model = try await OrderModel.find(id, on: tx), allowed(model, key: key, principal: principal) else {
                throw DomainError.notFound("order")
            }
            let before = try model.order()
            try before.status.checkMove(to: status)
            let seller = sellerSide(model, principal)
            let buyerMay = status == .received || (status == .cancelled && before.status == .placed)
            guard seller || buyerMay else { throw DomainError.forbidden }
            var after = before
            after.status = status
            after.history.append(OrderEvent(status: status.rawValue, on: today, by: principal.name))
            // Money: a payment books the sales; taking it back (cancel after payment, refund) books them back.
            if status == .paid {
                try await SalesLedger.book(try await sales(of: after, on: today, sign: 1, tx: tx), seq: seq, on: tx)
            } else if before.status.counts, status == .cancelled || status == .refunded {
                try await SalesLedger.book(try await sales(of: after, on: today, sign: -1, tx: tx), seq: seq, on: tx)
            }
            if status == .cancelled { try await Self.returnStock(of: after, seq: seq, on: tx) }
            try model.apply(after, supplierID: model.supplierID, countyCode: model.countyCode, seq: seq)
            try await model.save(on: tx)
            try await AuditRecorder.record(on: tx, by: principal, action: "status_\(status.rawValue)", entity: "order", entityID: id.uuidString,
                                           regionCode: model.countyCode, partnerRegionCode: after.buyerRegion, before: before, after: after)
            return after
        }
    }

    /// Orders of a supplier (its own accounts) or of the staff's jurisdiction, newest first.
    public func list(status: OrderStatus? = nil, by principal: Principal, page: Paging = Paging()) async throws -> Paged<Order> {
        func query() -> QueryBuilder<OrderModel> {
            let query = OrderModel.query(on: database)
            if principal.role == .enterprise {
                query.filter(\.$supplierID == (principal.employerID ?? UUID()))
            } else {
                query.within(principal.role?.isStaff == true ? principal.scope : .nothing, columns: "county_code")
            }
            if let status { query.filter(\.$status == status.rawValue) }
            return query
        }
        let total = try await query().count()
        let models = try await query().sort(\.$createdAt, .descending).range(page.offset..<(page.offset + page.perPage)).all()
        return Paged(items: try models.map { try $0.order() }, total: total, request: page)
    }

    private func sales(of order: Order, on day: Day, sign: Int64, tx: any Database) async throws -> [Sale] {
        var pairings: [String: UUID?] = [:]
        for line in order.lines where pairings[line.countyCode] == nil {
            pairings[line.countyCode] = try await SalesLedger.pairing(county: line.countyCode, buyer: order.buyerRegion, year: day.year, on: tx)
        }
        return order.sales(paidOn: day) { pairings[$0] ?? nil }.map { sale in
            var copy = sale
            copy.amount *= sign
            if sign < 0 { copy.source = (copy.source ?? "") + ":refund" }
            return copy
        }
    }

    private func sellerSide(_ model: OrderModel, _ principal: Principal) -> Bool {
        Permissions.canEditProduct(principal, supplierID: model.supplierID, countyCode: model.countyCode)
    }

    private func allowed(_ model: OrderModel, key: String?, principal: Principal) -> Bool {
        if sellerSide(model, principal) { return true }
        if let account = principal.accountID, model.accountID == account { return true }
        if let key, !key.isEmpty { return Secret.digest(key) == model.keyHash }
        return false
    }
}
