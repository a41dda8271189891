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
            "PeriodComment": object(["text": ["type": "string", "description": "The comment, 2–500 characters"]], required: ["text"]),
        ]
    }
}
