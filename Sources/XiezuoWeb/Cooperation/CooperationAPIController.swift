import Vapor
import XiezuoCore
import XiezuoStore

/// Persons exchanged, village pairings and demonstration villages: staff of the region read and keep them.
struct CooperationAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        let persons = api.grouped("personnel-exchanges")
        persons.get(use: listPersons)
        persons.post { try await created(try await $0.cooperation.savePerson(try $0.decodeJSON(PersonnelExchangeDraft.self), by: try $0.signedIn()), $0) }
        persons.get(":id") { try await $0.cooperation.person(try $0.uuidParameter(entity: "personnel_exchange"), by: try $0.signedIn()) }
        persons.put(":id") { request in
            try await request.cooperation.savePerson(try request.decodeJSON(PersonnelExchangeDraft.self),
                                                     id: try request.uuidParameter(entity: "personnel_exchange"), by: try request.signedIn())
        }
        persons.delete(":id") { request -> HTTPStatus in
            try await request.cooperation.deletePerson(try request.uuidParameter(entity: "personnel_exchange"), by: try request.signedIn())
            return .noContent
        }
        let pairings = api.grouped("village-pairings")
        pairings.get(use: listVillagePairings)
        pairings.post { try await created(try await $0.cooperation.saveVillagePairing(try $0.decodeJSON(VillagePairingDraft.self), by: try $0.signedIn()), $0) }
        pairings.get(":id") { try await $0.cooperation.villagePairing(try $0.uuidParameter(entity: "village_pairing"), by: try $0.signedIn()) }
        pairings.put(":id") { request in
            try await request.cooperation.saveVillagePairing(try request.decodeJSON(VillagePairingDraft.self),
                                                             id: try request.uuidParameter(entity: "village_pairing"), by: try request.signedIn())
        }
        pairings.delete(":id") { request -> HTTPStatus in
            try await request.cooperation.deleteVillagePairing(try request.uuidParameter(entity: "village_pairing"), by: try request.signedIn())
            return .noContent
        }
        let villages = api.grouped("demonstration-villages")
        villages.get(use: listDemonstrationVillages)
        villages.post { request in
            try await created(try await request.cooperation.saveDemonstrationVillage(try request.decodeJSON(DemonstrationVillageDraft.self),
                                                                                     by: try request.signedIn()), request)
        }
        villages.get(":id") { request -> DemonstrationVillageDTO in
            let village = try await request.cooperation.demonstrationVillage(try request.uuidParameter(entity: "demonstration_village"),
                                                                            by: try request.signedIn())
            return DemonstrationVillageDTO(village, funding: try await request.cooperation.funding(of: [village])[village.id] ?? 0)
        }
        villages.put(":id") { request in
            try await request.cooperation.saveDemonstrationVillage(try request.decodeJSON(DemonstrationVillageDraft.self),
                                                                   id: try request.uuidParameter(entity: "demonstration_village"), by: try request.signedIn())
        }
        villages.delete(":id") { request -> HTTPStatus in
            try await request.cooperation.deleteDemonstrationVillage(try request.uuidParameter(entity: "demonstration_village"), by: try request.signedIn())
            return .noContent
        }
    }

    func created(_ record: some Content, _ request: Request) async throws -> Response {
        try await record.encodeResponse(status: .created, for: request)
    }

    static let operations: [APIOperation] = {
        let id = APIOperation.Parameter.path("id", "Record id")
        let filter: [APIOperation.Parameter] = [.query("region", "Region code (subtree)"), .query("year", "Year", type: "integer")]
        func crud(_ path: String, _ name: String, _ schema: String, list: String, extra: [APIOperation.Parameter] = [],
                  shown: String? = nil) -> [APIOperation] {
            [
                APIOperation(.GET, "/api/v1/\(path)", tag: "cooperation", summary: list, parameters: filter + extra + APIOperation.Parameter.paging,
                             response: .list(shown ?? schema), secured: true),
                APIOperation(.POST, "/api/v1/\(path)", tag: "cooperation", summary: "Record a \(name) (staff of its region)", request: schema + "Draft",
                             response: .object(schema), status: 201, secured: true),
                APIOperation(.GET, "/api/v1/\(path)/{id}", tag: "cooperation", summary: "One \(name)", parameters: [id],
                             response: .object(shown ?? schema), secured: true),
                APIOperation(.PUT, "/api/v1/\(path)/{id}", tag: "cooperation", summary: "Replace a \(name)'s fields", parameters: [id],
                             request: schema + "Draft", response: .object(schema), secured: true),
                APIOperation(.DELETE, "/api/v1/\(path)/{id}", tag: "cooperation", summary: "Remove a \(name) entered by mistake",
                             parameters: [id], response: .none, status: 204, secured: true),
            ]
        }
        return crud("personnel-exchanges", "person exchanged", "PersonnelExchange",
                    list: "Persons exchanged between the provinces (互派干部人才), on post in the year if one is given",
                    extra: [.query("direction", "to_shaanxi or to_jiangsu"), .query("q", "Part of the name or employer")])
            + crud("village-pairings", "village pairing", "VillagePairing",
                   list: "Jiangsu enterprises and social organisations paired with Shaanxi villages (村企结对、社会组织结对)",
                   extra: [.query("q", "Part of the partner's or the village's name")])
            + crud("demonstration-villages", "demonstration village", "DemonstrationVillage",
                   list: "Rural-revitalisation demonstration villages (乡村振兴示范村) with what their linked projects disbursed",
                   shown: "DemonstrationVillageDetail")
    }()

    struct DemonstrationVillageDTO: Content {
        var village: DemonstrationVillage
        /// What its linked projects have disbursed, fen.
        var funding: Int64

        init(_ village: DemonstrationVillage, funding: Int64) {
            self.village = village
            self.funding = funding
        }
    }

    func listPersons(request: Request) async throws -> Response {
        let (region, year, principal) = (try request.queryRegion(), try request.queryYear(), try request.signedIn())
        let (direction, search) = (try request.queryChoice("direction", as: ExchangeDirection.self), try request.queryText("q", max: 50))
        return try await request.list(SheetSpec(name: "export.sheet.personnel", values: ["field": "exchange_field", "level": "exchange_level"])) { paging in
            try await request.cooperation.persons(region: region, year: year, direction: direction, search: search, by: principal, page: paging)
        }
    }

    func listVillagePairings(request: Request) async throws -> Response {
        let (region, year, principal) = (try request.queryRegion(), try request.queryYear(), try request.signedIn())
        let search = try request.queryText("q", max: 50)
        return try await request.list(SheetSpec(name: "export.sheet.village_pairings", values: ["partnerKind": "village_partner"])) { paging in
            try await request.cooperation.villagePairings(region: region, year: year, search: search, by: principal, page: paging)
        }
    }

    func listDemonstrationVillages(request: Request) async throws -> Response {
        let (region, year, principal) = (try request.queryRegion(), try request.queryYear(), try request.signedIn())
        return try await request.list(SheetSpec(name: "export.sheet.demonstration_villages", values: ["status": "demonstration_status"])) { paging in
            let page = try await request.cooperation.demonstrationVillages(region: region, year: year, by: principal, page: paging)
            let funding = try await request.cooperation.funding(of: page.items)
            return page.map { DemonstrationVillageDTO($0, funding: funding[$0.id] ?? 0) }
        }
    }
}

extension PersonnelExchange: Content {}
extension VillagePairing: Content {}
extension DemonstrationVillage: Content {}

extension Request {
    var cooperation: CooperationRegisters { CooperationRegisters(database: db, regions: services.regions, clock: clock) }
}
