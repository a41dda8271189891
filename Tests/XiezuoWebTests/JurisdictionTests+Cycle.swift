import Foundation
import XiezuoCore
import XiezuoStore
import XiezuoTestSupport

/// The yearly cycle's routes in the jurisdiction check: 富平县's year, against 柞水县's officer.
extension JurisdictionTests {
    static func cycleCases(year: Int) -> [Case] {
        let base = "/periods/\(year)/610528"
        return [
            Case(method: .GET, route: "/periods", path: "/periods?year=\(year)&region=610528", expect: .hidden),
            Case(method: .GET, route: "/periods/:year/:county", path: base, expect: .refused),
            Case(method: .POST, route: "/periods/:year/:county/:action", path: base + "/submit", body: "", expect: .refused),
            Case(method: .GET, route: "/api/v1/periods", path: "/api/v1/periods?year=\(year)&region=610528", expect: .hidden),
            Case(method: .GET, route: "/api/v1/periods/:year/:county", path: "/api/v1" + base, expect: .refused),
            Case(method: .POST, route: "/api/v1/periods/:year/:county/submit", path: "/api/v1" + base + "/submit", expect: .refused),
            Case(method: .POST, route: "/api/v1/periods/:year/:county/approve", path: "/api/v1" + base + "/approve", expect: .refused),
            Case(method: .POST, route: "/api/v1/periods/:year/:county/return", path: "/api/v1" + base + "/return",
                 body: #"{"reason":"退回重填"}"#, expect: .refused),
            Case(method: .POST, route: "/api/v1/periods/:year/:county/reopen", path: "/api/v1" + base + "/reopen",
                 body: #"{"reason":"重新开放"}"#, expect: .refused),
            Case(method: .POST, route: "/api/v1/periods/:year/:county/comments", path: "/api/v1" + base + "/comments",
                 body: #"{"text":"意见意见"}"#, expect: .refused),
            Case(method: .GET, route: "/periods/grades", path: "/periods/grades?year=\(year)&region=610528", expect: .hidden),
            Case(method: .GET, route: "/api/v1/periods/grades", path: "/api/v1/periods/grades?year=\(year)&region=610528", expect: .hidden),
            Case(method: .POST, route: "/periods/:year/:county/assessment/:part", path: base + "/assessment/self",
                 body: "part_funds=%E8%87%AA%E8%AF%84", expect: .refused),
            Case(method: .GET, route: "/api/v1/periods/:year/:county/assessment", path: "/api/v1" + base + "/assessment", expect: .refused),
            Case(method: .PUT, route: "/api/v1/periods/:year/:county/assessment/self-assessment", path: "/api/v1" + base + "/assessment/self-assessment",
                 body: #"{"parts":{"funds":"自评"}}"#, expect: .refused),
            Case(method: .POST, route: "/api/v1/periods/:year/:county/assessment/partner-comment", path: "/api/v1" + base + "/assessment/partner-comment",
                 body: #"{"text":"意见意见"}"#, expect: .refused),
            Case(method: .PUT, route: "/api/v1/periods/:year/:county/assessment/grade", path: "/api/v1" + base + "/assessment/grade",
                 body: #"{"grade":"good"}"#, expect: .refused),
            Case(method: .GET, route: "/reports/annual", path: "/reports/annual?year=\(year)&region=610528", expect: .refused),
            Case(method: .GET, route: "/placements", path: "/placements?year=\(year)&region=610528", expect: .refused),
            Case(method: .GET, route: "/api/v1/placements", path: "/api/v1/placements?year=\(year)&region=610528", expect: .refused),
            Case(method: .GET, route: "/api/v1/reports/annual", path: "/api/v1/reports/annual?year=\(year)&region=610528", expect: .refused),
        ]
    }
}

extension JurisdictionTests {
    /// 富平县's persons exchanged, village pairing and demonstration village (named 富平劳务… so a page showing them is caught).
    struct CooperationRecords {
        var person: UUID
        var pairing: UUID
        var village: UUID

        static func create(_ t: TestApp, by fuping: Principal) async throws -> CooperationRecords {
            let registers = CooperationRegisters(database: t.app.db, regions: t.regions, clock: t.app.xiezuo.clock)
            let person = try await registers.savePerson(PersonnelExchangeDraft(
                name: "富平劳务某", sex: "male", employer: "富平劳务局", post: "副局长", field: "other", direction: "to_jiangsu", level: "cadre",
                regionCode: "610528", from: "2025-01-01", to: "2025-12-31"), by: fuping)
            let pairing = try await registers.saveVillagePairing(VillagePairingDraft(
                partnerName: "富平劳务结对企业", partnerKind: "enterprise", townshipCode: "610528101", village: "富平劳务村", year: 2025,
                moneyDelivered: 100), by: fuping)
            let village = try await registers.saveDemonstrationVillage(DemonstrationVillageDraft(
                townshipCode: "610528101", village: "富平劳务示范村", year: 2025), by: fuping)
            return CooperationRecords(person: person.id, pairing: pairing.id, village: village.id)
        }
    }

    static func cooperationCases(_ records: CooperationRecords) -> [Case] {
        let person = #"{"name":"x","sex":"male","employer":"x","post":"x","field":"other","direction":"to_jiangsu","level":"cadre","regionCode":"610528","from":"2025-01-01","to":"2025-02-01"}"#
        let pairing = #"{"partnerName":"x","partnerKind":"enterprise","townshipCode":"610528101","village":"x","year":2025}"#
        let village = #"{"townshipCode":"610528101","village":"x","year":2025}"#
        var cases: [Case] = [
            Case(method: .GET, route: "/manage/cooperation", path: "/manage/cooperation?year=2025&region=610528", expect: .hidden),
            Case(method: .GET, route: "/manage/cooperation/:kind/new", path: "/manage/cooperation/persons/new", expect: .hidden),
            Case(method: .POST, route: "/manage/cooperation/:kind", path: "/manage/cooperation/persons",
                 body: "name=x&sex=male&employer=x&post=x&field=other&direction=to_jiangsu&level=cadre&regionCode=610528&from=2025-01-01&to=2025-02-01",
                 expect: .refused),
            Case(method: .GET, route: "/manage/cooperation/:kind/:id/edit", path: "/manage/cooperation/persons/\(records.person)/edit", expect: .refused),
            Case(method: .POST, route: "/manage/cooperation/:kind/:id", path: "/manage/cooperation/pairings/\(records.pairing)",
                 body: "partnerName=x&partnerKind=enterprise&townshipCode=610528101&village=x&year=2025", expect: .refused),
            Case(method: .POST, route: "/manage/cooperation/:kind/:id/delete", path: "/manage/cooperation/villages/\(records.village)/delete",
                 body: "", expect: .refused),
        ]
        for (path, id, body) in [("personnel-exchanges", records.person, person), ("village-pairings", records.pairing, pairing),
                                 ("demonstration-villages", records.village, village)] {
            cases += [
                Case(method: .GET, route: "/api/v1/\(path)", path: "/api/v1/\(path)?region=610528", expect: .hidden),
                Case(method: .POST, route: "/api/v1/\(path)", path: "/api/v1/\(path)", body: body, expect: .refused),
                Case(method: .GET, route: "/api/v1/\(path)/:id", path: "/api/v1/\(path)/\(id)", expect: .refused),
                Case(method: .PUT, route: "/api/v1/\(path)/:id", path: "/api/v1/\(path)/\(id)", body: body, expect: .refused),
                Case(method: .DELETE, route: "/api/v1/\(path)/:id", path: "/api/v1/\(path)/\(id)", expect: .refused),
            ]
        }
        return cases
    }
}
