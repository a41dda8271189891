import Vapor
import XiezuoCore
import XiezuoStore

/// The posting's side of applications on the web: its employer's accounts and the staff covering it see who applied
/// (name, age and county; no ID number), accept, reject or hire them, and the seeking workers who fit the posting
/// best, pseudonymous unless the viewer covers them, whom they can invite to apply.
struct ApplicantsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let jobs = routes.grouped("manage", "jobs")
        jobs.get(":id", "applicants", use: show)
        jobs.post(":id", "applicants", ":application", ":action", use: answer)
        jobs.post(":id", "invitations", use: invite)
    }

    func invite(request: Request) async throws -> Response {
        struct Form: Content { var candidate: String? }
        let principal = try request.signedIn()
        let posting = try request.uuidParameter(entity: "job")
        do {
            try await request.matching.invite(try request.content.decode(Form.self).candidate, to: posting, by: principal)
            return try await render(request, error: nil, notice: request.t("applicants.invited"))
        } catch let error as DomainError where error.kind == .validation {
            return try await render(request, error: request.message(for: error), status: .badRequest)
        }
    }

    /// A card's name: the worker's for an applicant or covering staff, otherwise "an anonymous candidate".
    static func label(_ card: WorkerCard, request: Request) -> String {
        card.name ?? request.t("applicants.anonymous")
    }

    func show(request: Request) async throws -> Response {
        try await render(request, error: nil)
    }

    /// `reversal` refills the reason of a refused placement reversal.
    func render(_ request: Request, error: String?, notice: String? = nil, reversal: (application: UUID, reason: String)? = nil,
                status: HTTPStatus = .ok) async throws -> Response {
        let principal = try request.signedIn()
        let id = try request.uuidParameter(entity: "job")
        // Opening the list is what tells the workers their application was seen.
        try await request.applications.markSeen(postingID: id, by: principal)
        let applicants = try await request.matching.applicants(of: id, by: principal)
        let posting = try await request.jobs.get(id)
        let place = request.services.regions.placeName
        let today = request.today
        let rows = applicants.map { applicant -> RegisterPage.Row in
            let application = applicant.application, card = applicant.card
            let base = "/manage/jobs/\(id)/applicants/\(application.id)"
            var actions: [RegisterPage.Action] = []
            let next = application.status.next
            // Each answer can carry a message to the worker (an interview's time and place, or a kind word).
            let message = [FormField(name: "message", label: request.t("applicants.message"), kind: "text", value: "", max: 200)]
            if next.contains(.accepted) {
                actions.append(RegisterPage.Action(action: "\(base)/accept", label: request.t("applicants.accept"), fields: message))
            }
            if next.contains(.rejected) {
                actions.append(RegisterPage.Action(action: "\(base)/reject", label: request.t("applicants.reject"), fields: message))
            }
            if next.contains(.hired) {
                actions.append(RegisterPage.Action(action: "\(base)/hire", label: request.t("applicants.hire"), fields: [
                    FormField(name: "startDate", label: request.t("field.startDate"), kind: "date", value: today.description),
                    FormField(name: "monthlyWage", label: request.t("applicants.wage_yuan"), kind: "text",
                              value: Formatting.plain(posting.wageMin, unitFen: 100), max: 10),
                ]))
            }
            if application.status == .hired, application.reversal == nil, principal.role?.isStaff == true {
                actions.append(RegisterPage.Action(
                    action: "\(base)/reverse", label: request.t("reversal.reverse_placement"),
                    fields: [FormField(name: "reason", label: request.t("field.reason"), kind: "required",
                                       value: reversal?.application == application.id ? reversal?.reason ?? "" : "", max: 200)],
                    confirm: request.t("reversal.confirm_placement", ["name": Self.label(card, request: request)])))
            }
            var outcome = request.t("application_stage.\(application.stage)")
            if let reversal = application.reversal { outcome += " · " + request.t("reversal.placement_note", ["date": reversal.on.description, "reason": reversal.reason]) }
            if let message = application.message { outcome += " · “\(message)”" }
            if let start = application.startDate, let wage = application.wage {
                outcome += " · \(start) · " + request.t("jobs.wage_range", ["min": Formatting.count(wage / 100), "max": Formatting.count(wage / 100)])
            }
            return RegisterPage.Row(cells: [
                RegisterPage.Cell(Self.label(card, request: request),
                                  note: card.povertyStatus.map { request.t("poverty_status.\($0.rawValue)") }),
                RegisterPage.Cell(request.t("applicants.age", ["age": String(card.age)])), RegisterPage.Cell(place(card.homeCode ?? card.countyCode)),
                RegisterPage.Cell(application.appliedOn.description), RegisterPage.Cell(outcome),
            ], actions: actions)
        }
        let open = posting.status(on: today) == .open
        let matches = try await request.matching.workers(for: id, by: principal, limit: 10, today: today).map { match in
            let card = match.card
            var skills = card.occupations.compactMap { OccupationCatalogue.nearest($0) }.map { request.language == .en ? $0.nameEn : $0.nameZh }
            skills += card.skills + card.certificates
            return RegisterPage.Row(cells: [
                RegisterPage.Cell(Self.label(card, request: request), note: skills.isEmpty ? nil : skills.joined(separator: "、")),
                RegisterPage.Cell(request.t("applicants.age", ["age": String(card.age)])),
                RegisterPage.Cell(place(card.homeCode ?? card.countyCode)), RegisterPage.Cell(String(match.score.score)),
                RegisterPage.Cell(match.score.reasons.map(request.words).joined(separator: "；"),
                                  note: match.invited ? request.t("applicants.already_invited") : nil),
            ], actions: open && card.access == .candidate && !match.invited ? [
                RegisterPage.Action(action: "/manage/jobs/\(id)/invitations", label: request.t("applicants.invite"),
                                    fields: [FormField(name: "candidate", label: "", kind: "hidden", value: card.candidate)]),
            ] : [])
        }
        return try await RegisterPage(
            title: request.t("applicants.title", ["title": posting.title]), intro: request.t("applicants.intro"),
            back: "/manage/jobs", backLabel: request.t("nav.manage_jobs"), error: error, notice: notice,
            facts: [RegisterPage.Fact(label: request.t("field.employer"), value: posting.employerName),
                    RegisterPage.Fact(label: request.t("field.countyCode"), value: place(posting.countyCode)),
                    RegisterPage.Fact(label: request.t("jobs.wage"), value: request.t("jobs.wage_range", [
                        "min": Formatting.count(posting.wageMin / 100), "max": Formatting.count(max(posting.wageMin, posting.wageMax) / 100)])),
                    RegisterPage.Fact(label: request.t("field.status"), value: request.t("job_status.\(posting.status(on: today).rawValue)"),
                                      href: "/jobs/\(id)")],
            sections: [
                RegisterPage.Section(title: request.t("applicants.applications"),
                                     headers: [request.t("field.name"), request.t("applicants.age_header"), request.t("field.homeCode"),
                                               request.t("applicants.applied_on"), request.t("field.status")],
                                     rows: rows, empty: request.t("applicants.none")),
                RegisterPage.Section(title: request.t("applicants.matches"),
                                     headers: [request.t("field.name"), request.t("applicants.age_header"), request.t("field.homeCode"),
                                               request.t("applicants.score"), request.t("applicants.reasons")],
                                     rows: matches, empty: request.t("applicants.no_matches")),
            ]).render(request, status: status)
    }

    func answer(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let posting = try request.uuidParameter(entity: "job")
        let application = try request.uuidParameter("application", entity: "application")
        let values = try request.formValues()
        do {
            switch request.parameters.get("action") {
            case "accept": _ = try await request.applications.respond(application, .accepted, message: values["message"], by: principal)
            case "reject": _ = try await request.applications.respond(application, .rejected, message: values["message"], by: principal)
            case "hire":
                let wage = try Formatting.fen(from: values["monthlyWage"], unitFen: 100, field: "monthlyWage")
                _ = try await request.applications.hire(application, HireDraft(startDate: values["startDate"], monthlyWage: wage), by: principal)
            case "reverse":
                _ = try await request.applications.reversePlacement(application, ReversalDraft(reason: values["reason"]), by: principal)
                request.flash(request.t("flash.placement_reversed"))
            default: throw DomainError.notFound("page")
            }
            return request.redirect(to: "/manage/jobs/\(posting)/applicants")
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            return try await render(request, error: request.message(for: error), reversal: (application, values["reason"] ?? ""),
                                    status: error.kind == .conflict ? .conflict : .badRequest)
        }
    }
}
