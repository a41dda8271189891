import Vapor
import XiezuoCore
import XiezuoStore

/// The labour registers staff enter through forms, and how each one's form reads and writes.
enum LaborRecordKind: String, CaseIterable, RecordFormKind {
    case brands, training, markets, gigs, trips, workshops

    /// The audit and not-found name of one record.
    var entity: String {
        switch self {
        case .brands: return "brand"
        case .training: return "training"
        case .markets: return "gig_market"
        case .gigs: return "gig"
        case .trips: return "trip"
        case .workshops: return "workshop"
        }
    }

    /// The form's fields with `values` filled in and `errors` beside them. `choices` holds the select options that
    /// come from the database (`marketId`, `brandId`).
    func fields(_ values: [String: String], errors: [String: String], request: Request,
                choices: [String: [ChoiceOption]]) -> [FormField] {
        func field(_ name: String, _ kind: String = "text", label: String? = nil, required: Bool = false, max: Int = 100,
                   hint: String? = nil, options: [ChoiceOption] = []) -> FormField {
            FormField(name: name, label: label ?? request.t("field.\(name)"), kind: kind, value: values[name] ?? "", options: options,
                      error: errors[name], hint: hint, required: required, max: max)
        }
        func select(_ name: String, _ codes: [String], table: String) -> FormField {
            field(name, "select", options: codes.map { ChoiceOption(value: $0, label: request.t("\(table).\($0)"), selected: $0 == values[name]) })
        }
        let county = { field("countyCode", required: true, max: 9, hint: request.t("manage_industry.county_hint")) }
        let yuan = request.t("manage_industry.yuan")
        let description = field("description", "textarea", label: request.t("field.about"), max: 2000)
        switch self {
        case .brands:
            return [field("name", required: true, max: 60), county(),
                    field("occupationCode", required: true, max: 12, hint: request.t("manage_labor.occupation_hint")),
                    select("level", BrandLevel.allCases.map(\.rawValue), table: "brand_level"), field("since", "number", required: true, max: 4),
                    field("leadingUnits", "textarea", max: 5000, hint: request.t("manage_labor.units_hint")), description]
        case .training:
            return [field("name", required: true), select("mode", TrainingMode.allCases.map(\.rawValue), table: "training_mode"),
                    field("occupationCode", required: true, max: 12, hint: request.t("manage_labor.occupation_hint")),
                    field("provider", required: true), county(),
                    field("employerCode", max: 18, hint: request.t("manage_labor.employer_code_hint")), field("hireCommitment", "number"),
                    field("brandId", "select", options: choices["brandId"] ?? []), field("seats", "number", required: true),
                    field("startsOn", "date", required: true, max: 10), field("endsOn", "date", required: true, max: 10),
                    field("subsidy", label: request.t("field.subsidy") + "（\(yuan)）"), description]
        case .markets:
            return [field("name", required: true), county(), field("address", required: true, max: 200),
                    field("hours", required: true, max: 60, hint: request.t("manage_labor.hours_hint")),
                    field("services", "checks", options: GigService.allCases.map {
                        ChoiceOption(value: $0.rawValue, label: request.t("gig_service.\($0.rawValue)"),
                                            selected: values["services_\($0.rawValue)"] != nil)
                    }), field("phone", max: 20)]
        case .gigs:
            return [field("marketId", "select", options: choices["marketId"] ?? []), field("title", required: true),
                    field("date", "date", required: true, max: 10), field("place", required: true, max: 200),
                    field("pay", label: request.t("field.pay") + "（\(yuan)）", required: true),
                    select("payUnit", GigPayUnit.allCases.map(\.rawValue), table: "pay_unit"), field("headcount", "number", required: true),
                    field("description", "textarea", max: 1000)]
        case .trips:
            return [field("date", "date", required: true, max: 10), field("fromCounty", required: true, max: 9),
                    field("destinationCode", required: true, max: 9, hint: request.t("manage_industry.partner_hint")),
                    field("employerCodes", "textarea", required: true, max: 2000, hint: request.t("manage_labor.employer_codes_hint")),
                    field("seats", "number", required: true), field("note", "textarea", max: 500)]
        case .workshops:
            return [field("name", required: true), county(), field("village", required: true, max: 60), field("owner", required: true),
                    field("product", required: true), field("opened", "date", required: true, max: 10), field("workers", "number"),
                    field("workersPovertyLifted", "number"), field("partner")]
        }
    }

    /// Saves the form (creating when `id` is nil) and returns the page to show next.
    func save(_ values: [String: String], id: UUID?, request: Request, by principal: Principal) async throws -> String {
        let text = { (name: String) -> String? in
            let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines)
            return value?.isEmpty == false ? value : nil
        }
        let int = { (name: String) throws -> Int? in try IndustryRecordKind.int(values, name) }
        let uuid = { (name: String) throws -> UUID? in
            guard let value = text(name) else { return nil }
            guard let id = UUID(uuidString: value) else { throw DomainError.invalid(name, "wrong_type") }
            return id
        }
        switch self {
        case .brands:
            let units = IndustryRecordKind.lines(values, "leadingUnits").map { line -> LaborBrandDraft.LeadingUnitDraft in
                let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                let word = parts.first ?? ""
                let kind = LeadingUnitKind.allCases.first { kind in
                    [kind.rawValue, request.services.localizer.text("unit_kind.\(kind.rawValue)", .zhHans),
                     request.services.localizer.text("unit_kind.\(kind.rawValue)", .en).lowercased()].contains(word.lowercased())
                }
                return kind.map { LaborBrandDraft.LeadingUnitDraft(name: parts.count > 1 ? parts[1] : nil, kind: $0.rawValue) }
                    ?? LaborBrandDraft.LeadingUnitDraft(name: line, kind: LeadingUnitKind.enterprise.rawValue)
            }
            let draft = LaborBrandDraft(name: text("name"), countyCode: text("countyCode"), occupationCode: text("occupationCode"),
                                        level: text("level"), since: try int("since"), leadingUnits: units, description: text("description"))
            if let id { return "/brands/\(try await request.brands.update(id, with: draft, by: principal).id)" }
            return "/brands/\(try await request.brands.create(draft, by: principal).id)"
        case .training:
            var employer: UUID?
            if let code = text("employerCode") {
                guard let found = try await request.employers.find(creditCodes: [code])[code.uppercased()] else {
                    throw DomainError.invalid("employerCode", "unknown_employer")
                }
                employer = found.id
            }
            let draft = TrainingProgrammeDraft(
                name: text("name"), mode: text("mode"), occupationCode: text("occupationCode"), provider: text("provider"),
                countyCode: text("countyCode"), employerId: employer, hireCommitment: try int("hireCommitment"), brandId: try uuid("brandId"),
                seats: try int("seats"), startsOn: text("startsOn"), endsOn: text("endsOn"),
                subsidy: try Formatting.fen(from: values["subsidy"], unitFen: 100, field: "subsidy"), description: text("description"))
            return "/manage/labor/training/\(try await request.training.save(draft, id: id, by: principal).id)"
        case .markets:
            let draft = GigMarketDraft(name: text("name"), countyCode: text("countyCode"), address: text("address"), hours: text("hours"),
                                       services: GigService.allCases.map(\.rawValue).filter { values["services_\($0)"] != nil }, phone: text("phone"))
            _ = try await request.gigs.saveMarket(draft, id: id, by: principal)
            return "/manage/labor"
        case .gigs:
            guard let market = try uuid("marketId") else { throw DomainError.invalid("marketId", "required") }
            let draft = GigTaskDraft(title: text("title"), date: text("date"), place: text("place"),
                                     pay: try Formatting.fen(from: values["pay"], unitFen: 100, field: "pay"), payUnit: text("payUnit"),
                                     headcount: try int("headcount"), description: text("description"))
            return "/manage/labor/gigs/\(try await request.gigs.saveTask(draft, market: market, id: id, by: principal).id)"
        case .trips:
            let codes = IndustryRecordKind.lines(values, "employerCodes").map { $0.uppercased() }
            let found = try await request.employers.find(creditCodes: codes)
            let employers = try codes.map { code -> UUID in
                guard let employer = found[code] else { throw DomainError.invalid("employerCodes", "unknown_employer_code", ["code": code]) }
                return employer.id
            }
            let draft = DirectTripDraft(date: text("date"), fromCounty: text("fromCounty"), destinationCode: text("destinationCode"),
                                        employerIds: employers, seats: try int("seats"), note: text("note"))
            return "/manage/labor/trips/\(try await request.trips.save(draft, id: id, by: principal).id)"
        case .workshops:
            let draft = AssistanceWorkshopDraft(name: text("name"), countyCode: text("countyCode"), village: text("village"), owner: text("owner"),
                                                product: text("product"), opened: text("opened"), workers: try int("workers"),
                                                workersPovertyLifted: try int("workersPovertyLifted"), partner: text("partner"))
            _ = try await request.workshops.save(draft, id: id, by: principal)
            return "/manage/labor"
        }
    }

    /// The form values of a stored record, for its edit form (staff of its county only).
    func values(of id: UUID, request: Request, by principal: Principal) async throws -> [String: String] {
        func editable(_ county: String) throws {
            guard Permissions.canEditLaborRecord(principal, countyCode: county) else { throw DomainError.notFound(entity) }
        }
        switch self {
        case .brands:
            let brand = try await request.brands.get(id)
            try editable(brand.countyCode)
            return ["name": brand.name, "countyCode": brand.countyCode, "occupationCode": brand.occupationCode, "level": brand.level.rawValue,
                    "since": String(brand.since), "description": brand.description ?? "",
                    "leadingUnits": brand.leadingUnits.map { "\(request.t("unit_kind.\($0.kind.rawValue)")) \($0.name)" }.joined(separator: "\n")]
        case .training:
            let programme = try await request.training.get(id)
            try editable(programme.countyCode)
            let employer = try await programme.employerID.asyncMap { try await request.employers.summaries([$0])[$0]?.creditCode } ?? nil
            return ["name": programme.name, "mode": programme.mode.rawValue, "occupationCode": programme.occupationCode,
                    "provider": programme.provider, "countyCode": programme.countyCode, "employerCode": employer ?? "",
                    "hireCommitment": String(programme.hireCommitment), "brandId": programme.brandID?.uuidString ?? "",
                    "seats": String(programme.seats), "startsOn": programme.startDate.description, "endsOn": programme.endDate.description,
                    "subsidy": Formatting.plain(programme.subsidy, unitFen: 100), "description": programme.description ?? ""]
        case .markets:
            let market = try await request.gigs.market(id)
            try editable(market.countyCode)
            var values = ["name": market.name, "countyCode": market.countyCode, "address": market.address, "hours": market.hours,
                          "phone": market.phone ?? ""]
            for service in market.services { values["services_\(service.rawValue)"] = "on" }
            return values
        case .gigs:
            let gig = try await request.gigs.task(id)
            try editable(gig.countyCode)
            return ["marketId": gig.marketID.uuidString, "title": gig.title, "date": gig.date.description, "place": gig.place,
                    "pay": Formatting.plain(gig.pay, unitFen: 100), "payUnit": gig.payUnit.rawValue, "headcount": String(gig.headcount),
                    "description": gig.description ?? ""]
        case .trips:
            let trip = try await request.trips.get(id)
            try editable(trip.fromCounty)
            let employers = try await request.employers.summaries(trip.employerIDs)
            return ["date": trip.date.description, "fromCounty": trip.fromCounty, "destinationCode": trip.destinationCode,
                    "employerCodes": trip.employerIDs.compactMap { employers[$0]?.creditCode }.joined(separator: "\n"),
                    "seats": String(trip.seats), "note": trip.note ?? ""]
        case .workshops:
            let workshop = try await request.workshops.get(id)
            try editable(workshop.countyCode)
            return ["name": workshop.name, "countyCode": workshop.countyCode, "village": workshop.village, "owner": workshop.owner,
                    "product": workshop.product, "opened": workshop.opened.description, "workers": String(workshop.workers),
                    "workersPovertyLifted": String(workshop.workersPovertyLifted), "partner": workshop.partner ?? ""]
        }
    }
}
