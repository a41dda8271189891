import Foundation

/// How a sale was made.
public enum SaleChannel: String, Sendable, Codable, CaseIterable {
    /// 线下展销
    case fair
    /// 直播销售
    case livestream
    /// The platform's own shop (the mini-program's back end).
    case shop
    /// 预留份额: a Jiangsu budget unit's canteen buying.
    case procurement
    /// Other e-commerce platforms (832 platform, …).
    case ecommerce
    case other

    /// The indicator that counts this channel's sales.
    public var indicator: String { IndicatorCatalogue.consumptionSales + "_" + rawValue }
}

/// One line of the sales ledger: a product of a Shaanxi county bought by a buyer of some region through a channel.
/// A refund is a line of its own with a negative amount.
public struct Sale: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var date: Day
    public var channel: SaleChannel
    public var productID: UUID?
    public var productName: String
    public var countyCode: String
    /// Where the buyer is (a Jiangsu region for the cooperation's sales).
    public var buyerRegion: String
    /// Fen; negative for a refund.
    public var amount: Int64
    public var quantity: Int
    /// The pairing of the county with the buyer's region, when they are paired.
    public var pairingID: UUID?
    /// What it came from: an order, an event, an import batch.
    public var source: String?
    /// For a reversal (红字冲销): the sale it cancels.
    public var reverses: UUID?
    /// For a reversal: why the original was wrong.
    public var reason: String?
    /// For an original that was reversed: the reversal (filled in when sales are listed).
    public var reversedBy: UUID?

    public init(id: UUID, date: Day, channel: SaleChannel, productID: UUID?, productName: String, countyCode: String, buyerRegion: String,
                amount: Int64, quantity: Int, pairingID: UUID?, source: String?, reverses: UUID? = nil, reason: String? = nil,
                reversedBy: UUID? = nil) {
        self.id = id
        self.date = date
        self.channel = channel
        self.productID = productID
        self.productName = productName
        self.countyCode = countyCode
        self.buyerRegion = buyerRegion
        self.amount = amount
        self.quantity = quantity
        self.pairingID = pairingID
        self.source = source
        self.reverses = reverses
        self.reason = reason
        self.reversedBy = reversedBy
    }

    /// The entry that cancels this one: the same day, channel, product, county, buyer and pairing, the opposite
    /// amount. A reversal, a refund (already negative) and a shop sale (its order is refunded instead) are refused.
    public func reversal(id: UUID, reason: String) throws(DomainError) -> Sale {
        guard reverses == nil, amount > 0 else { throw .invalid("reason", "cannot_reverse_reversal") }
        guard channel != .shop else { throw .invalid("reason", "shop_sales_from_orders") }
        return Sale(id: id, date: date, channel: channel, productID: productID, productName: productName, countyCode: countyCode,
                    buyerRegion: buyerRegion, amount: -amount, quantity: quantity, pairingID: pairingID, source: "reversal",
                    reverses: self.id, reason: reason)
    }
}

/// A sale as entered in a form or a row of an imported CSV file (amount in fen).
public struct SaleDraft: Sendable, Codable, Equatable {
    public var date: String?
    public var channel: String?
    public var productId: UUID?
    public var productName: String?
    public var countyCode: String?
    public var buyerRegion: String?
    public var amount: Int64?
    public var quantity: Int?

    public init(date: String? = nil, channel: String? = nil, productId: UUID? = nil, productName: String? = nil, countyCode: String? = nil,
                buyerRegion: String? = nil, amount: Int64? = nil, quantity: Int? = nil) {
        self.date = date
        self.channel = channel
        self.productId = productId
        self.productName = productName
        self.countyCode = countyCode
        self.buyerRegion = buyerRegion
        self.amount = amount
        self.quantity = quantity
    }

    /// Checks every field. A known product gives the name and county (a different county is refused); shop sales come
    /// only from orders.
    public func validated(in regions: RegionDirectory, id: UUID, product: Product?, today: Day) throws(DomainError) -> Sale {
        let day = try IndustryValidate.day(date, field: "date", required: true, notAfter: today)!
        let channelText = try Validate.required(channel, field: "channel", max: 20)
        guard let channel = SaleChannel(rawValue: channelText) else { throw .invalid("channel", "unknown_choice", ["value": channelText]) }
        guard channel != .shop else { throw .invalid("channel", "shop_sales_from_orders") }
        if productId != nil, product == nil { throw .invalid("productId", "unknown_product") }
        let county: String
        if let product {
            county = product.countyCode
            if let given = countyCode?.trimmingCharacters(in: .whitespaces), !given.isEmpty, given != county {
                throw .invalid("countyCode", "product_other_county")
            }
        } else {
            county = try Validate.shaanxiCounty(countyCode, field: "countyCode", in: regions)
        }
        let name: String
        if let product { name = product.name } else { name = try IndustryValidate.line(productName, field: "productName", max: 100) }
        let buyer = try Validate.required(buyerRegion, field: "buyerRegion", max: 9)
        guard regions[buyer] != nil else { throw .invalid("buyerRegion", "unknown_region", ["code": buyer]) }
        let amount = try Validate.fen(amount, field: "amount", required: true, positive: true)!
        let quantity = try Validate.count(quantity, field: "quantity")
        return Sale(id: id, date: day, channel: channel, productID: product?.id, productName: name, countyCode: county, buyerRegion: buyer,
                    amount: amount, quantity: quantity, pairingID: nil, source: nil)
    }
}

extension FactRules {
    /// A sale counts in its month for the product's county and the credited pairing: in the total and in its
    /// channel's figure (a refund, negative, takes it back).
    public static func contributions(of sale: Sale) -> [FactKey: Int64] {
        let month = sale.date.monthKey
        var facts: [FactKey: Int64] = [:]
        facts[FactKey(indicator: IndicatorCatalogue.consumptionSales, countyCode: sale.countyCode, pairingID: sale.pairingID, month: month)] = sale.amount
        facts[FactKey(indicator: sale.channel.indicator, countyCode: sale.countyCode, pairingID: sale.pairingID, month: month)] = sale.amount
        return facts
    }
}
