import Vapor
import XiezuoCore
import XiezuoStore

/// Worker pages: the staff list, registration (by staff, or by workers themselves), the profile with its matching
/// jobs and applications, editing, and the audited reveal of the ID-card and phone numbers.
struct WorkersPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let workers = routes.grouped("workers")
        workers.get(use: list)
        workers.get("new", use: newForm)
        workers.post(use: create)
        workers.get(":id", use: show)
        workers.get(":id", "edit", use: editForm)
        workers.post(":id", use: update)
        workers.post(":id", "identity", use: reveal)
        workers.post(":id", "apply", use: apply)
    }

    struct Row: Encodable {
        var id: UUID
        var name: String
        var idNumber: String
        var home: String
        var status: String
        var poverty: String
    }

    struct ListContext: Encodable {
        var rows: [Row]
        var hasRows: Bool
        var pager: Pager
        var q: String
    }

    func list(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        if principal.role == .worker {
            let mine = try await request.workers.mine(by: principal)
            return request.redirect(to: mine.map { "/workers/\($0.id)" } ?? "/workers/new")
        }
        let q = try request.queryText("q", max: 40)
        let page = try await request.workers.list(region: try request.queryRegion(), search: q, by: principal, page: try request.pageRequest())
        let rows = page.items.map {
            Row(id: $0.id, name: $0.name, idNumber: $0.idNumber, home: request.services.regions.placeName($0.homeCode),
                status: request.t("employment_status.\($0.status.rawValue)"), poverty: request.t("poverty_status.\($0.povertyStatus.rawValue)"))
        }
        return try await request.view.render("Labor/workers", PageContext(request, ListContext(rows: rows, hasRows: !rows.isEmpty,
                                                                                       pager: Pager(page, request: request), q: q ?? "")))
            .encodeResponse(for: request)
    }

    func fields(_ values: [String: String], errors: [String: String], request: Request) -> [FormField] {
        func field(_ name: String, _ kind: String = "text", required: Bool = false, max: Int = 100, hint: String? = nil,
                   options: [ChoiceOption] = []) -> FormField {
            // A person's own name and education, not a record's name or a job's requirement.
            let label = ["name", "education"].contains(name) ? request.t("workers.field.\(name)") : request.t("field.\(name)")
            return FormField(name: name, label: label, kind: kind, value: values[name] ?? "", options: options,
                             error: errors[name], hint: hint, required: required, max: max)
        }
        func choices(_ codes: [String], table: String, selected: String?) -> [ChoiceOption] {
            codes.map { ChoiceOption(value: $0, label: request.t("\(table).\($0)"), selected: $0 == selected) }
        }
        let editing = values["_editing"] != nil
        func keep(_ masked: String?) -> String? { masked.map { request.t("workers.keep_number", ["masked": $0]) } }
        var list = [
            field("name", required: true, max: 40),
            field("idNumber", required: !editing, max: 18, hint: editing ? keep(values["_maskedId"]) : request.t("workers.id_hint")),
            field("phone", required: !editing, max: 20, hint: editing ? keep(values["_maskedPhone"]) : nil),
            picker(field("homeCode", required: true, max: 60, hint: request.t("workers.home_hint")), "region", levels: "county,township"),
            field("povertyStatus", "select", options: choices(PovertyStatus.allCases.map(\.rawValue), table: "poverty_status",
                                                              selected: values["povertyStatus"])),
            field("education", "select", options: choices(Education.allCases.map(\.rawValue), table: "education", selected: values["education"])),
            field("skills", "textarea", max: 1000, hint: request.t("manage_industry.one_per_line")),
            picker(field("wishedOccupations", max: 400, hint: request.t("workers.occupations_hint")), "occupation", multiple: true),
            picker(field("preferredPlaces", max: 400, hint: request.t("workers.places_hint")), "region", levels: "province,city,county", multiple: true),
            field("pairedCities", "check"),
            field("minWage", hint: request.t("workers.wage_hint")),
            field("certificates", "textarea", max: 1000, hint: request.t("manage_industry.one_per_line")),
        ]
        if values["_editing"] == nil {
            // Two consents, as PIPL asks: the general one, and a separate one for the sensitive data (art. 29).
            list.append(field("consent", "check", required: true, hint: request.t("workers.consent_hint")))
            list.append(field("sensitiveConsent", "check", required: true, hint: request.t("workers.sensitive_consent_hint")))
        }
        // Where to go once the profile is saved (the job the worker came to apply for).
        if let next = values["_next"], !next.isEmpty { list.append(field("_next", "hidden")) }
        return list
    }

    func draft(_ values: [String: String]) throws -> WorkerDraft {
        func items(_ name: String, separators: CharacterSet = FormValue.listSeparators) -> [String] {
            FormValue.items(values[name], separators: separators)
        }
        return WorkerDraft(
            name: values["name"], idNumber: values["idNumber"], phone: values["phone"], homeCode: values["homeCode"],
            povertyStatus: values["povertyStatus"], education: values["education"], skills: items("skills", separators: .newlines),
            wishedOccupations: items("wishedOccupations"), preferredPlaces: items("preferredPlaces"),
            pairedCities: values["pairedCities"] != nil,
            minWage: try Formatting.fen(from: values["minWage"], unitFen: 100, field: "minWage"),
            certificates: items("certificates", separators: .newlines), consent: values["consent"] != nil,
            sensitiveConsent: values["sensitiveConsent"] != nil)
    }

    func renderForm(_ request: Request, id: UUID?, values: [String: String], errors: [String: String], general: String? = nil) async throws -> View {
        let context = ManageIndustryController.FormContext(
            title: request.t(id == nil ? "workers.register" : "workers.edit"), action: "/workers" + (id.map { "/\($0)" } ?? ""),
            fields: fields(values, errors: errors, request: request), error: general, back: "/workers", backLabel: request.t("workers.title"),
            notice: id == nil ? request.t("workers.consent_notice", ["version": ConsentNotice.version]) : nil)
        return try await request.view.render("Support/record-form", PageContext(request, context))
    }

    func newForm(request: Request) async throws -> View {
        let principal = try request.require(.admin, .coordinator, .officer, .worker)
        // Officers mostly register poverty-lifted workers; a worker signing up says so themselves.
        var values = ["pairedCities": "on", "povertyStatus": principal.role == .worker ? "other" : "poverty_lifted", "education": "junior_high"]
        if let next = try? request.query.get(String.self, at: "next") { values["_next"] = LoginController.safeNext(next) }
        if let jurisdiction = principal.jurisdiction, jurisdiction.count >= 6 { values["homeCode"] = request.services.regions.label(jurisdiction) }
        return try await renderForm(request, id: nil, values: values, errors: [:])
    }

    func values(of worker: Worker, request: Request) -> [String: String] {
        var values = ["name": worker.name, "idNumber": "", "phone": "", "_maskedId": worker.idNumber, "_maskedPhone": worker.phone,
                      "homeCode": request.services.regions.label(worker.homeCode),
                      "povertyStatus": worker.povertyStatus.rawValue, "education": worker.education.rawValue,
                      "skills": worker.skills.joined(separator: "\n"),
                      "wishedOccupations": worker.wishedOccupations.map { Self.occupationLabel($0, request: request) }.joined(separator: "、"),
                      "preferredPlaces": worker.preferredPlaces.map(request.services.regions.label).joined(separator: "、"),
                      "minWage": worker.minWage > 0 ? Formatting.plain(worker.minWage, unitFen: 100) : "",
                      "certificates": worker.certificates.joined(separator: "\n"), "_editing": "1"]
        if worker.pairedCities { values["pairedCities"] = "on" }
        return values
    }

    /// The edit form leaves the ID and phone numbers blank (blank keeps them; the hint shows them masked), so opening
    /// it reads no number in full.
    func editForm(request: Request) async throws -> View {
        let principal = try request.signedIn()
        let worker = try await request.workers.get(try request.uuidParameter(entity: "worker"), by: principal)
        return try await renderForm(request, id: worker.id, values: values(of: worker, request: request), errors: [:])
    }

    func create(request: Request) async throws -> Response {
        try await save(request, id: nil)
    }

    func update(request: Request) async throws -> Response {
        try await save(request, id: try request.uuidParameter(entity: "worker"))
    }

    func save(_ request: Request, id: UUID?) async throws -> Response {
        let principal = try request.signedIn()
        var values = try request.content.decode([String: String].self)
        values["_csrf"] = nil
        if let id {
            values["_editing"] = "1"
            let current = try await request.workers.get(id, by: principal)
            values["_maskedId"] = current.idNumber
            values["_maskedPhone"] = current.phone
        }
        let (resolved, nameErrors) = Self.resolveNames(values, request: request)
        var errors = nameErrors
        var general: String?
        var status: HTTPStatus = .badRequest
        if errors.isEmpty {
            do {
                if let id {
                    let worker = try await request.workers.update(id, with: try draft(resolved), by: principal)
                    request.flash(request.t("workers.saved"))
                    return request.redirect(to: "/workers/\(worker.id)")
                }
                let worker = try await request.workers.register(try draft(resolved), by: principal)
                request.flash(request.t(principal.role == .worker ? "workers.profile_done" : "workers.saved"))
                if let next = values["_next"], !next.isEmpty, LoginController.safeNext(next) != "/" { return request.redirect(to: LoginController.safeNext(next)) }
                return request.redirect(to: "/workers/\(worker.id)")
            } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
                if error.kind == .conflict { status = .conflict }
                let names = Set(fields(values, errors: [:], request: request).map(\.name))
                if let field = error.field, names.contains(field) { errors[field] = Self.message(for: error, request: request) } else {
                    general = request.message(for: error)
                }
            }
        }
        // Every field's problem at once, beside its field.
        errors.merge(allProblems(resolved, editing: id != nil, request: request)) { first, _ in first }
        return try await renderForm(request, id: id, values: values, errors: errors, general: general)
            .encodeResponse(status: status, for: request)
    }

    struct MatchCard: Encodable {
        var id: UUID
        var title: String
        var employer: String
        var place: String
        var wage: String
        var score: Int
        var reasons: [String]
        var applied: Bool
    }

    struct ApplicationRow: Encodable {
        var title: String
        var status: String
        var appliedOn: String
        var start: String?
        /// For applications: the stage's code (submitted, seen, invited, not_selected, hired, withdrawn), the posting
        /// and the employer's message.
        var stage: String? = nil
        var postingId: UUID? = nil
        var employer: String? = nil
        var message: String? = nil
        var explanation: String? = nil
    }

    struct ProfileContext: Encodable {
        var worker: Worker
        var home: String
        var gender: String
        var poverty: String
        var education: String
        var status: String
        var history: [ApplicationRow]
        var occupations: [String]
        var places: [String]
        var minWage: String?
        var matches: [MatchCard]
        var hasMatches: Bool
        /// Postings the worker was invited to apply to.
        var invitations: [MatchCard]
        var applications: [ApplicationRow]
        var hasApplications: Bool
        /// Training and gigs, as lines "date · what · where it stands".
        var training: [ApplicationRow]
        var gigs: [ApplicationRow]
        var hasTraining: Bool
        var hasGigs: Bool
        var message: String?
        var consent: String
    }

    func show(request: Request) async throws -> View {
        let principal = try request.signedIn()
        return try await renderProfile(request, worker: try await request.workers.get(try request.uuidParameter(entity: "worker"), by: principal))
    }

    func renderProfile(_ request: Request, worker: Worker, message: String? = nil) async throws -> View {
        let principal = try request.signedIn()
        let today = request.today
        let applications = try await request.applications.forWorker(worker.id, by: principal)
        let matches = try await request.matching.jobs(for: worker.id, by: principal, limit: 10, today: today)
        let invitations = try await request.matching.invitations(of: worker.id, by: principal, today: today)
        let training = try await request.training.enrolments(ofWorker: worker.id, by: principal).map { enrolment, programme in
            ApplicationRow(title: "\(programme.name) · \(programme.provider)", status: request.t("enrolment_stage.\(enrolment.stage)"),
                           appliedOn: "\(programme.startDate) – \(programme.endDate)", start: nil)
        }
        let gigs = try await request.gigs.signups(ofWorker: worker.id, by: principal).map { signup, gig in
            ApplicationRow(title: "\(gig.title) · \(gig.place) · " + request.t("gigs.pay_\(gig.payUnit.rawValue)", ["pay": Formatting.yuan(gig.pay)]),
                           status: request.t("signup_status.\(signup.status.rawValue)"), appliedOn: gig.date.description, start: nil)
        }
        var postings: [UUID: JobPosting] = [:]
        for application in applications { postings[application.postingID] = try? await request.jobs.get(application.postingID) }
        let context = ProfileContext(
            worker: worker, home: request.services.regions.placeName(worker.homeCode), gender: request.t("gender.\(worker.gender.rawValue)"),
            poverty: request.t("poverty_status.\(worker.povertyStatus.rawValue)"), education: request.t("education.\(worker.education.rawValue)"),
            status: request.t("employment_status.\(worker.status.rawValue)"),
            history: worker.employment.reversed().map {
                ApplicationRow(title: $0.note ?? "", status: request.t("employment_status.\($0.status.rawValue)"), appliedOn: $0.since.description, start: nil)
            },
            occupations: worker.wishedOccupations.map { code in
                OccupationCatalogue.nearest(code).map { "\(code) \(request.language == .en ? $0.nameEn : $0.nameZh)" } ?? code
            },
            places: worker.preferredPlaces.map { request.services.regions[$0]?.name ?? $0 },
            minWage: worker.minWage > 0 ? request.t("format.yuan", ["value": Formatting.count(worker.minWage / 100)]) : nil,
            matches: matches.map { match in
                let card = JobBoardController.card(match.listing.posting, origins: match.listing.origins, request: request, today: today)
                return MatchCard(id: card.id, title: card.title, employer: card.employer, place: card.place, wage: card.wage,
                                 score: match.score.score, reasons: match.score.reasons.map(request.words),
                                 applied: applications.contains { $0.postingID == card.id })
            },
            hasMatches: !matches.isEmpty,
            invitations: invitations.map { invitation in
                MatchCard(id: invitation.postingID, title: invitation.title, employer: invitation.employerName,
                          place: request.services.regions.placeName(invitation.countyCode), wage: "", score: 0, reasons: [], applied: false)
            },
            applications: applications.sorted { $0.appliedOn > $1.appliedOn }.map {
                ApplicationRow(title: postings[$0.postingID]?.title ?? "—", status: request.t("application_stage.\($0.stage)"),
                               appliedOn: $0.appliedOn.description, start: $0.startDate?.description, stage: $0.stage, postingId: $0.postingID,
                               employer: postings[$0.postingID]?.employerName, message: $0.message,
                               explanation: request.t("application_stage.\($0.stage).explained"))
            },
            hasApplications: !applications.isEmpty, training: training, gigs: gigs, hasTraining: !training.isEmpty, hasGigs: !gigs.isEmpty,
            message: message, consent: Day(worker.consentAt).description)
        return try await request.view.render("Labor/worker", PageContext(request, context))
    }

    func reveal(request: Request) async throws -> Response {
        struct Form: Content { var reason: String? }
        let principal = try request.signedIn()
        let id = try request.uuidParameter(entity: "worker")
        do {
            let worker = try await request.workers.reveal(id, reason: try request.content.decode(Form.self).reason, by: principal)
            return try await renderProfile(request, worker: worker, message: request.t("workers.reveal_audited")).encodeResponse(for: request)
        } catch let error as DomainError where error.kind == .validation {
            return try await renderProfile(request, worker: try await request.workers.get(id, by: principal), message: request.message(for: error))
                .encodeResponse(status: .badRequest, for: request)
        }
    }

    func apply(request: Request) async throws -> Response {
        struct Form: Content { var postingId: UUID? }
        let principal = try request.signedIn()
        let id = try request.uuidParameter(entity: "worker")
        guard let posting = try request.content.decode(Form.self).postingId else { throw DomainError.invalid("postingId", "required") }
        do {
            _ = try await request.applications.apply(worker: id, to: posting, by: principal)
            return request.redirect(to: "/workers/\(id)")
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            let worker = try await request.workers.get(id, by: principal)
            return try await renderProfile(request, worker: worker, message: request.message(for: error)).encodeResponse(status: .badRequest, for: request)
        }
    }
}
