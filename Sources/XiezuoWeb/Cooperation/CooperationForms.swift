import Vapor
import XiezuoCore
import XiezuoStore

/// The cooperation registers staff enter through forms, and how each one's form reads and writes. Places are named
/// (a picker offers them), never typed as codes; money is typed in 元.
enum CooperationRecordKind: String, CaseIterable, RecordFormKind {
    case persons, pairings, villages

    var entity: String {
        switch self {
        case .persons: "personnel_exchange"
        case .pairings: "village_pairing"
        case .villages: "demonstration_village"
        }
    }

    func fields(_ values: [String: String], errors: [String: String], request: Request,
                choices: [String: [ChoiceOption]]) -> [FormField] {
        func field(_ name: String, _ kind: String = "text", label: String? = nil, required: Bool = false, max: Int = 100,
                   hint: String? = nil) -> FormField {
            FormField(name: name, label: label ?? request.t("field.\(name)"), kind: kind, value: values[name] ?? "", error: errors[name], hint: hint,
                      required: required, max: max)
        }
        func select(_ name: String, _ codes: [String], table: String) -> FormField {
            var select = field(name, "select", required: true)
            select.options = codes.map { ChoiceOption(value: $0, label: request.t("\(table).\($0)"), selected: $0 == values[name]) }
            return select
        }
        func place(_ name: String, levels: String, required: Bool = true, hint: String? = nil) -> FormField {
            var place = field(name, required: required, max: 60, hint: hint)
            place.picker = "region"
            place.pickerLevels = levels
            return place
        }
        let yuan = request.t("manage_industry.yuan")
        func money(_ name: String) -> FormField { field(name, label: request.t("field.\(name)") + "（\(yuan)）", max: 20) }
        switch self {
        case .persons:
            return [field("name", label: request.t("cooperation.person_name"), required: true, max: 30), select("sex", PersonSex.allCases.map(\.rawValue), table: "sex"),
                    select("direction", ExchangeDirection.allCases.map(\.rawValue), table: "exchange_direction"),
                    select("level", ExchangeLevel.allCases.map(\.rawValue), table: "exchange_level"),
                    select("field", ExchangeField.allCases.map(\.rawValue), table: "exchange_field"),
                    field("employer", label: request.t("cooperation.employer"), required: true), field("post", required: true, max: 60),
                    place("regionCode", levels: "city,county", hint: request.t("cooperation.region_hint")),
                    place("partnerCode", levels: "city,county", required: false, hint: request.t("cooperation.partner_hint")),
                    field("from", "date", required: true, max: 10), field("to", "date", required: true, max: 10)]
        case .pairings:
            return [field("partnerName", required: true), select("partnerKind", VillagePartnerKind.allCases.map(\.rawValue), table: "village_partner"),
                    place("partnerRegion", levels: "city,county", required: false, hint: request.t("cooperation.partner_hint")),
                    place("townshipCode", levels: "township", hint: request.t("cooperation.township_hint")),
                    field("village", required: true, max: 60), field("year", "number", required: true, max: 4),
                    money("moneyPledged"), money("goodsPledged"), money("moneyDelivered"), money("goodsDelivered")]
        case .villages:
            return [place("townshipCode", levels: "township", hint: request.t("cooperation.township_hint")), field("village", required: true, max: 60),
                    field("year", "number", required: true, max: 4),
                    select("status", DemonstrationStatus.allCases.map(\.rawValue), table: "demonstration_status"),
                    field("projectCodes", "textarea", label: request.t("cooperation.project_codes"), max: 2000, hint: request.t("cooperation.project_codes_hint")),
                    field("note", "textarea", max: 500)]
        }
    }

    func save(_ values: [String: String], id: UUID?, request: Request, by principal: Principal) async throws -> String {
        let text = { (name: String) -> String? in
            let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines)
            return value?.isEmpty == false ? value : nil
        }
        let shaanxi = { (name: String, levels: Set<RegionLevel>) throws -> String? in try request.place(text(name), field: name, levels: levels, within: "61") }
        let jiangsu = { (name: String) throws -> String? in try request.place(text(name), field: name, levels: [.city, .county], within: "32") }
        let fen = { (name: String) throws -> Int64? in try Formatting.fen(from: values[name], unitFen: 100, field: name) }
        let year = { try IndustryRecordKind.int(values, "year") }
        let back = "/manage/cooperation?year=" + (text("year") ?? String(request.today.year))
        switch self {
        case .persons:
            let draft = PersonnelExchangeDraft(name: text("name"), sex: text("sex"), employer: text("employer"), post: text("post"),
                                               field: text("field"), direction: text("direction"), level: text("level"),
                                               regionCode: try shaanxi("regionCode", [.city, .county]), partnerCode: try jiangsu("partnerCode"),
                                               from: text("from"), to: text("to"))
            let person = try await request.cooperation.savePerson(draft, id: id, by: principal)
            return "/manage/cooperation?year=\(person.from.year)"
        case .pairings:
            let draft = VillagePairingDraft(partnerName: text("partnerName"), partnerKind: text("partnerKind"), partnerRegion: try jiangsu("partnerRegion"),
                                            townshipCode: try shaanxi("townshipCode", [.township]), village: text("village"), year: try year(),
                                            moneyPledged: try fen("moneyPledged"), goodsPledged: try fen("goodsPledged"),
                                            moneyDelivered: try fen("moneyDelivered"), goodsDelivered: try fen("goodsDelivered"))
            _ = try await request.cooperation.saveVillagePairing(draft, id: id, by: principal)
            return back
        case .villages:
            let codes = IndustryRecordKind.lines(values, "projectCodes")
            let found = try await request.projects.ids(forCodes: codes)
            let projects = try codes.map { code -> UUID in
                guard let id = found[code] else { throw DomainError.invalid("projectCodes", "unknown_project_code", ["code": code]) }
                return id
            }
            let draft = DemonstrationVillageDraft(townshipCode: try shaanxi("townshipCode", [.township]), village: text("village"), year: try year(),
                                                  status: text("status"), projectIds: projects, note: text("note"))
            _ = try await request.cooperation.saveDemonstrationVillage(draft, id: id, by: principal)
            return back
        }
    }

    func values(of id: UUID, request: Request, by principal: Principal) async throws -> [String: String] {
        let place = { (code: String?) in code.map { request.services.regions.label($0) } ?? "" }
        let yuan = { (fen: Int64) in Formatting.plain(fen, unitFen: 100) }
        switch self {
        case .persons:
            let person = try await request.cooperation.person(id, by: principal)
            return ["name": person.name, "sex": person.sex.rawValue, "employer": person.employer, "post": person.post, "field": person.field.rawValue,
                    "direction": person.direction.rawValue, "level": person.level.rawValue, "regionCode": place(person.regionCode),
                    "partnerCode": place(person.partnerCode), "from": person.from.description, "to": person.to.description]
        case .pairings:
            let pairing = try await request.cooperation.villagePairing(id, by: principal)
            return ["partnerName": pairing.partnerName, "partnerKind": pairing.partnerKind.rawValue, "partnerRegion": place(pairing.partnerRegion),
                    "townshipCode": place(pairing.townshipCode), "village": pairing.village, "year": String(pairing.year),
                    "moneyPledged": yuan(pairing.moneyPledged), "goodsPledged": yuan(pairing.goodsPledged),
                    "moneyDelivered": yuan(pairing.moneyDelivered), "goodsDelivered": yuan(pairing.goodsDelivered)]
        case .villages:
            let village = try await request.cooperation.demonstrationVillage(id, by: principal)
            let codes = try await request.projects.codes(for: village.projectIDs)
            return ["townshipCode": place(village.townshipCode), "village": village.village, "year": String(village.year),
                    "status": village.status.rawValue, "projectCodes": village.projectIDs.compactMap { codes[$0] }.joined(separator: "\n"),
                    "note": village.note ?? ""]
        }
    }
}
