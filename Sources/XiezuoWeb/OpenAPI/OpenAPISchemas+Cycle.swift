import XiezuoCore

extension OpenAPISchemas {
    /// The yearly cycle's schemas.
    static var cycle: [String: Any] {
        let state: [String: Any] = ["type": "string", "enum": PeriodState.allCases.map(\.rawValue)]
        let action: [String: Any] = ["type": "string", "enum": PeriodAction.allCases.map(\.rawValue)]
        return [
            "Period": object(["year": integer, "county": ["$ref": "#/components/schemas/Region"], "state": state,
                              "stateName": string, "locked": boolean, "snapshotAt": dateTime, "updatedAt": dateTime,
                              "actions": ["type": "array", "items": action, "description": "What the caller may do now"]],
                             required: ["year", "state", "locked", "actions"]),
            "PeriodDetail": object([
                "period": ["$ref": "#/components/schemas/Period"],
                "figures": ["type": "array", "items": object(["code": string, "name": string, "unit": string, "submitted": nullableInteger,
                                                               "live": nullableInteger, "difference": nullableInteger])],
                "events": ["type": "array", "items": object(["action": action, "from": state, "to": state, "text": nullableString,
                                                              "actor": string, "actorRegion": nullableString, "at": dateTime])],
            ], required: ["period", "figures", "events"]),
            "PeriodReason": object(["reason": ["type": "string", "description": "Why, 2–500 characters"]], required: ["reason"]),
            "RankedCounty": object(["rank": integer, "county": ["$ref": "#/components/schemas/Region"], "state": state,
                                    "grade": nullableString,
                                    "suggestedGrade": nullableString, "score": nullableInteger]),
            "PeriodAssessment": object(["selfAssessment": ["type": "object", "additionalProperties": string], "partnerComment": nullableString,
                                        "crossCheck": nullableString, "grade": nullableString, "gradeReason": nullableString,
                                        "suggestedGrade": nullableString, "score": nullableInteger,
                                        "reasons": ["type": "array", "items": string]]),
            "SelfAssessment": object(["parts": ["type": "object", "description": "Text per part: " + Assessment.Part.allCases.map(\.rawValue).joined(separator: ", "),
                                                "additionalProperties": string]], required: ["parts"]),
            "GradeDecision": object(["grade": ["type": "string", "enum": Grade.allCases.map(\.rawValue)], "crossCheck": nullableString,
                                     "reason": ["type": ["string", "null"], "description": "Required when the grade is not the suggested one"]],
                                    required: ["grade"]),
            "AnnualReport": object(["year": integer, "regionCode": nullableString, "pairingID": nullableString, "producedAt": dateTime,
                                    "figures": ["type": "array", "items": ["$ref": "#/components/schemas/Figure"]],
                                    "shareThreshold": nullableInteger, "aidByArea": ["type": "array"], "aidByCategory": ["type": "array"],
                                    "industries": ["type": "array"], "parks": ["type": "array"], "enterprisesLanded": ["type": "array"],
                                    "enclaveShares": integer, "productsPromoted": integer, "regionalBrands": integer,
                                    "procurement": ["type": ["object", "null"]], "gigMarkets": integer, "trips": integer, "passengers": integer,
                                    "trainingByMode": ["type": "array"], "postingsReceived": ["type": "array"], "postingsOffered": integer,
                                    "counties": ["type": "array"]]),
            "Placement": object(["applicationID": uuid, "homeCounty": string, "startDate": ["type": "string", "format": "date"], "title": string,
                                 "employer": string, "placeCode": string, "pairingID": nullableString, "reversed": boolean]),
            "PeriodComment": object(["text": ["type": "string", "description": "The comment, 2–500 characters"]], required: ["text"]),
        ]
    }

    /// The cooperation registers' schemas (persons exchanged, village pairings, demonstration villages).
    static var cooperation: [String: Any] {
        let date: [String: Any] = ["type": "string", "format": "date"]
        let fen: [String: Any] = ["type": "integer", "description": "fen, ≥ 0"]
        func choices(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }
        let person: [String: Any] = [
            "name": string, "sex": choices(PersonSex.allCases.map(\.rawValue)), "employer": string, "post": string,
            "field": choices(ExchangeField.allCases.map(\.rawValue)), "direction": choices(ExchangeDirection.allCases.map(\.rawValue)),
            "level": choices(ExchangeLevel.allCases.map(\.rawValue)),
            "regionCode": ["type": "string", "description": "The Shaanxi county or city served (or sent from)"],
            "partnerCode": nullableString, "from": date, "to": date,
        ]
        let pairing: [String: Any] = [
            "partnerName": string, "partnerKind": choices(VillagePartnerKind.allCases.map(\.rawValue)), "partnerRegion": nullableString,
            "townshipCode": string, "village": string, "year": integer, "moneyPledged": fen, "goodsPledged": fen, "moneyDelivered": fen,
            "goodsDelivered": fen,
        ]
        let village: [String: Any] = [
            "townshipCode": string, "village": string, "year": integer, "status": choices(DemonstrationStatus.allCases.map(\.rawValue)),
            "note": nullableString,
        ]
        let recorded: [String: Any] = ["id": uuid, "generated": boolean]
        return [
            "PersonnelExchange": object(person.merging(recorded) { $1 }),
            "PersonnelExchangeDraft": object(person, required: ["name", "sex", "employer", "post", "field", "direction", "level", "regionCode",
                                                                "from", "to"]),
            "VillagePairing": object(pairing.merging(recorded) { $1 }),
            "VillagePairingDraft": object(pairing, required: ["partnerName", "partnerKind", "townshipCode", "village", "year"]),
            "DemonstrationVillage": object(village.merging(recorded) { $1 }.merging(["projectIDs": ["type": "array", "items": uuid]]) { $1 }),
            "DemonstrationVillageDraft": object(village.merging(["projectIds": ["type": "array", "items": uuid]]) { $1 },
                                                required: ["townshipCode", "village", "year"]),
            "DemonstrationVillageDetail": object(["village": ["$ref": "#/components/schemas/DemonstrationVillage"],
                                                  "funding": ["type": "integer", "description": "What the linked projects disbursed, fen"]]),
        ]
    }
}
