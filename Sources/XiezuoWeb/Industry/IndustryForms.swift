import Vapor
import XiezuoCore
import XiezuoStore

/// One field of a staff form, rendered by `industry-form.leaf`.
struct FormField: Encodable {
    var name: String
    var label: String
    /// text, number, date, select, textarea or checks.
    var kind: String
    var value: String
    var options: [ChoiceOption] = []
    var error: String?
    var hint: String?
    var required = false
    var max = 100
    /// A type-ahead over names (`region` or `occupation`, see picker.js); the server resolves what is typed anyway.
    var picker: String?
    /// For a region picker: the levels offered, comma-separated (`county,township`).
    var pickerLevels: String?
    /// Several values separated by 、 (the picker completes the last one).
    var multiple = false
}

extension Request {
    /// The posted form's values, without its CSRF token.
    func formValues() throws -> [String: String] {
        var values = try content.decode([String: String].self)
        values["_csrf"] = nil
        return values
    }

    /// A validation error as the form shows it: beside its field when the form has that field (`aliases` maps a
    /// record's field to the form's, e.g. an id to the code typed for it), otherwise above the form.
    /// The refused field's message beside it (or above the form when no field of the form is named), and what the other
    /// fields declare (``FormCheck``) checked on the posted `values`, so every field's problem shows at once.
    func formErrors(_ error: DomainError, fields: [FormField], values: [String: String], aliases: [String: String] = [:])
        -> (fields: [String: String], general: String?) {
        let names = Set(fields.map(\.name))
        let base = error.field.map { String($0.prefix { $0 != "[" && $0 != "." }) }.map { aliases[$0] ?? $0 }
        let text = message(for: error)
        var errors = base.flatMap { names.contains($0) ? [$0: text] : nil } ?? [:]
        let general = errors.isEmpty ? text : nil
        for (name, problem) in FormCheck.problems(fields, values: values) where errors[name] == nil {
            errors[name] = message(for: problem)
        }
        return (errors, general)
    }
}

/// The four registers staff enter through forms, and how each one's form reads and writes.
enum IndustryRecordKind: String, CaseIterable {
    case industries, parks, enterprises, events

    /// Parses a form field as a whole number; empty is nil.
    static func int(_ values: [String: String], _ name: String) throws -> Int? {
        try Validate.integer(values[name]?.replacingOccurrences(of: ",", with: ""), field: name)
    }

    /// Non-empty lines of a textarea.
    static func lines(_ values: [String: String], _ name: String) -> [String] {
        (values[name] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Project codes typed one per line, as ids; an unknown code is a field error.
    static func projectIDs(_ values: [String: String], request: Request) async throws -> [UUID] {
        let codes = lines(values, "projectCodes")
        let found = try await request.projects.ids(forCodes: codes)
        return try codes.map { code in
            guard let id = found[code] else { throw DomainError.invalid("projectCodes", "unknown_project_code", ["code": code]) }
            return id
        }
    }

    /// Upgrades typed one per line as `date kind description`, the kind as a code or its name in either language.
    static func upgrades(_ values: [String: String], request: Request) -> [UpgradeDraft] {
        lines(values, "upgrades").map { line in
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true).map(String.init)
            let word = parts.count > 1 ? parts[1] : ""
            let kind = UpgradeKind.allCases.first { kind in
                [kind.rawValue, request.services.localizer.text("upgrade_kind.\(kind.rawValue)", .zhHans),
                 request.services.localizer.text("upgrade_kind.\(kind.rawValue)", .en).lowercased()].contains(word.lowercased())
            }?.rawValue ?? word
            return UpgradeDraft(kind: kind, date: parts.first, description: parts.count > 2 ? parts[2] : nil)
        }
    }

    /// The form's fields with `values` filled in and `errors` beside them.
    func fields(_ values: [String: String], errors: [String: String], request: Request, parks: [Park]) -> [FormField] {
        func field(_ name: String, _ kind: String = "text", label: String? = nil, required: Bool = false, max: Int = 100,
                   hint: String? = nil, options: [ChoiceOption] = []) -> FormField {
            FormField(name: name, label: label ?? request.t("field.\(name)"), kind: kind, value: values[name] ?? "", options: options,
                      error: errors[name], hint: hint, required: required, max: max)
        }
        func choices(_ codes: [String], table: String, selected: String?, blank: String? = nil) -> [ChoiceOption] {
            (blank.map { [ChoiceOption(value: "", label: $0, selected: (selected ?? "").isEmpty)] } ?? [])
                + codes.map { ChoiceOption(value: $0, label: request.t("\(table).\($0)"), selected: $0 == selected) }
        }
        let wan = request.t("unit.wan_yuan")
        switch self {
        case .industries:
            return [
                field("name", required: true), field("countyCode", required: true, max: 9, hint: request.t("manage_industry.county_hint")),
                field("category", label: request.t("industry.category"), required: true, max: 40),
                field("role", "select", label: request.t("industry.role"),
                      options: choices(IndustryRole.allCases.map(\.rawValue), table: "industry_role", selected: values["role"])),
                field("since", "number", required: true, max: 4), field("areaMu", "number"), field("heads", "number"),
                field("outputValue", "text", label: request.t("field.outputValue") + "（\(wan)）"),
                field("upgrades", "textarea", max: 5000, hint: request.t("manage_industry.upgrades_hint")),
                field("leadingEnterprises", "textarea", max: 5000, hint: request.t("manage_industry.one_per_line")),
                field("cooperatives", "textarea", max: 5000, hint: request.t("manage_industry.one_per_line")),
                field("productionBases", "textarea", max: 5000, hint: request.t("manage_industry.one_per_line")),
                field("chainHouseholds", "number"), field("linkedHouseholds", "number"),
                field("incomeIncrease", label: request.t("field.incomeIncrease") + "（\(request.t("manage_industry.yuan"))）"),
                field("mechanisms", "checks", options: LinkMechanism.allCases.map {
                    ChoiceOption(value: $0.rawValue, label: request.t("mechanism.\($0.rawValue)"), selected: values["mechanisms_\($0.rawValue)"] != nil)
                }),
                field("projectCodes", "textarea", label: request.t("field.projectIds"), max: 5000, hint: request.t("manage_industry.project_codes_hint")),
                field("description", "textarea", label: request.t("field.description"), max: 2000),
            ]
        case .parks:
            return [
                field("name", required: true), field("countyCode", required: true, max: 9, hint: request.t("manage_industry.county_hint")),
                field("form", "select", options: choices(ParkForm.allCases.map(\.rawValue), table: "park_form", selected: values["form"])),
                field("partnerCode", required: true, max: 9, hint: request.t("manage_industry.partner_hint")), field("partnerPark"),
                field("established", "date", max: 10), field("plannedAreaMu", "number"), field("builtAreaMu", "number"),
                field("projectCodes", "textarea", label: request.t("field.projectIds"), max: 5000, hint: request.t("manage_industry.project_codes_hint")),
                field("description", "textarea", label: request.t("field.description"), max: 2000),
            ]
        case .enterprises:
            let parkOptions = [ChoiceOption(value: "", label: request.t("manage_industry.no_park"), selected: (values["parkId"] ?? "").isEmpty)]
                + parks.map { ChoiceOption(value: $0.id.uuidString, label: $0.name, selected: values["parkId"] == $0.id.uuidString) }
            return [
                field("name", required: true), field("creditCode", max: 18, hint: request.t("manage_industry.credit_hint")),
                field("originCode", required: true, max: 9, hint: request.t("manage_industry.partner_hint")),
                field("chain", required: true, max: 40, hint: IndustryChains.suggested.joined(separator: "、")),
                field("parkId", "select", options: parkOptions),
                field("countyCode", max: 9, hint: request.t("manage_industry.enterprise_county_hint")),
                field("plannedInvestment", label: request.t("field.plannedInvestment") + "（\(wan)）"),
                field("actualInvestment", label: request.t("field.actualInvestment") + "（\(wan)）"),
                field("jobs", "number"), field("jobsRural", "number"), field("jobsPovertyLifted", "number"),
                field("description", "textarea", label: request.t("field.description"), max: 2000),
            ]
        case .events:
            return [
                field("title", required: true), field("date", "date", required: true, max: 10),
                field("cityCode", required: true, max: 9, hint: request.t("manage_industry.partner_hint")),
                field("organiserCode", required: true, max: 9), field("chain", max: 40),
                field("enterprisesMet", "number"), field("dealsSigned", "number"),
                field("signedInvestment", label: request.t("field.signedInvestment") + "（\(wan)）"),
                field("description", "textarea", label: request.t("field.description"), max: 2000),
            ]
        }
    }

    /// Saves the form (creating when `id` is nil) and returns the page to show next.
    func save(_ values: [String: String], id: UUID?, request: Request, by principal: Principal) async throws -> String {
        let text = { (name: String) -> String? in
            let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines)
            return value?.isEmpty == false ? value : nil
        }
        let wan: Int64 = 1_000_000
        switch self {
        case .industries:
            let draft = FeaturedIndustryDraft(
                name: text("name"), countyCode: text("countyCode"), category: text("category"), role: text("role"),
                since: try Self.int(values, "since"), areaMu: try Self.int(values, "areaMu"), heads: try Self.int(values, "heads"),
                outputValue: try Formatting.fen(from: values["outputValue"], unitFen: wan, field: "outputValue"),
                upgrades: Self.upgrades(values, request: request), projectIds: try await Self.projectIDs(values, request: request),
                leadingEnterprises: Self.lines(values, "leadingEnterprises"), cooperatives: Self.lines(values, "cooperatives"),
                productionBases: Self.lines(values, "productionBases"), chainHouseholds: try Self.int(values, "chainHouseholds"),
                linkedHouseholds: try Self.int(values, "linkedHouseholds"),
                incomeIncrease: try Formatting.fen(from: values["incomeIncrease"], unitFen: 100, field: "incomeIncrease"),
                mechanisms: LinkMechanism.allCases.map(\.rawValue).filter { values["mechanisms_\($0)"] != nil }, description: text("description"))
            if let id { return "/industries/\(try await request.industries.update(id, with: draft, by: principal).id)" }
            return "/industries/\(try await request.industries.create(draft, by: principal).id)"
        case .parks:
            let draft = ParkDraft(
                name: text("name"), countyCode: text("countyCode"), form: text("form"), partnerCode: text("partnerCode"),
                partnerPark: text("partnerPark"), established: text("established"), plannedAreaMu: try Self.int(values, "plannedAreaMu"),
                builtAreaMu: try Self.int(values, "builtAreaMu"), projectIds: try await Self.projectIDs(values, request: request),
                description: text("description"))
            if let id { return "/parks/\(try await request.parks.update(id, with: draft, by: principal).id)" }
            return "/parks/\(try await request.parks.create(draft, by: principal).id)"
        case .enterprises:
            var park: UUID?
            if let value = text("parkId") {
                guard let parsed = UUID(uuidString: value) else { throw DomainError.invalid("parkId", "unknown_park") }
                park = parsed
            }
            let draft = EnterpriseDraft(
                name: text("name"), creditCode: text("creditCode"), originCode: text("originCode"), chain: text("chain"), parkId: park,
                countyCode: text("countyCode"),
                plannedInvestment: try Formatting.fen(from: values["plannedInvestment"], unitFen: wan, field: "plannedInvestment"),
                actualInvestment: try Formatting.fen(from: values["actualInvestment"], unitFen: wan, field: "actualInvestment"),
                jobs: try Self.int(values, "jobs"), jobsRural: try Self.int(values, "jobsRural"),
                jobsPovertyLifted: try Self.int(values, "jobsPovertyLifted"), description: text("description"))
            if let id {
                _ = try await request.enterprises.update(id, with: draft, by: principal)
            } else {
                _ = try await request.enterprises.create(draft, by: principal)
            }
            return "/manage/industry"
        case .events:
            let draft = PromotionEventDraft(
                title: text("title"), date: text("date"), cityCode: text("cityCode"), organiserCode: text("organiserCode"), chain: text("chain"),
                enterprisesMet: try Self.int(values, "enterprisesMet"), dealsSigned: try Self.int(values, "dealsSigned"),
                signedInvestment: try Formatting.fen(from: values["signedInvestment"], unitFen: wan, field: "signedInvestment"),
                description: text("description"))
            _ = try await request.promotionEvents.save(draft, id: id, by: principal)
            return "/manage/industry"
        }
    }

    /// The form values of a stored record, for its edit form.
    func values(of id: UUID, request: Request, by principal: Principal) async throws -> [String: String] {
        func wan(_ fen: Int64?) -> String { fen.map { Formatting.plain($0, unitFen: 1_000_000) } ?? "" }
        func codes(_ ids: [UUID]) async throws -> String {
            let known = try await request.projects.codes(for: ids)
            return ids.compactMap { known[$0] }.joined(separator: "\n")
        }
        switch self {
        case .industries:
            let industry = try await request.industries.get(id)
            guard Permissions.canEditIndustry(principal, countyCode: industry.countyCode) else { throw DomainError.notFound("industry") }
            let chain = industry.valueChain
            let upgrades = industry.upgrades.map { "\($0.date) \($0.kind.rawValue) \($0.description)" }
            var values: [String: String] = ["name": industry.name, "countyCode": industry.countyCode, "category": industry.category]
            values["role"] = industry.role.rawValue
            values["since"] = String(industry.since)
            values["areaMu"] = industry.areaMu.map(String.init) ?? ""
            values["heads"] = industry.heads.map(String.init) ?? ""
            values["outputValue"] = wan(industry.outputValue)
            values["upgrades"] = upgrades.joined(separator: "\n")
            values["leadingEnterprises"] = chain.leadingEnterprises.joined(separator: "\n")
            values["cooperatives"] = chain.cooperatives.joined(separator: "\n")
            values["productionBases"] = chain.productionBases.joined(separator: "\n")
            values["chainHouseholds"] = String(chain.households)
            values["linkedHouseholds"] = String(industry.farmerLink.households)
            values["incomeIncrease"] = Formatting.plain(industry.farmerLink.incomeIncrease, unitFen: 100)
            values["projectCodes"] = try await codes(industry.projectIDs)
            values["description"] = industry.description ?? ""
            for mechanism in industry.farmerLink.mechanisms { values["mechanisms_\(mechanism.rawValue)"] = "on" }
            return values
        case .parks:
            let park = try await request.parks.get(id)
            guard Permissions.canEditIndustry(principal, countyCode: park.countyCode) else { throw DomainError.notFound("park") }
            return ["name": park.name, "countyCode": park.countyCode, "form": park.form.rawValue, "partnerCode": park.partnerCode,
                    "partnerPark": park.partnerPark ?? "", "established": park.established?.description ?? "",
                    "plannedAreaMu": String(park.plannedAreaMu), "builtAreaMu": String(park.builtAreaMu),
                    "projectCodes": try await codes(park.projectIDs), "description": park.description ?? ""]
        case .enterprises:
            let enterprise = try await request.enterprises.get(id, by: principal)
            guard Permissions.canEditIndustry(principal, countyCode: enterprise.countyCode) else { throw DomainError.notFound("enterprise") }
            return ["name": enterprise.name, "creditCode": enterprise.creditCode ?? "", "originCode": enterprise.originCode,
                    "chain": enterprise.chain, "parkId": enterprise.parkID?.uuidString ?? "",
                    "countyCode": enterprise.parkID == nil ? enterprise.countyCode : "",
                    "plannedInvestment": wan(enterprise.plannedInvestment), "actualInvestment": wan(enterprise.actualInvestment),
                    "jobs": String(enterprise.jobs), "jobsRural": String(enterprise.jobsRural),
                    "jobsPovertyLifted": String(enterprise.jobsPovertyLifted), "description": enterprise.description ?? ""]
        case .events:
            let event = try await request.promotionEvents.get(id)
            guard principal.role?.isStaff == true, principal.scope.covers(event.organiserCode) else { throw DomainError.notFound("event") }
            return ["title": event.title, "date": event.date.description, "cityCode": event.cityCode, "organiserCode": event.organiserCode,
                    "chain": event.chain ?? "", "enterprisesMet": String(event.enterprisesMet), "dealsSigned": String(event.dealsSigned),
                    "signedInvestment": wan(event.signedInvestment), "description": event.description ?? ""]
        }
    }
}
