import Vapor
import XiezuoCore
import XiezuoStore

/// The staff page of the cooperation registers (`/manage/cooperation`): a year's persons exchanged, village pairings
/// and demonstration villages in the visitor's jurisdiction, with their figures, forms to record and edit them, and
/// removal of a mistaken entry.
struct ManageCooperationController: RouteCollection, RecordFormPage {
    let fieldAliases = ["projectIds": "projectCodes"]

    func boot(routes: any RoutesBuilder) throws {
        let manage = routes.grouped("manage", "cooperation")
        manage.get(use: overview)
        manage.get(":kind", "new", use: newForm)
        manage.post(":kind", use: create)
        manage.get(":kind", ":id", "edit", use: editForm)
        manage.post(":kind", ":id", use: update)
        manage.post(":kind", ":id", "delete", use: delete)
    }

    func keeper(_ request: Request) throws -> Principal {
        try request.require(.admin, .coordinator, .officer)
    }

    func overview(request: Request) async throws -> Response {
        let principal = try keeper(request)
        let year = try request.queryYear() ?? request.today.year
        let region = try request.queryRegion() ?? principal.jurisdiction
        let registers = request.cooperation
        let place = request.services.regions.placeName
        let page = Paging(perPage: 200)
        func actions(_ kind: CooperationRecordKind, _ id: UUID, _ name: String) -> [RegisterPage.Action] {
            [RegisterPage.Action(action: "/manage/cooperation/\(kind.rawValue)/\(id)/edit", label: request.t("action.edit")),
             RegisterPage.Action(action: "/manage/cooperation/\(kind.rawValue)/\(id)/delete", label: request.t("action.delete"),
                                 confirm: request.t("cooperation.confirm_delete", ["name": name]))]
        }
        let persons = try await registers.persons(region: region, year: year, by: principal, page: page)
        let pairings = try await registers.villagePairings(region: region, year: year, by: principal, page: page)
        let villages = try await registers.demonstrationVillages(region: region, year: year, by: principal, page: page)
        let funding = try await registers.funding(of: villages.items)
        let personRows = persons.items.map { person in
            RegisterPage.Row(cells: [RegisterPage.Cell(person.name, note: person.employer + " · " + person.post),
                                     RegisterPage.Cell(request.t("exchange_direction.\(person.direction.rawValue)")),
                                     RegisterPage.Cell(request.t("exchange_level.\(person.level.rawValue)") + " · " + request.t("exchange_field.\(person.field.rawValue)")),
                                     RegisterPage.Cell(place(person.regionCode)),
                                     RegisterPage.Cell("\(person.from) – \(person.to)", note: request.t("cooperation.days_in_year", ["days": String(person.daysOnPost(in: year))]))],
                             actions: actions(.persons, person.id, person.name))
        }
        let pairingRows = pairings.items.map { pairing in
            RegisterPage.Row(cells: [RegisterPage.Cell(pairing.partnerName, note: request.t("village_partner.\(pairing.partnerKind.rawValue)")),
                                     RegisterPage.Cell(place(pairing.townshipCode) + " " + pairing.village),
                                     RegisterPage.Cell(Formatting.wan(pairing.moneyPledged + pairing.goodsPledged)),
                                     RegisterPage.Cell(Formatting.wan(pairing.moneyDelivered + pairing.goodsDelivered))],
                             actions: actions(.pairings, pairing.id, pairing.partnerName))
        }
        let villageRows = villages.items.map { village in
            RegisterPage.Row(cells: [RegisterPage.Cell(place(village.townshipCode) + " " + village.village), RegisterPage.Cell(String(village.year)),
                                     RegisterPage.Cell(request.t("demonstration_status.\(village.status.rawValue)")),
                                     RegisterPage.Cell(Formatting.wan(funding[village.id] ?? 0), note: request.t("cooperation.projects_linked",
                                                                                                                   ["count": String(village.projectIDs.count)]))],
                             actions: actions(.villages, village.id, village.village))
        }
        let wan = request.t("unit.wan_yuan")
        // The figures are the facts of the region (as the dashboard has them), not sums of the rows listed here.
        var facts: [RegisterPage.Fact] = []
        let factsRegion = region ?? "61"
        if principal.scope.covers(factsRegion) {
            let sums = try await FactStore(database: request.db).year(year, region: factsRegion, pairing: nil, trendOf: IndicatorCatalogue.personnelDays).sums
            func fact(_ label: String, _ code: String) -> RegisterPage.Fact {
                let unit = IndicatorCatalogue.indicator(code)?.unit ?? .persons
                return RegisterPage.Fact(label: request.t(label) + (unit == .fen ? "（\(wan)）" : ""), value: Formatting.value(sums[code] ?? 0, unit: unit),
                                         href: "/dashboard?region=\(factsRegion)&year=\(year)")
            }
            facts = [fact("cooperation.fact_to_shaanxi", IndicatorCatalogue.personnelToShaanxi),
                     fact("cooperation.fact_to_jiangsu", IndicatorCatalogue.personnelToJiangsu),
                     fact("cooperation.fact_days", IndicatorCatalogue.personnelDays),
                     fact("cooperation.fact_pairings", IndicatorCatalogue.villagePairings),
                     fact("cooperation.fact_villages", IndicatorCatalogue.villagePairingVillages),
                     fact("cooperation.fact_delivered", IndicatorCatalogue.villagePairingDelivered),
                     fact("cooperation.fact_demonstration", IndicatorCatalogue.demonstrationVillages)]
        }
        let years = (2021...request.today.year).reversed().map {
            RegisterPage.Link(href: "/manage/cooperation?year=\($0)" + (region.map { "&region=\($0)" } ?? ""), label: String($0))
        }
        return try await RegisterPage(
            title: request.t("cooperation.title") + " · \(year)", intro: request.t("cooperation.intro"),
            links: CooperationRecordKind.allCases.map { RegisterPage.Link(href: "/manage/cooperation/\($0.rawValue)/new", label: request.t("cooperation.new_\($0.rawValue)")) }
                + years,
            facts: facts,
            sections: [
                RegisterPage.Section(title: request.t("cooperation.persons"), headers: [request.t("field.name"), request.t("field.direction"),
                                                                                       request.t("field.level"), request.t("cooperation.region"),
                                                                                       request.t("cooperation.posting")],
                                     rows: personRows, empty: request.t("cooperation.no_persons")),
                RegisterPage.Section(title: request.t("cooperation.pairings"), headers: [request.t("field.partnerName"), request.t("field.village"),
                                                                                        request.t("cooperation.pledged") + "（\(wan)）",
                                                                                        request.t("cooperation.delivered") + "（\(wan)）"],
                                     rows: pairingRows, empty: request.t("cooperation.no_pairings")),
                RegisterPage.Section(title: request.t("cooperation.villages"), headers: [request.t("field.village"), request.t("field.year"),
                                                                                        request.t("field.status"), request.t("cooperation.funding") + "（\(wan)）"],
                                     rows: villageRows, empty: request.t("cooperation.no_villages")),
            ]).render(request)
    }

    func renderForm(_ request: Request, kind: CooperationRecordKind, id: UUID?, values: [String: String], errors: [String: String],
                    general: String?) async throws -> View {
        let context = ManageIndustryController.FormContext(
            title: request.t("cooperation.\(id == nil ? "new" : "edit")_\(kind.rawValue)"),
            action: "/manage/cooperation/\(kind.rawValue)" + (id.map { "/\($0)" } ?? ""),
            fields: kind.fields(values, errors: errors, request: request, choices: [:]),
            error: general, back: "/manage/cooperation", backLabel: request.t("cooperation.title"))
        return try await request.view.render("Support/record-form", PageContext(request, context))
    }

    func newForm(request: Request) async throws -> View {
        let principal = try keeper(request)
        let kind = try kind(request)
        let today = request.today
        var values: [String: String] = ["year": String(today.year), "sex": PersonSex.male.rawValue, "status": DemonstrationStatus.building.rawValue]
        if let jurisdiction = principal.jurisdiction, jurisdiction.hasPrefix("61"), jurisdiction.count >= 4 {
            values["regionCode"] = request.services.regions.label(jurisdiction)
        }
        return try await renderForm(request, kind: kind, id: nil, values: values, errors: [:], general: nil)
    }

    func delete(request: Request) async throws -> Response {
        let principal = try keeper(request)
        let kind = try kind(request)
        let id = try request.uuidParameter(entity: kind.entity)
        switch kind {
        case .persons: try await request.cooperation.deletePerson(id, by: principal)
        case .pairings: try await request.cooperation.deleteVillagePairing(id, by: principal)
        case .villages: try await request.cooperation.deleteDemonstrationVillage(id, by: principal)
        }
        request.flash(request.t("cooperation.deleted"))
        return request.redirect(to: "/manage/cooperation")
    }
}
