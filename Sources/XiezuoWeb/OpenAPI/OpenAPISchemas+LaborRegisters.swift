import XiezuoCore
import Foundation

/// Schemas of the labour registers: brands, workshops, training, gig markets and trips.
extension OpenAPISchemas {
    nonisolated(unsafe) static let date: [String: Any] = ["type": "string", "format": "date"]
    nonisolated(unsafe) static let nullableUUID: [String: Any] = ["type": ["string", "null"], "format": "uuid"]
    nonisolated(unsafe) static let occupationCode: [String: Any] = ["type": "string", "pattern": "^[1-8](-\\d{2}){0,3}$"]

    static func choice(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }
    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }

    static var laborRegisters: [String: Any] {
        let unit = object(["name": string, "kind": choice(["enterprise", "cooperative", "training_institution"])], required: ["name", "kind"])
        let level = choice(["county", "city", "province", "national"])
        let mode = choice(["order_based", "project_based"])
        return [
            "LaborBrand": object(["id": uuid, "name": string, "countyCode": string, "occupationCode": string, "level": level, "since": integer,
                                  "leadingUnits": ["type": "array", "items": unit], "description": nullableString, "generated": boolean]),
            "LaborBrandDraft": object(["name": string, "countyCode": string, "occupationCode": occupationCode, "level": level, "since": integer,
                                       "leadingUnits": ["type": "array", "items": unit], "description": nullableString],
                                      required: ["name", "countyCode", "occupationCode", "level", "since"]),
            "BrandDetail": object(["brand": ref("LaborBrand"), "workers": integer, "jobs": ["type": "array", "items": ref("JobListing")]]),
            "AssistanceWorkshop": object(["id": uuid, "name": string, "countyCode": string, "village": string, "owner": string, "product": string,
                                          "opened": date, "workers": integer, "workersPovertyLifted": integer, "partner": nullableString,
                                          "generated": boolean]),
            "AssistanceWorkshopDraft": object(["name": string, "countyCode": string, "village": string, "owner": string, "product": string,
                                               "opened": date, "workers": integer, "workersPovertyLifted": integer, "partner": nullableString],
                                              required: ["name", "countyCode", "village", "owner", "product", "opened"]),
            "TrainingProgramme": object(["id": uuid, "name": string, "mode": mode, "occupationCode": string, "provider": string,
                                         "countyCode": string, "employerID": nullableUUID, "hireCommitment": integer, "brandID": nullableUUID,
                                         "seats": integer, "startDate": date, "endDate": date, "subsidy": integer, "pairingID": nullableUUID,
                                         "description": nullableString]),
            "TrainingProgrammeDraft": object(["name": string, "mode": mode, "occupationCode": occupationCode, "provider": string,
                                              "countyCode": string, "employerId": nullableUUID,
                                              "hireCommitment": ["type": "integer", "description": "Order-based: trainees the employer commits to hire"],
                                              "brandId": nullableUUID, "seats": integer, "startsOn": date, "endsOn": date,
                                              "subsidy": ["type": "integer", "description": "Fen per trainee"], "description": nullableString],
                                             required: ["name", "mode", "occupationCode", "provider", "countyCode", "seats", "startsOn", "endsOn"]),
            "TrainingDetail": object(["programme": ref("TrainingProgramme"), "enrolled": integer]),
            "TrainingEnrolment": object(["id": uuid, "programmeID": uuid, "workerID": uuid, "countyCode": string, "enrolledOn": date,
                                         "completedOn": nullableDate, "certifiedOn": nullableDate, "certificateNumber": nullableString,
                                         "employedOn": nullableDate, "droppedOn": nullableDate]),
            "TraineeList": page(of: object(["enrolment": ref("TrainingEnrolment"), "workerName": string,
                                                        "stage": choice(["enrolled", "completed", "certified", "employed", "dropped"])])),
            "WorkerRef": object(["workerId": uuid], required: ["workerId"]),
            "EnrolmentStep": object(["step": choice(["completed", "certified", "employed", "dropped"]), "date": nullableDate,
                                     "certificateNumber": ["type": ["string", "null"], "description": "Required for certified"]], required: ["step"]),
            "GigMarket": object(["id": uuid, "name": string, "countyCode": string, "address": string, "hours": string,
                                 "services": ["type": "array", "items": choice(["matching", "training", "rights_protection", "policy_advice", "rest_area"])],
                                 "phone": nullableString]),
            "GigMarketDraft": object(["name": string, "countyCode": string, "address": string, "hours": string,
                                      "services": ["type": "array", "items": string], "phone": nullableString],
                                     required: ["name", "countyCode", "address", "hours"]),
            "GigTask": object(["id": uuid, "marketID": uuid, "countyCode": string, "title": string, "date": date, "place": string,
                               "pay": integer, "payUnit": choice(["day", "hour"]), "headcount": integer, "description": nullableString]),
            "GigTaskDraft": object(["title": string, "date": date, "place": string, "pay": ["type": "integer", "description": "Fen per day or hour"],
                                    "payUnit": choice(["day", "hour"]), "headcount": integer, "description": nullableString],
                                   required: ["title", "date", "place", "pay", "payUnit", "headcount"]),
            "Gig": object(["gig": ref("GigTask"), "taken": integer]),
            "GigSignup": object(["id": uuid, "taskID": uuid, "workerID": uuid, "countyCode": string,
                                 "status": choice(["signed_up", "completed", "cancelled"]), "signedUpOn": date, "completedOn": nullableDate,
                                 "paid": nullableInteger]),
            "GigSignupList": page(of: object(["signup": ref("GigSignup"), "workerName": string])),
            "GigSignupStatusChange": object(["status": choice(["completed", "cancelled"]), "paid": nullableInteger], required: ["status"]),
            "DirectTrip": object(["id": uuid, "date": date, "fromCounty": string, "destinationCode": string,
                                  "employerIDs": ["type": "array", "items": uuid], "seats": integer,
                                  "passengers": ["type": "array", "items": object(["workerID": uuid, "postingID": uuid])],
                                  "status": choice(["planned", "arrived", "cancelled"]), "arrivedOn": nullableDate, "pairingID": nullableUUID,
                                  "note": nullableString]),
            "DirectTripDraft": object(["date": date, "fromCounty": string, "destinationCode": string,
                                       "employerIds": ["type": "array", "items": uuid], "seats": integer, "note": nullableString],
                                      required: ["date", "fromCounty", "destinationCode", "employerIds", "seats"]),
            "Trip": object(["trip": ref("DirectTrip"), "aboard": integer]),
            "TripPassenger": object(["workerId": uuid, "postingId": uuid], required: ["workerId", "postingId"]),
            "TripPassengerList": page(of: object(["workerId": uuid, "postingId": uuid, "workerName": string,
                                                              "jobTitle": string, "employerName": string])),
            "TripStatusChange": object(["status": choice(["arrived", "cancelled"]), "date": nullableDate], required: ["status"]),
        ]
    }
}
