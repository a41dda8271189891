import Foundation
import PropertyBased
import Testing
import XiezuoCore
@testable import XiezuoStore
import XiezuoTestSupport

@Suite("Persons exchanged, village pairings and demonstration villages: figures, jurisdiction, incremental facts equal a rebuild")
struct CooperationTests {
    func registers(_ t: TestApp) -> CooperationRegisters { CooperationRegisters(database: t.app.db, regions: t.regions, clock: t.app.xiezuo.clock) }

    static func person(_ name: String = "王某某", county: String = "611026", direction: String = "to_shaanxi", level: String = "cadre",
                       from: String = "2024-07-01", to: String = "2025-06-30") -> PersonnelExchangeDraft {
        PersonnelExchangeDraft(name: name, sex: "male", employer: "南京市鼓楼医院", post: "挂职副县长", field: "health", direction: direction, level: level,
                               regionCode: county, partnerCode: "320118", from: from, to: to)
    }

    static func pairing(_ partner: String = "雨润食品", township: String = "611026101", village: String = "金米村", year: Int = 2025,
                        delivered: Int64 = 300_000) -> VillagePairingDraft {
        VillagePairingDraft(partnerName: partner, partnerKind: "enterprise", partnerRegion: "320118", townshipCode: township, village: village,
                            year: year, moneyPledged: 500_000, goodsPledged: 100_000, moneyDelivered: delivered, goodsDelivered: 50_000)
    }

    @Test("the figures: a posting counts in each year it touches, with its days; a village once however many pair with it; designated villages from their year",
          arguments: TestDatabase.all)
    func figures(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = try await t.principal("zhashui-officer")
            let registers = registers(t)
            try await registers.savePerson(Self.person(), by: officer)
            try await registers.savePerson(Self.person("李某某", direction: "to_jiangsu", level: "professional", from: "2025-03-01", to: "2025-03-31"),
                                           by: officer)
            #expect(try await t.actual("611026", "personnel_to_shaanxi", year: 2024) == 1)
            #expect(try await t.actual("611026", "personnel_to_shaanxi", year: 2025) == 1)
            #expect(try await t.actual("611026", "personnel_to_jiangsu", year: 2025) == 1)
            #expect(try await t.actual("611026", "personnel_cadres", year: 2025) == 1)
            #expect(try await t.actual("6110", "personnel_professionals", year: 2025) == 1)
            #expect(try await t.actual("611026", "personnel_days", year: 2024) == 184)
            #expect(try await t.actual("61", "personnel_days", year: 2025) == 181 + 31)
            #expect(try await registers.persons(year: 2024, by: officer).items.map(\.name) == ["王某某"])

            let first = try await registers.saveVillagePairing(Self.pairing(), by: officer)
            try await registers.saveVillagePairing(Self.pairing("江苏省慈善总会"), by: officer)
            try await registers.saveVillagePairing(Self.pairing(village: "朱家湾村", delivered: 0), by: officer)
            #expect(try await t.actual("611026", "village_pairings", year: 2025) == 3)
            #expect(try await t.actual("611026", "village_pairing_villages", year: 2025) == 2)
            #expect(try await t.actual("611026", "village_pairing_delivered", year: 2025) == 300_000 * 2 + 50_000 * 3)
            try await registers.deleteVillagePairing(first.id, by: officer)
            #expect(try await t.actual("611026", "village_pairing_villages", year: 2025) == 2)
            #expect(try await t.actual("611026", "village_pairings", year: 2025) == 2)

            let project = try await t.projects.create(sampleProject("ZS-DV", year: 2025), status: .approved, by: officer)
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 900_000, date: "2025-02-01"), by: officer)
            _ = try await t.flows.record(on: project.id, FlowDraft(type: "disbursement", source: "jiangsu_aid", amount: 400_000, date: "2025-03-01"), by: officer)
            let village = try await registers.saveDemonstrationVillage(DemonstrationVillageDraft(townshipCode: "611026101", village: "朱家湾村",
                                                                                                  year: 2024, projectIds: [project.id]), by: officer)
            #expect(village.status == .building)
            #expect(try await t.actual("611026", "demonstration_villages", year: 2026) == 1)
            #expect(try await t.actual("611026", "demonstration_villages", year: 2023) == 0)
            #expect(try await registers.funding(of: [village]) == [village.id: 400_000])

            let booked = try await t.facts.snapshot()
            try await t.facts.rebuild()
            #expect(try await t.facts.snapshot() == booked)
        }
    }

    @Test("jurisdiction and validation: another county's staff do not see or change them; bad fields are refused by name, nothing written",
          arguments: TestDatabase.all)
    func rules(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let officer = try await t.principal("zhashui-officer")
            let fuping = try await t.principal("fuping-officer")
            let registers = registers(t)
            let person = try await registers.savePerson(Self.person(), by: officer)
            await #expect(throws: DomainError.notFound("personnel_exchange")) { try await registers.person(person.id, by: fuping) }
            await #expect(throws: DomainError.notFound("personnel_exchange")) { try await registers.deletePerson(person.id, by: fuping) }
            await #expect(throws: DomainError.forbidden) { try await registers.savePerson(Self.person(), by: fuping) }
            await #expect(throws: DomainError.forbidden) {
                try await registers.persons(by: Principal(accountID: UUID(), name: "w", role: .worker, jurisdiction: nil))
            }
            #expect(try await registers.persons(by: fuping).items.isEmpty)
            // A city's staff see and keep their counties' records.
            #expect(try await registers.persons(by: try await t.principal("shangluo-officer")).items.count == 1)

            let cases: [(PersonnelExchangeDraft, String, String)] = [
                (Self.person(from: "2025-07-01", to: "2025-06-30"), "to", "ends_before_start"),
                (Self.person(from: "2019-01-01", to: "2025-06-30"), "to", "posting_too_long"),
                (Self.person(county: "320118"), "regionCode", "not_shaanxi_county_or_city"),
                (PersonnelExchangeDraft(name: "x", sex: "unknown", employer: "x", post: "x", field: "health", direction: "to_shaanxi", level: "cadre",
                                        regionCode: "611026", from: "2025-01-01", to: "2025-02-01"), "sex", "unknown_choice"),
            ]
            for (draft, field, code) in cases {
                do {
                    _ = try await registers.savePerson(draft, by: officer)
                    Issue.record("\(code) accepted")
                } catch let error as DomainError {
                    #expect(error.field == field && error.code == code, "\(code): \(error)")
                }
            }
            #expect(try await t.count("personnel_exchanges") == 1)
            do {
                _ = try await registers.saveVillagePairing(Self.pairing(township: "611026"), by: officer)
                Issue.record("a county taken for a township")
            } catch let error as DomainError { #expect(error.code == "not_shaanxi_township") }
            do {
                _ = try await registers.saveVillagePairing(Self.pairing(year: t.today.year + 1), by: officer)
                Issue.record("a pairing of next year")
            } catch let error as DomainError { #expect(error.code == "in_future") }
            let other = try await t.projects.create(sampleProject("FP-DV", county: "610528", year: 2025), status: .approved, by: try await t.principal("admin"))
            do {
                _ = try await registers.saveDemonstrationVillage(DemonstrationVillageDraft(townshipCode: "611026101", village: "x", year: 2025,
                                                                                           projectIds: [other.id]), by: officer)
                Issue.record("another county's project linked")
            } catch let error as DomainError { #expect(error.field == "projectIds" && error.code == "unknown_project") }
            #expect(try await t.count("village_pairings") == 0)
            #expect(try await t.count("demonstration_villages") == 0)
            // A locked year refuses them too.
            let admin = try await t.principal("admin")
            for action in [PeriodAction.submit, .approve, .approve] { try await t.periods.act(action, year: 2025, county: "611026", text: nil, by: admin) }
            do {
                _ = try await registers.saveVillagePairing(Self.pairing(), by: officer)
                Issue.record("a pairing in a locked year")
            } catch let error as DomainError { #expect(error.code == "period_locked") }
            #expect(try await t.count("village_pairings") == 0)
        }
    }

    @Test("random writes to the three registers, then rebuild", .shrinking(false), arguments: TestDatabase.all)
    func incrementalEqualsRebuild(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let admin = try await t.principal("admin")
            let registers = registers(t)
            let townships = ["611026101", "611026102", "610528101"]
            var persons: [UUID] = [], pairings: [UUID] = [], villages: [UUID] = []
            func apply(_ steps: [Int]) async throws {
                for step in steps {
                    let township = townships[step % townships.count]
                    let county = String(township.prefix(6))
                    let year = 2023 + step % 3
                    do {
                        switch step % 7 {
                        case 0, 1:
                            let draft = Self.person("人员\(step)", county: county, direction: step % 2 == 0 ? "to_shaanxi" : "to_jiangsu",
                                                   level: step % 3 == 0 ? "cadre" : "professional", from: "\(year)-0\(1 + step % 9)-01",
                                                   to: "\(year + step % 2)-1\(step % 3)-15")
                            if step % 7 == 1, !persons.isEmpty {
                                try await registers.savePerson(draft, id: persons[step % persons.count], by: admin)
                            } else {
                                persons.append(try await registers.savePerson(draft, by: admin).id)
                            }
                        case 2, 3:
                            let draft = Self.pairing("企业\(step % 4)", township: township, village: ["金米村", "朱家湾村"][step % 2], year: year,
                                                     delivered: Int64(step * 100))
                            if step % 7 == 3, !pairings.isEmpty {
                                try await registers.saveVillagePairing(draft, id: pairings[step % pairings.count], by: admin)
                            } else {
                                pairings.append(try await registers.saveVillagePairing(draft, by: admin).id)
                            }
                        case 4:
                            villages.append(try await registers.saveDemonstrationVillage(
                                DemonstrationVillageDraft(townshipCode: township, village: "示范村\(step)", year: year), by: admin).id)
                        case 5:
                            if !pairings.isEmpty { try await registers.deleteVillagePairing(pairings.remove(at: step % pairings.count), by: admin) }
                        default:
                            if !persons.isEmpty { try await registers.deletePerson(persons.remove(at: step % persons.count), by: admin) }
                            if !villages.isEmpty, step % 2 == 0 {
                                try await registers.deleteDemonstrationVillage(villages.remove(at: step % villages.count), by: admin)
                            }
                        }
                    } catch let error as DomainError where error.kind == .validation {
                        // Writes the rules refuse are part of the sequence too.
                    }
                }
                let incremental = try await t.facts.snapshot()
                try await t.facts.rebuild()
                #expect(incremental == (try await t.facts.snapshot()))
            }
            try await apply([0, 2, 9, 4])
            #expect(try await t.actual("61", "village_pairing_villages", year: 2025) == 1)
            #expect(try await t.actual("611026", "village_pairing_villages", year: 2023) == 1)
            await propertyCheck(count: database.isSQLite ? 20 : 8, input: Gen.int(in: 0...9999).array(of: 4...20)) { steps in
                try await apply(steps)
            }
        }
    }
}
