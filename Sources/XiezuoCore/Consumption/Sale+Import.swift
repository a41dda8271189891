import Foundation

extension SaleDraft {
    /// The columns of the sales import (a row per sale; the header names of the earlier CSV format are accepted too).
    public static let importColumns: [ImportColumn] = [
        ImportColumn("date", .date, required: true, example: "2025-05-01"),
        ImportColumn("channel", .choice(SaleChannel.allCases.filter { $0 != .shop }.map(\.rawValue)), required: true, example: "fair"),
        ImportColumn("productName", aliases: ["product_name"], example: "柞水木耳礼盒"),
        ImportColumn("countyCode", .region([.county], within: "61"), aliases: ["county_code"], example: "柞水县"),
        ImportColumn("buyerRegion", .region(Set(RegionLevel.allCases), within: nil), required: true, aliases: ["buyer_region"], example: "南京市"),
        ImportColumn("amount", .yuan, required: true, aliases: ["amount_yuan"], example: "1200.50"),
        ImportColumn("quantity", .integer, example: "30"),
        ImportColumn("productId", aliases: ["product_id"]),
    ]

    /// The draft a row holds, or the first field that cannot be read (the amount in 元, the quantity, the product id).
    public static func importing(_ record: ImportRecord) throws(DomainError) -> SaleDraft {
        let quantity = try Validate.integer(record["quantity"], field: "quantity")
        var product: UUID?
        if let text = record["productId"] {
            guard let id = UUID(uuidString: text) else { throw .invalid("productId", "unknown_product") }
            product = id
        }
        return SaleDraft(date: record["date"], channel: record["channel"], productId: product, productName: record["productName"],
                         countyCode: record["countyCode"], buyerRegion: record["buyerRegion"],
                         amount: try Validate.fen(text: record["amount"], unitFen: 100, field: "amount"), quantity: quantity)
    }
}
