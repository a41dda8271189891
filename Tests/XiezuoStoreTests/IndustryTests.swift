import Foundation
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Featured industries, parks, enterprises and enclaves")
struct IndustryTests {
    let today = Day("2025-12-31")!

    func actual(_ t: TestApp, _ region: String, _ code: String, year: Int = 2025) async throws -> Int64? {
        let admin = try await t.principal("admin")
        return try await t.dashboards.region(region, year: year, by: admin, today: today).figures.first { $0.code == code }!.actual
    }

    @Test("the pipeline moves one step at a time; an illegal jump is refused and changes nothing", arguments: TestDatabase.all)
    func pipeline(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let enterprise = try await t.enterprises.create(sampleEnterprise(), by: admin, today: today)
            #expect(enterprise.status == .lead)
            for target in [EnterpriseStatus.signed, .underConstruction, .operating, .lead] {
                await #expect(throws: DomainError.invalid("status", "illegal_pipeline_move", ["from": "lead", "to": target.rawValue])) {
                    _ = try await t.enterprises.move(enterprise.id, to: target, by: admin, today: today)
                }
            }
            #expect(try await t.enterprises.get(enterprise.id, by: admin).status == .lead)
            _ = try await t.enterprises.move(enterprise.id, to: .negotiating, on: Day("2025-01-10"), by: admin, today: today)
            _ = try await t.enterprises.move(enterprise.id, to: .signed, on: Day("2025-02-10"), by: admin, today: today)
            await #expect(throws: DomainError.invalid("date", "in_future")) {
                _ = try await t.enterprises.move(enterprise.id, to: .underConstruction, on: Day("2026-01-01"), by: admin, today: today)
            }
            await #expect(throws: DomainError.invalid("date", "before_previous_step")) {
                _ = try await t.enterprises.move(enterprise.id, to: .underConstruction, on: Day("2025-02-01"), by: admin, today: today)
            }
            #expect(try await actual(t, "611002", "enterprises_landed") == 0)
            let landed = try await t.enterprises.move(enterprise.id, to: .underConstruction, on: Day("2025-04-01"), by: admin, today: today)
            #expect(landed.landedOn == Day("2025-04-01"))
            await #expect(throws: DomainError.invalid("status", "illegal_pipeline_move", ["from": "under_construction", "to": "lost"])) {
                _ = try await t.enterprises.move(enterprise.id, to: .lost, by: admin, today: today)
            }
            let operating = try await t.enterprises.move(enterprise.id, to: .operating, on: Day("2025-09-01"), by: admin, today: today)
            #expect(operating.status == .operating)
            #expect(operating.signedOn == Day("2025-02-10"))
            // A lost lead can be taken up again.
            let other = try await t.enterprises.create(sampleEnterprise("流失测试企业"), by: admin, today: today)
            _ = try await t.enterprises.move(other.id, to: .lost, by: admin, today: today)
            #expect(try await t.enterprises.move(other.id, to: .lead, by: admin, today: today).status == .lead)
        }
    }

    @Test("a landing books the enterprise, its investment and jobs for the county, the city, the province and the pairing",
          arguments: TestDatabase.all)
    func landing(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let park = try await t.parks.create(samplePark(), by: admin, today: today)
            let enterprise = try await t.enterprises.create(sampleEnterprise(park: park.id), by: admin, today: today)
            #expect(enterprise.countyCode == "611002")
            let nanjing = try await t.pairing("3201", "6110")
            #expect(enterprise.pairingID == nanjing.id)
            for status in [EnterpriseStatus.negotiating, .signed] {
                _ = try await t.enterprises.move(enterprise.id, to: status, on: Day("2025-03-01"), by: admin, today: today)
            }
            #expect(try await actual(t, "61", "enterprises_landed") == 0)
            _ = try await t.enterprises.move(enterprise.id, to: .underConstruction, on: Day("2025-05-20"), by: admin, today: today)
            for region in ["611002", "6110", "61", "3201", "32"] {
                #expect(try await actual(t, region, "enterprises_landed") == 1, "\(region)")
                #expect(try await actual(t, region, "enterprise_investment") == 100_000_000_00, "\(region)")
                #expect(try await actual(t, region, "enterprise_jobs") == 120, "\(region)")
                #expect(try await actual(t, region, "enterprise_jobs_rural") == 80, "\(region)")
                #expect(try await actual(t, region, "enterprise_jobs_poverty_lifted") == 20, "\(region)")
            }
            let pairing = try await t.dashboards.pairing(nanjing.id, year: 2025, by: admin, today: today)
            #expect(pairing.figures.first { $0.code == "enterprises_landed" }?.actual == 1)
            // A flow indicator: the landing counts in 2025 only.
            #expect(try await actual(t, "611002", "enterprises_landed", year: 2026) == 0)
            // More money in place moves the investment in the landing's month.
            var draft = sampleEnterprise(park: park.id)
            draft.actualInvestment = 150_000_000_00
            _ = try await t.enterprises.update(enterprise.id, with: draft, by: admin, today: today)
            #expect(try await actual(t, "611002", "enterprise_investment") == 150_000_000_00)
            // An enterprise from a city not paired with the county counts for the county but no pairing.
            let suzhou = try await t.enterprises.create(sampleEnterprise("苏州测试企业", county: "611002", origin: "3205"), by: admin, today: today)
            #expect(suzhou.pairingID == nil)
            let before = try await t.facts.snapshot()
            #expect(try await t.facts.rebuild() > 0)
            #expect(try await t.facts.snapshot() == before)
        }
    }

    @Test("coverage: a county counts once however many industries or parks it has, and every later year shows it",
          arguments: TestDatabase.all)
    func coverage(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let code = IndicatorCatalogue.coverageSpecialty
            #expect(try await actual(t, "61", code) == 0)
            let fungus = try await t.industries.create(sampleIndustry(), by: admin, today: today)
            let second = try await t.industries.create(sampleIndustry("柞水板栗", role: "first", since: 2023), by: admin, today: today)
            #expect(try await actual(t, "61", code) == 1)
            #expect(try await actual(t, "6110", code) == 1)
            #expect(try await actual(t, "61", code, year: 2020) == 0)
            #expect(try await actual(t, "61", code, year: 2021) == 1)
            _ = try await t.industries.create(sampleIndustry("富平柿饼", county: "610528", since: 2020), by: admin, today: today)
            #expect(try await actual(t, "61", code) == 2)
            try await t.industries.delete(fungus.id, by: admin)
            #expect(try await actual(t, "61", code) == 2)
            #expect(try await actual(t, "61", code, year: 2022) == 1, "柞水 now counts from 2023, its remaining industry's year")
            try await t.industries.delete(second.id, by: admin)
            #expect(try await actual(t, "61", code) == 1)

            let parkCode = IndicatorCatalogue.coveragePark
            _ = try await t.parks.create(samplePark(), by: admin, today: today)
            _ = try await t.parks.create(samplePark("商州第二园区", established: "2024-03-01"), by: admin, today: today)
            let planned = try await t.parks.create(samplePark("丹澄产业园", county: "610525", partner: "3211", established: nil), by: admin, today: today)
            #expect(try await actual(t, "61", parkCode) == 1)
            #expect(try await actual(t, "61", "parks_cobuilt") == 2)
            #expect(try await actual(t, "61", "parks_cobuilt", year: 2023) == 1)
            var draft = samplePark("丹澄产业园", county: "610525", partner: "3211", established: "2025-06-01")
            _ = try await t.parks.update(planned.id, with: draft, by: admin, today: today)
            #expect(try await actual(t, "61", parkCode) == 2)
            #expect(try await actual(t, "61", "parks_cobuilt") == 3)
            draft.countyCode = "610528"
            _ = try await t.parks.update(planned.id, with: draft, by: admin, today: today)
            #expect(try await actual(t, "610525", parkCode) == 0)
            #expect(try await actual(t, "610528", parkCode) == 1)
            let before = try await t.facts.snapshot()
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == before)
        }
    }

    @Test("enclave shares must sum to 100 % and not overlap; the report splits each year's figures", arguments: TestDatabase.all)
    func enclave(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let ordinary = try await t.parks.create(samplePark(), by: admin, today: today)
            let good = EnclaveShareDraft(sendingCode: "3201", fromYear: 2024, toYear: 2026, outputSending: 4000, outputHosting: 6000,
                                         taxSending: 5000, taxHosting: 5000, gdpSending: 3000, gdpHosting: 7000)
            await #expect(throws: DomainError.invalid("parkId", "park_not_enclave")) {
                _ = try await t.enclaves.addShare(to: ordinary.id, good, by: admin)
            }
            let enclave = try await t.parks.create(samplePark("宁商飞地园", form: "enclave"), by: admin, today: today)
            var bad = good
            bad.taxHosting = 4000
            await #expect(throws: DomainError.invalid("taxHosting", "shares_not_100", ["sum": "90%"])) {
                _ = try await t.enclaves.addShare(to: enclave.id, bad, by: admin)
            }
            bad = good
            bad.sendingCode = "3205"
            await #expect(throws: DomainError.invalid("sendingCode", "not_park_side")) {
                _ = try await t.enclaves.addShare(to: enclave.id, bad, by: admin)
            }
            #expect(try await t.count("enclave_shares") == 0)
            let share = try await t.enclaves.addShare(to: enclave.id, good, by: admin)
            #expect(share.hostingCode == "611002")
            var overlapping = good
            overlapping.fromYear = 2026
            overlapping.toYear = nil
            await #expect(throws: DomainError.invalid("fromYear", "share_period_overlaps")) {
                _ = try await t.enclaves.addShare(to: enclave.id, overlapping, by: admin)
            }
            _ = try await t.enclaves.setFigures(ParkFigures(parkID: enclave.id, year: 2025, outputValue: 1_000_001, taxRevenue: 200_000, gdp: 500_000),
                                                by: admin, today: today)
            let report = try await t.enclaves.report(year: 2025, by: admin)
            #expect(report.count == 1)
            #expect(report[0].sendingOutput == 400_000)
            #expect(report[0].hostingOutput == 600_001)
            #expect(report[0].sendingTax == 100_000)
            #expect(report[0].hostingGDP == 350_000)
            let empty = try await t.enclaves.report(year: 2023, by: admin)
            #expect(empty[0].share == nil && empty[0].sendingOutput == nil)
            // A park with shares stays an enclave.
            await #expect(throws: DomainError.invalid("form", "enclave_has_shares")) {
                _ = try await t.parks.update(enclave.id, with: samplePark("宁商飞地园", form: "park_in_park"), by: admin, today: today)
            }
            // …with the same two sides.
            await #expect(throws: DomainError.invalid("partnerCode", "enclave_has_shares")) {
                _ = try await t.parks.update(enclave.id, with: samplePark("宁商飞地园", partner: "3205", form: "enclave"), by: admin, today: today)
            }
            // Figures belong to enclaves only.
            await #expect(throws: DomainError.invalid("parkId", "park_not_enclave")) {
                _ = try await t.enclaves.setFigures(ParkFigures(parkID: ordinary.id, year: 2025, outputValue: 1, taxRevenue: 1, gdp: 1),
                                                    by: admin, today: today)
            }
            // Splits are exact to the fen even near the largest amounts.
            let split = ShareSplit(sending: 9809, hosting: 191).split(936_044_826_911)
            #expect(split.sending == 918_166_370_716 && split.sending + split.hosting == 936_044_826_911)
        }
    }

    @Test("officers change only their county's records and see other counties' leads not at all", arguments: TestDatabase.all)
    func jurisdiction(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let zhashui = try await t.principal("zhashui-officer")
            let fuping = try await t.principal("fuping-officer")
            await #expect(throws: DomainError.forbidden) {
                _ = try await t.industries.create(sampleIndustry("富平柿饼", county: "610528"), by: zhashui, today: today)
            }
            let industry = try await t.industries.create(sampleIndustry("富平柿饼", county: "610528"), by: fuping, today: today)
            await #expect(throws: DomainError.notFound("industry")) {
                _ = try await t.industries.update(industry.id, with: sampleIndustry("富平柿饼", county: "611026"), by: zhashui, today: today)
            }
            await #expect(throws: DomainError.notFound("industry")) { try await t.industries.delete(industry.id, by: zhashui) }
            let lead = try await t.enterprises.create(sampleEnterprise("富平线索企业", county: "610528", origin: "3205"), by: fuping, today: today)
            let signed = try await t.enterprises.create(sampleEnterprise("富平签约企业", county: "610528", origin: "3205"), by: fuping, today: today)
            _ = try await t.enterprises.move(signed.id, to: .negotiating, by: fuping, today: today)
            _ = try await t.enterprises.move(signed.id, to: .signed, by: fuping, today: today)
            await #expect(throws: DomainError.notFound("enterprise")) {
                _ = try await t.enterprises.move(signed.id, to: .underConstruction, by: zhashui, today: today)
            }
            await #expect(throws: DomainError.notFound("enterprise")) { _ = try await t.enterprises.get(lead.id, by: zhashui) }
            await #expect(throws: DomainError.notFound("enterprise")) { _ = try await t.enterprises.get(lead.id, by: .anonymous) }
            #expect(try await t.enterprises.get(signed.id, by: .anonymous).name == "富平签约企业")
            #expect(try await t.enterprises.list(EnterpriseFilter(), by: zhashui).items.map(\.name) == ["富平签约企业"])
            #expect(try await t.enterprises.list(EnterpriseFilter(), by: fuping).total == 2)
            #expect(try await t.enterprises.list(EnterpriseFilter(), by: admin).total == 2)
            #expect(try await t.enterprises.get(signed.id, by: zhashui).status == .signed)
            // Updating an id that does not exist is a 404, not a create.
            await #expect(throws: DomainError.notFound("industry")) {
                _ = try await t.industries.update(UUID(), with: sampleIndustry("富平柿饼", county: "610528"), by: fuping, today: today)
            }
            await #expect(throws: DomainError.notFound("park")) {
                _ = try await t.parks.update(UUID(), with: samplePark(county: "610528", partner: "3211"), by: fuping, today: today)
            }
            await #expect(throws: DomainError.notFound("enterprise")) {
                _ = try await t.enterprises.update(UUID(), with: sampleEnterprise(county: "610528", origin: "3205"), by: fuping, today: today)
            }
            // The home city's staff read the audit log of their side, but never a lead's entries.
            let jiangsu = try await t.principal("jiangsu-coordinator")
            let seen = try await t.audit.list(AuditFilter(entity: "enterprise"), by: jiangsu).items.map(\.entityID)
            #expect(!seen.contains(lead.id.uuidString))
            #expect(!seen.contains(signed.id.uuidString), "its entries were made while it was a lead")
            // Nothing was written by the refused attempts.
            #expect(try await t.industries.get(industry.id).countyCode == "610528")
            #expect(try await actual(t, "61", "enterprises_landed") == 0)
        }
    }
}
