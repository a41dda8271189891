import XiezuoCore
/// JSON schemas of the API's bodies, in OpenAPI 3.1 (JSON Schema 2020-12) form.
enum OpenAPISchemas {
    /// A page of `item`s: the list's envelope (`items`, `total`, `page`, `perPage`).
    static func page(of item: [String: Any]) -> [String: Any] {
        object(["items": ["type": "array", "items": item], "total": ["type": "integer"], "page": ["type": "integer"],
                "perPage": ["type": "integer", "description": "At most 200"]], required: ["items", "total", "page", "perPage"])
    }

    static func object(_ properties: [String: Any], required: [String] = []) -> [String: Any] {
        var schema: [String: Any] = ["type": "object", "properties": properties]
        if !required.isEmpty { schema["required"] = required }
        return schema
    }
    nonisolated(unsafe) static let string: [String: Any] = ["type": "string"]
    nonisolated(unsafe) static let nullableString: [String: Any] = ["type": ["string", "null"]]
    nonisolated(unsafe) static let integer: [String: Any] = ["type": "integer"]
    nonisolated(unsafe) static let nullableInteger: [String: Any] = ["type": ["integer", "null"]]
    nonisolated(unsafe) static let boolean: [String: Any] = ["type": "boolean"]
    nonisolated(unsafe) static let uuid: [String: Any] = ["type": "string", "format": "uuid"]
    nonisolated(unsafe) static let dateTime: [String: Any] = ["type": ["string", "null"], "format": "date-time"]
    nonisolated(unsafe) static let level: [String: Any] = ["type": "string", "enum": RegionLevel.allCases.map(\.rawValue)]
    nonisolated(unsafe) static let role: [String: Any] = ["type": "string", "enum": Role.allCases.map(\.rawValue)]

    static var all: [String: Any] {
        [
            "Error": object(["error": object(["code": string, "message": string, "field": nullableString],
                                             required: ["code", "message"])], required: ["error"]),
            "Health": object(["status": string, "database": string]),
            "Region": object(["code": string, "name": string, "level": level, "parentCode": nullableString],
                             required: ["code", "name", "level"]),
            "RegionChoice": object(["code": string, "name": string, "level": level, "label": string],
                                   required: ["code", "name", "level", "label"]),
            "OccupationChoice": object(["code": string, "nameZh": string, "nameEn": string, "matchedAlias": nullableString, "label": string],
                                       required: ["code", "nameZh", "nameEn", "label"]),
            "RegionDetail": object(["code": string, "name": string, "level": level, "parentCode": nullableString,
                                    "path": ["type": "array", "items": ["$ref": "#/components/schemas/Region"]],
                                    "childCount": integer]),
            "Pairing": object(["id": uuid, "level": level, "eastCode": string, "eastName": string, "westCode": string,
                               "westName": string, "validFrom": nullableInteger, "validTo": nullableInteger,
                               "confidence": string, "note": nullableString, "active": boolean]),
            "PairingDraft": object(["eastCode": string, "westCode": string, "validFrom": integer,
                                    "validTo": nullableInteger, "note": nullableString],
                                   required: ["eastCode", "westCode", "validFrom"]),
            "PairingPatch": object(["validTo": integer, "note": nullableString]),
            "Account": object(["id": uuid, "username": string, "displayName": string, "role": role,
                               "jurisdiction": nullableString, "disabled": boolean, "lockedUntil": dateTime,
                               "createdAt": dateTime]),
            "AccountDraft": object(["username": string, "displayName": string, "role": role,
                                    "jurisdiction": nullableString, "password": ["type": "string", "minLength": 10]],
                                   required: ["username", "displayName", "role", "password"]),
            "AccountPatch": object(["disabled": boolean, "password": string, "currentPassword": string, "displayName": string,
                                    "role": ["type": "string", "enum": Role.allCases.filter(\.isStaff).map(\.rawValue),
                                             "description": "A staff account's new role (a session, not a token; never one's own)"],
                                    "jurisdiction": ["type": "string", "description": "The new jurisdiction's region code (none for an admin)"]]),
            "APIToken": object(["id": uuid, "accountID": uuid, "name": string, "prefix": string, "createdAt": dateTime,
                                "lastUsedAt": dateTime, "revokedAt": dateTime, "expiresAt": dateTime]),
            "TokenRequest": object(["name": string, "accountId": uuid,
                                    "expiresInDays": ["type": "integer", "minimum": 1, "maximum": 365, "default": 90]],
                                   required: ["name"]),
            "IssuedToken": object(["token": ["$ref": "#/components/schemas/APIToken"],
                                   "secret": ["type": "string", "description": "Shown once; send as `Authorization: Bearer …`"]]),
            "Indicator": object(["code": string, "name": string, "unit": string, "area": nullableString, "ratio": boolean, "live": boolean]),
            "Figure": object(["code": string, "name": string, "unit": string, "target": nullableInteger, "actual": nullableInteger,
                              "progress": ["type": ["number", "null"]],
                              "status": ["type": "string", "enum": FigureStatus.allCases.map(\.rawValue)]]),
            "Dashboard": object(["year": integer, "region": ["$ref": "#/components/schemas/Region"],
                                 "pairing": ["$ref": "#/components/schemas/Pairing"],
                                 "agreement": ["$ref": "#/components/schemas/Agreement"],
                                 "indicators": ["type": "array", "items": ["$ref": "#/components/schemas/Figure"]],
                                 "breakdownIndicator": string,
                                 "breakdown": ["type": "array", "items": object(["code": string, "name": string, "value": integer])],
                                 "trendIndicator": string, "trend": ["type": "array", "items": integer]]),
            "Project": object(["id": uuid, "code": string, "name": string, "countyCode": string, "pairingID": nullableString,
                               "year": integer, "actionArea": string, "category": string, "budget": ["type": "integer", "description": "fen"],
                               "status": string, "plannedStart": nullableString, "plannedEnd": nullableString,
                               "actualStart": nullableString, "actualEnd": nullableString,
                               "beneficiaries": object(["households": integer, "persons": integer, "povertyLiftedHouseholds": integer,
                                                        "povertyLiftedPersons": integer]),
                               "description": nullableString]),
            "ProjectDraft": object(["code": string, "name": string, "countyCode": string, "pairingId": ["type": ["string", "null"], "format": "uuid"],
                                    "year": integer, "actionArea": string, "category": string, "budget": ["type": "integer", "description": "fen"],
                                    "plannedStart": ["type": "string", "format": "date"], "plannedEnd": ["type": "string", "format": "date"],
                                    "actualStart": ["type": "string", "format": "date"], "actualEnd": ["type": "string", "format": "date"],
                                    "households": integer, "persons": integer, "povertyLiftedHouseholds": integer,
                                    "povertyLiftedPersons": integer, "description": nullableString],
                                   required: ["code", "name", "countyCode", "year", "actionArea", "category"]),
            "ProjectDetail": object(["project": ["$ref": "#/components/schemas/Project"],
                                     "totals": object(["committed": integer, "disbursed": integer, "spent": integer])]),
            "StatusChange": object(["status": ["type": "string", "enum": ProjectStatus.allCases.filter { $0 != .reserve }.map(\.rawValue)]],
                                   required: ["status"]),
            "FundFlow": object(["id": uuid, "projectID": uuid, "type": string, "source": string, "amount": integer,
                                "date": ["type": "string", "format": "date"], "voucher": nullableString, "note": nullableString,
                                "reverses": ["type": ["string", "null"], "format": "uuid", "description": "For a reversal: the flow it cancels"],
                                "reason": nullableString,
                                "reversedBy": ["type": ["string", "null"], "format": "uuid", "description": "For a reversed flow: its reversal"]]),
            "ReversalDraft": object(["reason": ["type": "string", "description": "Why the original was wrong, 2–200 characters"]], required: ["reason"]),
            "FlowDraft": object(["type": ["type": "string", "enum": FlowType.allCases.map(\.rawValue)],
                                 "source": ["type": "string", "enum": FundSource.allCases.map(\.rawValue)],
                                 "amount": ["type": "integer", "description": "fen, > 0"], "date": ["type": "string", "format": "date"],
                                 "voucher": nullableString, "note": nullableString], required: ["type", "source", "amount", "date"]),
            "Agreement": object(["id": uuid, "year": integer, "pairingID": nullableString, "title": string,
                                 "shareThreshold": ["type": "integer", "description": "basis points (8000 = 80%)"],
                                 "targets": ["type": "object", "additionalProperties": integer],
                                 "grading": ["type": ["object", "null"], "description": "weights per indicator and the grade thresholds (basis points); null: the standard rules"]]),
            "AgreementDraft": object(["year": integer, "pairingId": ["type": ["string", "null"], "format": "uuid"], "title": string,
                                      "shareThresholdPercent": ["type": "number", "default": 80],
                                      "targets": ["type": "object", "additionalProperties": integer],
                                      "weights": ["type": "object", "additionalProperties": ["type": "integer", "minimum": 0, "maximum": 100],
                                                  "description": "Weight of each indicator in the suggested grade (default 1)"],
                                      "gradeGoodPercent": ["type": "number", "default": 90], "gradeFairlyGoodPercent": ["type": "number", "default": 75],
                                      "gradeAveragePercent": ["type": "number", "default": 60]], required: ["year", "title"]),
            "AuditEntry": object(["id": uuid, "at": dateTime, "actorID": ["type": ["string", "null"], "format": "uuid"],
                                  "actorName": string, "action": string, "entity": string, "entityID": string,
                                  "regionCode": nullableString, "partnerRegionCode": nullableString, "before": nullableString, "after": nullableString]),
        ]
    }
}
