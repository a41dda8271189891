import Foundation
import XiezuoCore

/// Schemas of the consumption-assistance APIs.
extension OpenAPISchemas {
    static var consumption: [String: Any] {
        let category = choice(ProductCategory.allCases.map(\.rawValue))
        let certification = choice(["applied", "recognised", "reviewed", "rechecked", "published", "rejected"])
        let channel = choice(["fair", "livestream", "shop", "procurement", "ecommerce", "other"])
        let orderStatus = choice(["placed", "paid", "shipped", "received", "cancelled", "refunded"])
        let productFields: [String: Any] = [
            "name": string, "brandId": nullableUUID, "category": category, "specification": string, "unit": string,
            "price": ["type": "integer", "description": "Fen per unit"], "stock": integer, "traceabilityCode": nullableString,
            "description": nullableString,
        ]
        let productRequired = ["name", "category", "specification", "unit", "price"]
        return [
            "Product": object([
                "id": uuid, "name": string, "supplierID": uuid, "supplierName": string, "countyCode": string, "brandID": nullableUUID,
                "category": category, "specification": string, "unit": string, "price": integer, "stock": integer,
                "images": ["type": "array", "items": object(["id": uuid, "contentType": string, "size": integer])],
                "traceabilityCode": nullableString, "certification": certification,
                "history": ["type": "array", "items": object(["status": certification, "on": date, "by": string, "reason": nullableString])],
                "description": nullableString, "generated": boolean,
            ]),
            "ProductDraft": object(productFields, required: productRequired),
            "ProductInput": object(productFields.merging(["supplierId": ["type": ["string", "null"], "format": "uuid",
                                                                         "description": "Staff only; a supplier's account lists for itself"]]) { $1 },
                                   required: productRequired),
            "CertificationDecision": object(["decision": choice(["approve", "reject"]), "reason": ["type": ["string", "null"],
                                                                                                   "description": "Required to reject"]],
                                            required: ["decision"]),
            "RegionalBrand": object(["id": uuid, "name": string, "regionCode": string, "category": category, "geographicalIndication": boolean,
                                     "description": nullableString, "generated": boolean]),
            "RegionalBrandDraft": object(["name": string, "regionCode": string, "category": category, "geographicalIndication": boolean,
                                          "description": nullableString], required: ["name", "regionCode", "category"]),
            "SalesEvent": object(["id": uuid, "kind": choice(["fair", "promotion", "livestream"]), "title": string, "date": date,
                                  "cityCode": string, "organiser": string, "supplierIDs": ["type": "array", "items": uuid],
                                  "platform": nullableString, "host": nullableString, "session": nullableString, "dealsSigned": integer,
                                  "dealsAmount": integer, "generated": boolean]),
            "SalesEventDraft": object(["kind": choice(["fair", "promotion", "livestream"]), "title": string, "date": date, "cityCode": string,
                                       "organiser": string, "supplierIds": ["type": "array", "items": uuid], "platform": nullableString,
                                       "host": nullableString, "session": nullableString, "dealsSigned": integer, "dealsAmount": integer],
                                      required: ["kind", "title", "date", "cityCode", "organiser"]),
            "Procurement": object(["id": uuid, "unitName": string, "regionCode": string, "year": integer, "canteenSpending": integer,
                                   "povertyAreaSpending": integer]),
            "ProcurementDraft": object(["unitName": string, "regionCode": string, "year": integer, "canteenSpending": integer,
                                        "povertyAreaSpending": integer],
                                       required: ["unitName", "regionCode", "year", "canteenSpending", "povertyAreaSpending"]),
            "ProcurementList": page(of: object([
                "procurement": ref("Procurement"), "shareBasisPoints": ["type": ["integer", "null"], "description": "null with no canteen spending"],
                "meetsFloor": ["type": ["boolean", "null"]],
            ])),
            "Sale": object(["id": uuid, "date": date, "channel": channel, "productID": nullableUUID, "productName": string, "countyCode": string,
                            "buyerRegion": string, "amount": integer, "quantity": integer, "pairingID": nullableUUID, "source": nullableString,
                            "reverses": nullableUUID, "reason": nullableString, "reversedBy": nullableUUID]),
            "SaleList": page(of: ref("Sale")),
            "SaleDraft": object(["date": date, "channel": channel, "productId": nullableUUID, "productName": nullableString,
                                 "countyCode": nullableString, "buyerRegion": string, "amount": ["type": "integer", "description": "Fen"],
                                 "quantity": integer], required: ["date", "channel", "buyerRegion", "amount"]),
            "ConsumptionPanels": object(["year": integer, "region": string, "total": integer,
                                         "byChannel": ["type": "object", "additionalProperties": integer],
                                         "byRegion": ["type": "object", "additionalProperties": integer],
                                         "byMonth": ["type": "array", "items": integer],
                                         "topProducts": ["type": "array", "items": object(["productID": nullableUUID, "name": string,
                                                                                          "amount": integer, "quantity": integer])]]),
            "Order": object([
                "id": uuid, "number": string, "buyerName": string, "buyerPhone": ["type": "string", "description": "Masked"],
                "address": string, "buyerRegion": string, "status": orderStatus, "placedOn": date, "accountID": nullableUUID,
                "lines": ["type": "array", "items": object(["productID": uuid, "productName": string, "supplierID": uuid, "countyCode": string,
                                                            "quantity": integer, "unitPrice": integer])],
                "history": ["type": "array", "items": object(["status": string, "on": date, "by": string])],
            ]),
            "OrderDraft": object(["buyerName": string, "buyerPhone": string, "address": string, "buyerRegion": string,
                                  "items": ["type": "array", "items": object(["productId": uuid, "quantity": integer], required: ["productId", "quantity"])]],
                                 required: ["buyerName", "buyerPhone", "address", "buyerRegion", "items"]),
            "PlacedOrder": object(["order": ref("Order"), "key": ["type": "string", "description": "Shown once; reads and answers the order"]]),
            "OrderStatusChange": object(["status": orderStatus, "key": nullableString], required: ["status"]),
        ]
    }
}
