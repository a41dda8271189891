import Vapor
import XiezuoCore
import XiezuoStore

/// Yearly agreements and their targets: pages for coordinators and the API.
struct AgreementsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("agreements", use: list)
        routes.get("agreements", "edit", use: form)
        routes.post("agreements", use: save)
        let api = routes.grouped("api", "v1", "agreements")
        api.get(use: apiList)
        api.post(use: apiSave)
        api.get(":id", use: apiShow)
    }

    static let operations: [APIOperation] = [
        APIOperation(.GET, "/api/v1/agreements", tag: "agreements", summary: "Agreements the caller may read",
                     parameters: [.query("year", "Year", type: "integer")] + APIOperation.Parameter.paging, response: .list("Agreement"), secured: true),
        APIOperation(.POST, "/api/v1/agreements", tag: "agreements",
                     summary: "Create or replace the agreement of a year (provincial without pairingId, or a pairing's)",
                     request: "AgreementDraft", response: .object("Agreement"), secured: true),
        APIOperation(.GET, "/api/v1/agreements/{id}", tag: "agreements", summary: "One agreement with its targets",
                     parameters: [.path("id", "Agreement id")], response: .object("Agreement"), secured: true),
    ]

    // Not optimised: Swift 6.3.1's release build crashes (signal 11, LLVM's coroutine splitting) on this function.
    @_optimize(none)
    func apiList(request: Request) async throws -> Response {
        let items = try await request.agreements.list(year: try request.queryInt("year"), by: try request.signedIn())
        return try await request.list(SheetSpec(name: "export.sheet.agreements"), all: items)
    }

    func apiSave(request: Request) async throws -> Agreement {
        try await request.agreements.save(try request.decodeJSON(AgreementDraft.self), by: try request.signedIn())
    }

    func apiShow(request: Request) async throws -> Agreement {
        try await request.agreements.get(try request.uuidParameter(entity: "agreement"), by: try request.signedIn())
    }

    // MARK: Pages

    struct Row: Encodable { var agreement: Agreement; var scope: String; var threshold: String; var targetCount: Int; var editLink: String }
    struct ListContext: Encodable {
        var rows: [Row]
        var hasRows: Bool
        var year: Int
        var years: [Int]
        var pairings: [ProjectFormOptions.Option]
    }

    func list(request: Request) async throws -> View {
        let principal = try request.signedIn()
        // Without a year, the latest that has an agreement (next year's at the latest), so the page opens on one.
        let latest = try await request.agreements.list(year: nil, by: principal).map(\.year).filter { $0 <= currentYear() + 1 }.max()
        let year = try request.queryInt("year") ?? latest ?? currentYear()
        let regions = request.services.regions
        var rows: [Row] = []
        for agreement in try await request.agreements.list(year: year, by: principal) {
            var scope = request.t("agreements.provincial")
            if let id = agreement.pairingID {
                let view = PairingView(try await request.pairings.get(id), regions: regions, year: year)
                scope = "\(view.eastName) ↔ \(view.westName)"
            }
            rows.append(Row(agreement: agreement, scope: scope, threshold: Formatting.percent(Int64(agreement.shareThreshold)),
                            targetCount: agreement.targets.count,
                            editLink: "/agreements/edit?year=\(year)" + (agreement.pairingID.map { "&pairing=\($0)" } ?? "")))
        }
        let pairings = try await request.pairings.list(year: year, region: principal.jurisdiction, page: Paging(perPage: 200)).items
            .filter { Permissions.canEditAgreement(principal, pairing: $0) }
            .map { PairingView($0, regions: regions, year: year) }
            .map { ProjectFormOptions.Option(value: $0.id.uuidString, label: "\($0.eastName) ↔ \($0.westName)") }
        let context = ListContext(rows: rows, hasRows: !rows.isEmpty, year: year, years: Array((2021...currentYear() + 1).reversed()),
                                  pairings: pairings)
        return try await request.view.render("Agreements/agreements", PageContext(request, context))
    }

    struct TargetField: Encodable {
        var code: String
        var name: String
        var unit: String
        var value: String
        var error: String?
        /// Its weight in the suggested grade (blank: 1).
        var weight: String
        var weightError: String?
    }
    struct FormContext: Encodable {
        var year: Int
        var pairingId: String
        var scope: String
        var title: String
        var threshold: String
        var targets: [TargetField]
        /// The grade thresholds, percent of targets met (blank: the standard 90 / 75 / 60).
        var grades: [String: String]
        var errors: [String: String]
    }

    func form(request: Request) async throws -> View {
        let principal = try request.require(.admin, .coordinator)
        // Without a year, the latest that has an agreement (next year's at the latest), so the page opens on one.
        let latest = try await request.agreements.list(year: nil, by: principal).map(\.year).filter { $0 <= currentYear() + 1 }.max()
        let year = try request.queryInt("year") ?? latest ?? currentYear()
        var pairingID: UUID?
        if let text = try request.queryText("pairing") {
            guard let id = UUID(uuidString: text) else { throw DomainError.notFound("pairing") }
            pairingID = id
        }
        // Only those who may set the agreement see its form (and so its current targets).
        let pairing = try await pairingID.asyncMap { try await request.pairings.get($0) }
        guard Permissions.canEditAgreement(principal, pairing: pairing) else { throw DomainError.notFound("agreement") }
        let existing = try await request.agreements.find(year: year, pairingID: pairingID)
        var values: [String: String] = [:]
        for (code, target) in existing?.targets ?? [:] {
            let unit = IndicatorCatalogue.indicator(code)?.unit ?? .projects
            values[code] = unit == .fen ? Formatting.plain(target, unitFen: 1_000_000) : String(target)
        }
        if let grading = existing?.grading {
            for (code, weight) in grading.weights { values["weight_\(code)"] = String(weight) }
            values["gradeGood"] = Formatting.plain(Int64(grading.good), unitFen: 100)
            values["gradeFairlyGood"] = Formatting.plain(Int64(grading.fairlyGood), unitFen: 100)
            values["gradeAverage"] = Formatting.plain(Int64(grading.average), unitFen: 100)
        }
        return try await renderForm(request, year: year, pairingID: pairingID, title: existing?.title ?? "",
                                    threshold: String(Double(existing?.shareThreshold ?? Agreement.defaultShareThreshold) / 100),
                                    values: values, errors: [:])
    }

    private func renderForm(_ request: Request, year: Int, pairingID: UUID?, title: String, threshold: String,
                            values: [String: String], errors: [String: String]) async throws -> View {
        var scope = request.t("agreements.provincial")
        if let pairingID {
            let view = PairingView(try await request.pairings.get(pairingID), regions: request.services.regions, year: year)
            scope = "\(view.eastName) ↔ \(view.westName)"
        }
        let fields = IndicatorCatalogue.targetable.map {
            TargetField(code: $0.code, name: request.t("indicator.\($0.code)"), unit: request.t($0.unit.labelKey), value: values[$0.code] ?? "",
                        error: errors[$0.code], weight: values["weight_\($0.code)"] ?? "", weightError: errors["weight_\($0.code)"])
        }
        let context = FormContext(year: year, pairingId: pairingID?.uuidString ?? "", scope: scope, title: title, threshold: threshold,
                                  targets: fields, grades: ["good": values["gradeGood"] ?? "", "fairlyGood": values["gradeFairlyGood"] ?? "",
                                                            "average": values["gradeAverage"] ?? ""], errors: errors)
        return try await request.view.render("Agreements/agreement-form", PageContext(request, context))
    }

    func save(request: Request) async throws -> Response {
        let principal = try request.require(.admin, .coordinator)
        let fields = try request.content.decode([String: String].self)
        let year = Int(fields["year"] ?? "")
        var values: [String: String] = [:]
        // Every value that reads goes into the draft; the problems of those that do not, and the draft's own, are shown
        // all at once beside their fields.
        var reader = FormReader()
        // A pairing that does not read is an error, never the province-wide agreement.
        let pairingID = reader.id(fields["pairingId"], field: "pairingId", code: "unknown_pairing")
        var targets: [String: Int64] = [:]
        var weights: [String: Int] = [:]
        for indicator in IndicatorCatalogue.targetable {
            let text = fields["target_\(indicator.code)"] ?? ""
            values[indicator.code] = text
            let unitFen: Int64 = indicator.unit == .fen ? 1_000_000 : 1
            if let value = reader.fen(text, unitFen: unitFen, field: "targets.\(indicator.code)") { targets[indicator.code] = value }
            let weight = fields["weight_\(indicator.code)"] ?? ""
            values["weight_\(indicator.code)"] = weight
            if let value = reader.int(weight, field: "weights.\(indicator.code)") { weights[indicator.code] = value }
        }
        let threshold = reader.double(fields["threshold"], field: "shareThresholdPercent")
        for name in ["gradeGood", "gradeFairlyGood", "gradeAverage"] { values[name] = fields[name] ?? "" }
        let draft = AgreementDraft(year: year, pairingId: pairingID, title: fields["title"], shareThresholdPercent: threshold, targets: targets,
                                   weights: weights.isEmpty ? nil : weights,
                                   gradeGoodPercent: reader.double(fields["gradeGood"], field: "gradeGoodPercent"),
                                   gradeFairlyGoodPercent: reader.double(fields["gradeFairlyGood"], field: "gradeFairlyGoodPercent"),
                                   gradeAveragePercent: reader.double(fields["gradeAverage"], field: "gradeAveragePercent"))
        let problems = reader.problems + draft.problems()
        func refuse(_ problems: [DomainError]) async throws -> Response {
            let errors = FormReader().errors(adding: problems, request: request) {
                if $0.hasPrefix("targets.") { return String($0.dropFirst("targets.".count)) }
                if $0.hasPrefix("weights.") { return "weight_" + String($0.dropFirst("weights.".count)) }
                return $0
            }
            return try await renderForm(request, year: year ?? currentYear(), pairingID: pairingID, title: fields["title"] ?? "",
                                        threshold: fields["threshold"] ?? "", values: values, errors: errors)
                .encodeResponse(status: .badRequest, for: request)
        }
        guard problems.isEmpty else { return try await refuse(problems) }
        do {
            _ = try await request.agreements.save(draft, by: principal)
            return request.redirect(to: "/agreements?year=\(year ?? currentYear())")
        } catch let error as DomainError where error.field != nil {
            return try await refuse([error])
        }
    }
}

extension Request {
    var agreements: AgreementRepository { AgreementRepository(database: db) }
}
