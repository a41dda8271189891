import Foundation
import Testing
@testable import XiezuoCore

@Suite("Pairing rules")
struct PairingRuleTests {
    let regions = RegionDirectory([
        Region(code: "32", name: "江苏省", level: .province, parentCode: nil),
        Region(code: "3201", name: "南京市", level: .city, parentCode: "32"),
        Region(code: "320118", name: "高淳区", level: .county, parentCode: "3201"),
        Region(code: "61", name: "陕西省", level: .province, parentCode: nil),
        Region(code: "6110", name: "商洛市", level: .city, parentCode: "61"),
        Region(code: "611026", name: "柞水县", level: .county, parentCode: "6110"),
    ])

    @Test func validCountyPairing() throws {
        let valid = try PairingDraft(eastCode: "320118", westCode: "611026", validFrom: 2017, note: " 结对 ").validated(in: regions)
        #expect(valid.east.name == "高淳区")
        #expect(valid.west.name == "柞水县")
        #expect(valid.note == "结对")
    }

    @Test("each broken rule names its field", arguments: [
        (PairingDraft(eastCode: nil, westCode: "611026", validFrom: 2020), "eastCode", "required"),
        (PairingDraft(eastCode: "999999", westCode: "611026", validFrom: 2020), "eastCode", "unknown_region"),
        (PairingDraft(eastCode: "611026", westCode: "320118", validFrom: 2020), "eastCode", "not_in_jiangsu"),
        (PairingDraft(eastCode: "320118", westCode: "3201", validFrom: 2020), "westCode", "not_in_shaanxi"),
        (PairingDraft(eastCode: "3201", westCode: "611026", validFrom: 2020), "westCode", "pairing_level_mismatch"),
        (PairingDraft(eastCode: "32", westCode: "61", validFrom: 2020), "eastCode", "pairing_level"),
        (PairingDraft(eastCode: "3201", westCode: "6110", validFrom: nil), "validFrom", "required"),
        (PairingDraft(eastCode: "3201", westCode: "6110", validFrom: 1800), "validFrom", "year_out_of_range"),
        (PairingDraft(eastCode: "3201", westCode: "6110", validFrom: 2020, validTo: 2019), "validTo", "end_before_start"),
        (PairingDraft(eastCode: "3201", westCode: "6110", validFrom: 2020, note: String(repeating: "长", count: 501)), "note", "too_long"),
    ])
    func refusals(draft: PairingDraft, field: String, code: String) {
        #expect(throws: DomainError.invalid(field, code, code == "too_long" ? ["max": "500"] : code == "unknown_region" ? ["code": "999999"] : [:])) {
            try draft.validated(in: regions)
        }
    }

    @Test func activeYears() {
        let pairing = Pairing(id: UUID(), eastCode: "3201", westCode: "6110", level: .city, validFrom: 2017, validTo: 2021,
                              confidence: "recorded", note: nil)
        #expect(!pairing.isActive(in: 2016))
        #expect(pairing.isActive(in: 2017))
        #expect(pairing.isActive(in: 2021))
        #expect(!pairing.isActive(in: 2022))
        var open = pairing
        open.validFrom = nil
        open.validTo = nil
        #expect(open.isActive(in: 1990))
    }

    @Test func patchEndsAPairing() throws {
        let pairing = Pairing(id: UUID(), eastCode: "3201", westCode: "6110", level: .city, validFrom: 2017, validTo: nil,
                              confidence: "reported", note: nil)
        #expect(try PairingPatch(validTo: 2024).applied(to: pairing).validTo == 2024)
        #expect(throws: DomainError.invalid("validTo", "end_before_start")) { try PairingPatch(validTo: 2016).applied(to: pairing) }
        #expect(throws: DomainError.invalid("validTo", "nothing_to_change")) { try PairingPatch().applied(to: pairing) }
    }
}
