import XiezuoCore
/// Schemas of the featured-industry, park, enterprise and enclave APIs.
extension OpenAPISchemas {
    nonisolated(unsafe) static let stringList: [String: Any] = ["type": "array", "items": ["type": "string"]]
    nonisolated(unsafe) static let uuidList: [String: Any] = ["type": "array", "items": ["type": "string", "format": "uuid"]]
    nonisolated(unsafe) static let nullableDate: [String: Any] = ["type": ["string", "null"], "format": "date"]
    nonisolated(unsafe) static let split: [String: Any] = object(["sending": integer, "hosting": integer])
    nonisolated(unsafe) static let enterpriseStatus: [String: Any] = [
        "type": "string", "enum": EnterpriseStatus.allCases.map(\.rawValue),
    ]

    static var industry: [String: Any] {
        [
            "FeaturedIndustryDraft": object([
                "name": string, "countyCode": string, "category": string, "role": ["type": "string", "enum": IndustryRole.allCases.map(\.rawValue)],
                "since": integer, "areaMu": nullableInteger, "heads": nullableInteger, "outputValue": nullableInteger,
                "upgrades": ["type": "array", "items": object(["kind": ["type": "string", "enum": UpgradeKind.allCases.map(\.rawValue)],
                                                               "date": ["type": "string", "format": "date"], "description": string])],
                "projectIds": uuidList, "leadingEnterprises": stringList, "cooperatives": stringList, "productionBases": stringList,
                "chainHouseholds": integer, "linkedHouseholds": integer, "incomeIncrease": integer,
                "mechanisms": ["type": "array", "items": ["type": "string", "enum": LinkMechanism.allCases.map(\.rawValue)]],
                "description": nullableString,
            ], required: ["name", "countyCode", "category", "role", "since"]),
            "FeaturedIndustry": object([
                "id": uuid, "name": string, "countyCode": string, "pairingID": ["type": ["string", "null"], "format": "uuid"],
                "category": string, "role": string, "since": integer, "areaMu": nullableInteger, "heads": nullableInteger,
                "outputValue": nullableInteger, "upgrades": ["type": "array", "items": ["type": "object"]], "projectIDs": uuidList,
                "valueChain": object(["leadingEnterprises": stringList, "cooperatives": stringList, "productionBases": stringList,
                                      "households": integer]),
                "farmerLink": object(["households": integer, "incomeIncrease": integer, "mechanisms": stringList]),
                "description": nullableString,
            ]),
            "ParkDraft": object([
                "name": string, "countyCode": string, "form": ["type": "string", "enum": ParkForm.allCases.map(\.rawValue)],
                "partnerCode": string, "partnerPark": nullableString, "established": nullableDate, "plannedAreaMu": integer,
                "builtAreaMu": integer, "projectIds": uuidList, "description": nullableString,
            ], required: ["name", "countyCode", "form", "partnerCode"]),
            "Park": object([
                "id": uuid, "name": string, "countyCode": string, "form": string, "partnerCode": string, "partnerPark": nullableString,
                "pairingID": ["type": ["string", "null"], "format": "uuid"], "established": nullableDate, "plannedAreaMu": integer,
                "builtAreaMu": integer, "projectIDs": uuidList, "description": nullableString,
            ]),
            "ParkDetail": object(["park": ["$ref": "#/components/schemas/Park"],
                                  "enterprises": ["type": "array", "items": ["$ref": "#/components/schemas/Enterprise"]]]),
            "EnterpriseDraft": object([
                "name": string, "creditCode": nullableString, "originCode": string, "chain": string,
                "parkId": ["type": ["string", "null"], "format": "uuid"], "countyCode": nullableString,
                "plannedInvestment": integer, "actualInvestment": integer, "jobs": integer, "jobsRural": integer,
                "jobsPovertyLifted": integer, "description": nullableString,
            ], required: ["name", "originCode", "chain"]),
            "Enterprise": object([
                "id": uuid, "name": string, "creditCode": nullableString, "originCode": string, "chain": string,
                "parkID": ["type": ["string", "null"], "format": "uuid"], "countyCode": string, "status": enterpriseStatus,
                "plannedInvestment": integer, "actualInvestment": integer, "jobs": integer, "jobsRural": integer,
                "jobsPovertyLifted": integer, "signedOn": nullableDate, "landedOn": nullableDate, "operatingOn": nullableDate,
                "description": nullableString,
            ]),
            "EnterpriseMove": object(["status": enterpriseStatus, "date": nullableDate], required: ["status"]),
            "PromotionEventDraft": object([
                "title": string, "date": ["type": "string", "format": "date"], "cityCode": string, "organiserCode": string,
                "chain": nullableString, "enterprisesMet": integer, "dealsSigned": integer, "signedInvestment": integer,
                "description": nullableString,
            ], required: ["title", "date", "cityCode", "organiserCode"]),
            "PromotionEvent": object([
                "id": uuid, "title": string, "date": ["type": "string", "format": "date"], "cityCode": string, "organiserCode": string,
                "chain": nullableString, "enterprisesMet": integer, "dealsSigned": integer, "signedInvestment": integer,
                "description": nullableString,
            ]),
            "EnclaveShareDraft": object([
                "sendingCode": string, "fromYear": integer, "toYear": nullableInteger,
                "outputSending": integer, "outputHosting": integer, "taxSending": integer, "taxHosting": integer,
                "gdpSending": integer, "gdpHosting": integer,
            ], required: ["sendingCode", "fromYear", "outputSending", "outputHosting", "taxSending", "taxHosting", "gdpSending", "gdpHosting"]),
            "EnclaveShare": object([
                "id": uuid, "parkID": uuid, "sendingCode": string, "hostingCode": string, "fromYear": integer, "toYear": nullableInteger,
                "outputValue": split, "taxRevenue": split, "gdp": split,
            ]),
            "ParkFiguresInput": object(["outputValue": integer, "taxRevenue": integer, "gdp": integer],
                                       required: ["outputValue", "taxRevenue", "gdp"]),
            "ParkFigures": object(["parkID": uuid, "year": integer, "outputValue": integer, "taxRevenue": integer, "gdp": integer]),
            "EnclaveLine": object([
                "parkID": uuid, "parkName": string, "year": integer, "share": ["type": ["object", "null"]],
                "figures": ["type": ["object", "null"]], "sendingOutput": nullableInteger, "hostingOutput": nullableInteger,
                "sendingTax": nullableInteger, "hostingTax": nullableInteger, "sendingGDP": nullableInteger, "hostingGDP": nullableInteger,
            ]),
            "Enclave": object(["shares": ["type": "array", "items": ["$ref": "#/components/schemas/EnclaveShare"]],
                               "report": ["type": "array", "items": ["$ref": "#/components/schemas/EnclaveLine"]]]),
            "EnclaveReport": object(["year": integer,
                                     "lines": ["type": "array", "items": ["$ref": "#/components/schemas/EnclaveLine"]]]),
        ]
    }
}
