/// Schemas of the labour and exchange APIs.
extension OpenAPISchemas {
    nonisolated(unsafe) static let benefits: [String: Any] = [
        "type": "array", "items": ["type": "string", "enum": ["board", "lodging", "social_insurance", "housing_fund", "travel_paid", "training"]],
    ]
    nonisolated(unsafe) static let jobStatus: [String: Any] = ["type": "string", "enum": ["open", "filled", "withdrawn", "expired"]]
    nonisolated(unsafe) static let origin: [String: Any] = object(["platform": string, "id": string, "version": integer])

    static var labor: [String: Any] {
        [
            "JobDraft": object([
                "employerId": ["type": ["string", "null"], "format": "uuid", "description": "Staff only; enterprise accounts post for their own employer"],
                "title": string, "occupationCode": ["type": "string", "pattern": "^[1-8]-\\d{2}-\\d{2}-\\d{2}$"],
                "description": string, "countyCode": string, "wageMin": integer, "wageMax": nullableInteger,
                "wageType": ["type": "string", "enum": ["fixed", "piece", "commission", "hourly"]], "headcount": integer,
                "education": ["type": "string", "enum": ["none", "primary", "junior_high", "senior_high", "vocational", "associate", "bachelor"]],
                "ageMin": nullableInteger, "ageMax": nullableInteger, "benefits": benefits,
                "validThrough": ["type": "string", "format": "date"],
                "gender": ["type": ["string", "null"], "description": "Refused unless empty or any: postings may not restrict by gender"],
                "ethnicity": ["type": ["string", "null"], "description": "Refused unless empty or any"],
            ], required: ["title", "occupationCode", "countyCode", "wageMin", "headcount", "validThrough"]),
            "JobPosting": object([
                "id": uuid, "employerID": ["type": ["string", "null"], "format": "uuid"], "employerName": string,
                "employerCreditCode": string, "title": string, "occupationCode": string, "description": string, "countyCode": string,
                "wageMin": integer, "wageMax": integer, "wageType": string, "headcount": integer, "education": string,
                "ageMin": nullableInteger, "ageMax": nullableInteger, "benefits": benefits, "validThrough": string,
                "status": jobStatus, "origin": origin, "postedAt": dateTime, "updatedAt": dateTime,
            ]),
            "JobListing": object(["posting": ["$ref": "#/components/schemas/JobPosting"],
                                  "origins": ["type": "array", "items": origin], "currentStatus": jobStatus]),
            "JobStatusChange": object(["status": ["type": "string", "enum": ["open", "filled", "withdrawn"]]], required: ["status"]),
            "Employer": object(["id": uuid, "creditCode": string, "name": string, "regionCode": string, "industry": string,
                                "contactName": string, "contactPhone": string, "phoneRevealed": boolean]),
            "EmployerDraft": object(["creditCode": ["type": "string", "pattern": "^[0-9A-HJ-NPQRTUWXY]{18}$"], "name": string,
                                     "regionCode": string, "industry": string, "contactName": string, "contactPhone": string],
                                    required: ["creditCode", "name", "regionCode", "industry", "contactName", "contactPhone"]),
            "AccountLink": object(["username": string], required: ["username"]),
            "JobFeedPage": object([
                "items": ["type": "array", "items": ["type": "object", "description": "schema.org JobPosting plus xiezuo: origin fields; see docs/exchange.md"]],
                "next": integer, "hasMore": boolean, "platform": string, "latest": integer,
            ]),
        ]
    }
}
