import XiezuoCore
import Foundation

/// Schemas of the labour and exchange APIs.
extension OpenAPISchemas {
    nonisolated(unsafe) static let benefits: [String: Any] = [
        "type": "array", "items": ["type": "string", "enum": Benefit.allCases.map(\.rawValue)],
    ]
    nonisolated(unsafe) static let jobStatus: [String: Any] = ["type": "string", "enum": JobStatus.allCases.map(\.rawValue)]
    nonisolated(unsafe) static let origin: [String: Any] = object(["platform": string, "id": string, "version": integer])

    static var labor: [String: Any] {
        [
            "JobDraft": object([
                "employerId": ["type": ["string", "null"], "format": "uuid", "description": "Staff only; enterprise accounts post for their own employer"],
                "title": string, "occupationCode": ["type": "string", "pattern": "^[1-8]-\\d{2}-\\d{2}-\\d{2}$"],
                "description": string, "countyCode": string, "wageMin": integer, "wageMax": nullableInteger,
                "wageType": ["type": "string", "enum": WageType.allCases.map(\.rawValue)], "headcount": integer,
                "education": ["type": "string", "enum": Education.allCases.map(\.rawValue)],
                "ageMin": nullableInteger, "ageMax": nullableInteger, "benefits": benefits,
                "validThrough": ["type": "string", "format": "date"],
                "contactPerson": ["type": ["string", "null"], "maxLength": 30,
                                  "description": "Whom to ask (联系人); shown to signed-in workers and the posting's editors, never sent to partners"],
                "gender": ["type": ["string", "null"], "description": "Refused unless empty or any: postings may not restrict by gender"],
                "ethnicity": ["type": ["string", "null"], "description": "Refused unless empty or any"],
            ], required: ["title", "occupationCode", "countyCode", "wageMin", "headcount", "validThrough"]),
            "JobPosting": object([
                "id": uuid, "employerID": ["type": ["string", "null"], "format": "uuid"], "employerName": string,
                "employerCreditCode": string, "title": string, "occupationCode": string, "description": string, "countyCode": string,
                "wageMin": integer, "wageMax": integer, "wageType": string, "headcount": integer, "education": string,
                "ageMin": nullableInteger, "ageMax": nullableInteger, "benefits": benefits, "validThrough": string,
                "status": jobStatus, "origin": origin, "postedAt": dateTime, "updatedAt": dateTime,
                "contactPerson": ["type": ["string", "null"], "description": "Left out unless the caller is a signed-in worker or may edit the posting"],
            ]),
            "JobListing": object(["posting": ["$ref": "#/components/schemas/JobPosting"],
                                  "origins": ["type": "array", "items": origin], "currentStatus": jobStatus]),
            "JobStatusChange": object(["status": ["type": "string", "enum": JobStatus.allCases.filter { $0 != .expired }.map(\.rawValue)]], required: ["status"]),
            "Employer": object(["id": uuid, "creditCode": string, "name": string, "regionCode": string, "industry": string,
                                "contactName": string, "contactPhone": string, "phoneRevealed": boolean]),
            "EmployerDraft": object(["creditCode": ["type": "string", "pattern": "^[0-9A-HJ-NPQRTUWXY]{18}$"], "name": string,
                                     "regionCode": string, "industry": string, "contactName": string, "contactPhone": string],
                                    required: ["creditCode", "name", "regionCode", "industry", "contactName", "contactPhone"]),
            "AccountLink": object(["username": string], required: ["username"]),
            "WorkerDraft": object([
                "name": string, "idNumber": ["type": "string", "pattern": "^[0-9]{17}[0-9Xx]$"], "phone": string,
                "gender": ["type": ["string", "null"], "enum": Gender.allCases.map(\.rawValue) as [Any] + [NSNull()]], "birthDate": ["type": ["string", "null"], "format": "date"],
                "homeCode": string, "povertyStatus": ["type": "string", "enum": PovertyStatus.allCases.map(\.rawValue)],
                "education": string, "skills": ["type": "array", "items": string], "wishedOccupations": ["type": "array", "items": string],
                "preferredPlaces": ["type": "array", "items": string], "pairedCities": boolean, "minWage": integer,
                "certificates": ["type": "array", "items": string], "consent": boolean, "sensitiveConsent": boolean,
            ], required: ["name", "idNumber", "phone", "homeCode"]),
            "Worker": object([
                "id": uuid, "name": string, "idNumber": string, "phone": string, "revealed": boolean, "gender": string, "birthDate": string,
                "homeCode": string, "povertyStatus": string, "education": string, "skills": ["type": "array", "items": string],
                "wishedOccupations": ["type": "array", "items": string], "preferredPlaces": ["type": "array", "items": string],
                "pairedCities": boolean, "minWage": integer, "certificates": ["type": "array", "items": string],
                "employment": ["type": "array", "items": object(["status": string, "since": string, "note": nullableString])],
                "consentAt": dateTime, "consentVersion": string, "accountID": ["type": ["string", "null"], "format": "uuid"],
            ]),
            "EmploymentChange": object(["status": ["type": "string", "enum": EmploymentStatus.allCases.map(\.rawValue)],
                                        "date": ["type": "string", "format": "date"], "note": nullableString], required: ["status", "date"]),
            "JobMatches": object(["items": ["type": "array", "items": object([
                "job": ["$ref": "#/components/schemas/JobListing"], "score": integer, "reasons": ["type": "array", "items": string]])]]),
            "WorkerCard": object([
                "access": ["type": "string", "enum": WorkerCard.Access.allCases.map(\.rawValue),
                           "description": "candidate: pseudonymous; applicant: applied to this posting; covering: staff covering the worker"],
                "candidate": ["type": "string", "description": "Opaque; invites the worker to this posting (POST /api/v1/jobs/{id}/invitations)"],
                "workerID": ["type": ["string", "null"], "format": "uuid"], "name": nullableString, "idNumber": nullableString,
                "phone": nullableString, "gender": nullableString, "birthDate": nullableString, "age": integer, "countyCode": string,
                "homeCode": nullableString, "education": string, "povertyStatus": nullableString,
                "occupations": ["type": "array", "items": string], "skills": ["type": "array", "items": string],
                "certificates": ["type": "array", "items": string],
            ]),
            "WorkerMatches": object(["items": ["type": "array", "items": object([
                "worker": ["$ref": "#/components/schemas/WorkerCard"], "score": integer, "reasons": ["type": "array", "items": string],
                "invited": boolean])]]),
            "Invitation": object(["candidate": string], required: ["candidate"]),
            "Invitations": page(of: object([
                "id": uuid, "postingID": uuid, "title": string, "employerName": string, "countyCode": string, "invitedAt": dateTime])),
            "Application": object([
                "id": uuid, "workerID": uuid, "postingID": uuid,
                "status": ["type": "string", "enum": ApplicationStatus.allCases.map(\.rawValue)], "appliedOn": string,
                "respondedOn": nullableString, "startDate": nullableString, "wage": nullableInteger, "placeCode": nullableString,
                "pairingID": ["type": ["string", "null"], "format": "uuid"], "note": nullableString,
                "seenOn": nullableString, "message": nullableString,
                "reversal": ["type": ["object", "null"], "description": "A reversed placement's reversal",
                             "properties": ["on": ["type": "string", "format": "date"], "reason": string]],
            ]),
            "Applications": page(of: ["$ref": "#/components/schemas/Application"]),
            "ApplicationDraft": object(["postingId": uuid], required: ["postingId"]),
            "ApplicationMove": object(["status": ["type": "string", "enum": ApplicationStatus.allCases.filter { [.accepted, .rejected, .withdrawn].contains($0) }.map(\.rawValue)],
                                       "message": nullableString], required: ["status"]),
            "HireDraft": object(["startDate": ["type": "string", "format": "date"], "monthlyWage": integer, "placeCode": nullableString,
                                 "note": nullableString], required: ["startDate", "monthlyWage"]),
            "JobFeedPage": object([
                "items": ["type": "array", "items": ["type": "object", "description": "schema.org JobPosting plus xiezuo: origin fields; see docs/exchange.md"]],
                "next": integer, "hasMore": boolean, "platform": string, "latest": integer,
            ]),
        ]
    }
}
