import Foundation

/// Where a shop order stands: placed → paid (recorded; there is no payment provider) → shipped → received; cancelled
/// before shipping, or refunded once paid.
public enum OrderStatus: String, Sendable, Codable, CaseIterable {
    case placed, paid, shipped, received, cancelled, refunded

    /// The statuses reachable in one move.
    public var next: [OrderStatus] {
        switch self {
        case .placed: return [.paid, .cancelled]
        case .paid: return [.shipped, .cancelled, .refunded]
        case .shipped: return [.received, .refunded]
        case .received: return [.refunded]
        case .cancelled, .refunded: return []
        }
    }

    /// Refuses any other move, naming both statuses.
    public func checkMove(to target: OrderStatus) throws(DomainError) {
        guard next.contains(target) else { throw .invalid("status", "illegal_order_move", ["from": rawValue, "to": target.rawValue]) }
    }

    /// True while the order's money counts as a sale.
    public var counts: Bool { self == .paid || self == .shipped || self == .received }
}

/// One line of an order, priced when it was placed.
public struct OrderLine: Sendable, Codable, Hashable {
    public var productID: UUID
    public var productName: String
    public var supplierID: UUID
    public var countyCode: String
    public var quantity: Int
    /// Fen per unit at the time of the order.
    public var unitPrice: Int64

    public init(productID: UUID, productName: String, supplierID: UUID, countyCode: String, quantity: Int, unitPrice: Int64) {
        self.productID = productID
        self.productName = productName
        self.supplierID = supplierID
        self.countyCode = countyCode
        self.quantity = quantity
        self.unitPrice = unitPrice
    }

    public var amount: Int64 { Int64(quantity) * unitPrice }
}

/// A shop order. The buyer's phone is masked unless revealed.
public struct Order: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    /// A human number such as `XZ20261129-000123`.
    public var number: String
    public var buyerName: String
    public var buyerPhone: String
    public var address: String
    /// The buyer's region (for the pairing the sale is credited to).
    public var buyerRegion: String
    public var lines: [OrderLine]
    public var status: OrderStatus
    public var placedOn: Day
    public var history: [OrderEvent]
    /// The buyer's account, when signed in.
    public var accountID: UUID?

    public init(id: UUID, number: String, buyerName: String, buyerPhone: String, address: String, buyerRegion: String, lines: [OrderLine],
                status: OrderStatus, placedOn: Day, history: [OrderEvent] = [], accountID: UUID?) {
        self.id = id
        self.number = number
        self.buyerName = buyerName
        self.buyerPhone = buyerPhone
        self.address = address
        self.buyerRegion = buyerRegion
        self.lines = lines
        self.status = status
        self.placedOn = placedOn
        self.history = history
        self.accountID = accountID
    }

    public var total: Int64 { lines.reduce(0) { $0 + $1.amount } }

    /// The sales lines an order books while it counts: one per line, dated the day it was paid.
    public func sales(paidOn: Day, pairing: (String) -> UUID?) -> [Sale] {
        lines.enumerated().map { index, line in
            Sale(id: UUID(), date: paidOn, channel: .shop, productID: line.productID, productName: line.productName, countyCode: line.countyCode,
                 buyerRegion: buyerRegion, amount: line.amount, quantity: line.quantity, pairingID: pairing(line.countyCode),
                 source: "order:\(number)#\(index + 1)")
        }
    }
}

/// A dated status change of an order, with who made it.
public struct OrderEvent: Sendable, Codable, Hashable {
    public var status: String
    public var on: Day
    public var by: String

    public init(status: String, on: Day, by: String) {
        self.status = status
        self.on = on
        self.by = by
    }
}

/// What a buyer submits to order.
public struct OrderDraft: Sendable, Codable, Equatable {
    /// A wanted product and how many.
    public struct Item: Sendable, Codable, Equatable {
        public var productId: UUID?
        public var quantity: Int?

        public init(productId: UUID? = nil, quantity: Int? = nil) {
            self.productId = productId
            self.quantity = quantity
        }
    }

    public var buyerName: String?
    public var buyerPhone: String?
    public var address: String?
    public var buyerRegion: String?
    public var items: [Item]?

    public init(buyerName: String? = nil, buyerPhone: String? = nil, address: String? = nil, buyerRegion: String? = nil, items: [Item]? = nil) {
        self.buyerName = buyerName
        self.buyerPhone = buyerPhone
        self.address = address
        self.buyerRegion = buyerRegion
        self.items = items
    }

    /// Every buyer field's problem at once (name, phone, address, region), for a checkout form that shows them all.
    public func buyerProblems(in regions: RegionDirectory) -> [DomainError] {
        var problems: [DomainError] = []
        func attempt(_ body: () throws(DomainError) -> Void) {
            do { try body() } catch { problems.append(error) }
        }
        attempt { () throws(DomainError) in _ = try IndustryValidate.line(buyerName, field: "buyerName", max: 40) }
        attempt { () throws(DomainError) in _ = try PhoneNumber.validated(buyerPhone, field: "buyerPhone", required: true) }
        attempt { () throws(DomainError) in _ = try IndustryValidate.line(address, field: "address", max: 200) }
        attempt { () throws(DomainError) in
            let region = try Validate.required(buyerRegion, field: "buyerRegion", max: 9)
            guard regions[region] != nil else { throw .invalid("buyerRegion", "unknown_region", ["code": region]) }
        }
        return problems
    }

    /// The checked buyer fields (the phone in full: the store seals it) and items merged by product.
    public func validated(in regions: RegionDirectory) throws(DomainError) -> (name: String, phone: String, address: String, region: String,
                                                                              items: [(UUID, Int)]) {
        let name = try IndustryValidate.line(buyerName, field: "buyerName", max: 40)
        let phone = try PhoneNumber.validated(buyerPhone, field: "buyerPhone", required: true)!
        let address = try IndustryValidate.line(address, field: "address", max: 200)
        let region = try Validate.required(buyerRegion, field: "buyerRegion", max: 9)
        guard regions[region] != nil else { throw .invalid("buyerRegion", "unknown_region", ["code": region]) }
        var merged: [(UUID, Int)] = []
        for (index, item) in (items ?? []).enumerated() {
            guard let product = item.productId else { throw .invalid("items[\(index)].productId", "required") }
            guard let quantity = item.quantity, quantity > 0 else { throw .invalid("items[\(index)].quantity", "must_be_positive") }
            guard quantity <= 10_000 else { throw .invalid("items[\(index)].quantity", "amount_too_large") }
            if let at = merged.firstIndex(where: { $0.0 == product }) { merged[at].1 += quantity } else { merged.append((product, quantity)) }
        }
        guard !merged.isEmpty else { throw .invalid("items", "required") }
        guard merged.count <= 50 else { throw .invalid("items", "too_many", ["max": "50"]) }
        return (name, phone, address, region, merged)
    }
}
