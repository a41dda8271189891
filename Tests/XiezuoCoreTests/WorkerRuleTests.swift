import Foundation
import Testing
@testable import XiezuoCore

@Suite("Worker rules: ID-card numbers and matching")
struct WorkerRuleTests {
    let today = Day("2026-06-01")!

    @Test("a good number gives its birth date and gender, and masks to its first and last four")
    func goodNumber() throws {
        // The example number of GB 11643-1999.
        let id = try IDCardNumber("11010519491231002x", today: today)
        #expect(id.value == "11010519491231002X")
        #expect(id.birthDate == Day("1949-12-31"))
        #expect(id.gender == .female)
        #expect(id.masked == "1101**********002X")
        let generated = try IDCardNumber(IDCardNumber.completing("61102619900101123"), today: today)
        #expect(generated.gender == .male)
    }

    @Test("bad numbers are refused with the reason", arguments: [
        ("110105194912310021", "id_check_character"), ("11010519491231002", "id_length"), ("1101051949123100211", "id_length"),
        ("11010519491231A02X", "id_characters"), ("", "required"),
    ])
    func badNumbers(text: String, code: String) {
        #expect(throws: DomainError.self) { _ = try IDCardNumber(text, today: today) }
        do { _ = try IDCardNumber(text, today: today) } catch { #expect(error.code == code) }
    }

    @Test("an impossible or future birth date is refused even with a right check character", arguments: ["19900230", "20300101", "18991231"])
    func impossibleBirthDates(birth: String) {
        let number = IDCardNumber.completing("611026" + birth + "123")!
        #expect(throws: DomainError.invalid("idNumber", "id_birth_date")) { _ = try IDCardNumber(number, today: today) }
    }

    @Test("the gender and birth date given must agree with the number")
    func draftAgreesWithNumber() {
        let regions = RegionDirectory([Region(code: "61", name: "陕西省", level: .province, parentCode: nil),
                                       Region(code: "611026", name: "柞水县", level: .county, parentCode: "6110")])
        var draft = WorkerDraft(name: "李四", idNumber: IDCardNumber.completing("61102619900101123"), phone: "13912345678", gender: "female",
                                homeCode: "611026", consent: true, sensitiveConsent: true)
        #expect(throws: DomainError.invalid("gender", "id_gender_mismatch")) { _ = try draft.validated(in: regions, today: today, requireConsent: true) }
        draft.gender = "male"
        draft.birthDate = "1990-01-02"
        #expect(throws: DomainError.invalid("birthDate", "id_birth_mismatch")) { _ = try draft.validated(in: regions, today: today, requireConsent: true) }
        draft.birthDate = "1990-01-01"
        draft.consent = false
        #expect(throws: DomainError.invalid("consent", "consent_required")) { _ = try draft.validated(in: regions, today: today, requireConsent: true) }
        draft.consent = true
        #expect((try? draft.validated(in: regions, today: today, requireConsent: true)) != nil)
    }

    @Test("matching: occupation by the code hierarchy, place by preference and pairing, wage, board and lodging")
    func matchingReasons() {
        let profile = MatchProfile(occupations: ["4-03-02-01"], preferredPlaces: ["3205"], pairedCities: ["320118"], homeCounty: "611026",
                                   minWage: 400_000)
        let prepared = MatchScoring.Prepared(profile)
        func score(_ code: String, county: Int32, wage: Int64 = 600_000, board: Bool = false, lodging: Bool = false) -> MatchScore? {
            MatchScoring.score(prepared, occupation: MatchScoring.Code(code)!.packed, occupationCode: { code }, county: county, wageMax: wage,
                               board: board, lodging: lodging)
        }
        let best = score("4-03-02-01", county: 320118, board: true, lodging: true)!
        #expect(best.score == 40 + 25 + 20 + 10)
        #expect(best.reasons.map(\.code) == ["wished_occupation", "paired_city", "wage_above_minimum", "board_and_lodging"])
        #expect(best.reasons[1].arguments["region"] == "320118")
        #expect(score("4-03-02-03", county: 320506)!.reasons.map(\.code) == ["same_small_group", "preferred_place", "wage_above_minimum"])
        #expect(score("4-03-01-01", county: 611026)!.score == 20 + 20 + 20)
        #expect(score("4-01-01-01", county: 610528)!.reasons.map(\.code) == ["same_major_group", "home_province", "wage_above_minimum"])
        #expect(score("6-01-01-01", county: 110105)!.score == 20)
        #expect(score("4-03-02-01", county: 320118, wage: 399_999) == nil, "below the worker's minimum")
    }

    @Test("the scan's points always equal the scored total with reasons")
    func pointsAgreeWithScore() {
        let codes = ["4-03-02-01", "4-03-02-05", "4-03-01-01", "4-10-03-05", "6-25-04-07", "3-02-02-02", "4-03"]
        let counties: [Int32] = [320118, 320506, 611026, 610528, 110105, 321002]
        let profiles = [
            MatchProfile(occupations: ["4-03-02-01"], preferredPlaces: ["3205"], pairedCities: ["320118", "3201"], homeCounty: "611026", minWage: 400_000),
            MatchProfile(occupations: ["4-03", "6"], preferredPlaces: [], pairedCities: [], homeCounty: "610528", minWage: 0),
            MatchProfile(occupations: [], preferredPlaces: ["32", "611026"], pairedCities: ["3211"], homeCounty: "611026", minWage: 700_000),
        ]
        for profile in profiles {
            let prepared = MatchScoring.Prepared(profile)
            for code in codes.filter({ $0.count == 10 }) {
                for county in counties {
                    for wage: Int64 in [300_000, 500_000, 800_000] {
                        for (board, lodging) in [(false, false), (true, false), (true, true)] {
                            let packed = MatchScoring.Code(code)!.packed
                            let points = MatchScoring.points(prepared, occupation: packed, county: county, wageMax: wage, board: board, lodging: lodging)
                            let scored = MatchScoring.score(prepared, occupation: packed, occupationCode: { code }, county: county, wageMax: wage,
                                                            board: board, lodging: lodging)
                            #expect(points == (scored?.score ?? -1), "\(code) \(county) \(wage)")
                        }
                    }
                }
            }
        }
    }

    @Test("the index returns the best job of each duplicate group, best first, and leaves out jobs below the minimum")
    func indexMatches() {
        var index = JobSearchIndex()
        let today = Day("2026-06-01")!
        func entry(_ n: Int, _ code: String, _ county: String, wage: Int64, benefits: [Benefit] = [], key: String? = nil) -> JobSearchIndex.Entry {
            JobSearchIndex.Entry(id: UUID(), title: "岗位\(n)", description: "", countyCode: county, occupationCode: code, wageMax: wage,
                                 benefits: benefits, validThrough: Day("2026-12-31")!, postedAt: Date(timeIntervalSince1970: Double(1_700_000_000 + n)),
                                 duplicateKey: key ?? "k\(n)")
        }
        let best = entry(1, "4-03-02-01", "320118", wage: 800_000, benefits: [.board, .lodging], key: "same")
        let copy = entry(2, "4-03-02-01", "320118", wage: 800_000, benefits: [.board], key: "same")
        let near = entry(3, "4-03-02-05", "320118", wage: 800_000)
        let low = entry(4, "4-03-02-01", "320118", wage: 300_000, benefits: [.board, .lodging])
        let far = entry(5, "6-25-04-07", "110105", wage: 900_000)
        for item in [best, copy, near, low, far] { index.upsert(item) }
        let profile = MatchProfile(occupations: ["4-03-02-01"], preferredPlaces: [], pairedCities: ["320118"], homeCounty: "611026", minWage: 400_000)
        let matches = index.matches(for: profile, today: today, limit: 10)
        #expect(matches.map(\.postingID) == [best.id, near.id, far.id])
        #expect(matches.map(\.score.score) == [95, 75, 20])
        #expect(index.matches(for: profile, today: today, limit: 1).map(\.postingID) == [best.id])
    }
}
