import Vapor
import XiezuoCore
import XiezuoStore

/// The posting's side of applications on the web: its employer's accounts and the staff covering it see who applied
/// (masked), accept, reject or hire them, and the seeking workers who fit the posting best.
struct ApplicantsPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let jobs = routes.grouped("manage", "jobs")
        jobs.get(":id", "applicants", use: show)
        jobs.post(":id", "applicants", ":application", ":action", use: answer)
    }

    func show(request: Request) async throws -> Response {
        try await render(request, error: nil)
    }

    func render(_ request: Request, error: String?, status: HTTPStatus = .ok) async throws -> Response {
        let principal = try request.signedIn()
        let id = try request.uuidParameter(entity: "job")
        let applicants = try await request.applications.applicants(of: id, by: principal)
        let posting = try await request.jobs.get(id)
        let place = request.services.regions.placeName
        let today = Day(Date())
        let rows = applicants.map { applicant -> RegisterPage.Row in
            let application = applicant.application, worker = applicant.worker
            let base = "/manage/jobs/\(id)/applicants/\(application.id)"
            var actions: [RegisterPage.Action] = []
            let next = application.status.next
            if next.contains(.accepted) { actions.append(RegisterPage.Action(action: "\(base)/accept", label: request.t("applicants.accept"))) }
            if next.contains(.rejected) { actions.append(RegisterPage.Action(action: "\(base)/reject", label: request.t("applicants.reject"))) }
            if next.contains(.hired) {
                actions.append(RegisterPage.Action(action: "\(base)/hire", label: request.t("applicants.hire"), fields: [
                    FormField(name: "startDate", label: request.t("field.startDate"), kind: "date", value: today.description),
                    FormField(name: "monthlyWage", label: request.t("applicants.wage_yuan"), kind: "text",
                              value: Formatting.plain(posting.wageMin, unitFen: 100), max: 10),
                ]))
            }
            var outcome = request.t("application_status.\(application.status.rawValue)")
            if let start = application.startDate, let wage = application.wage {
                outcome += " · \(start) · " + request.t("jobs.wage_range", ["min": Formatting.count(wage / 100), "max": Formatting.count(wage / 100)])
            }
            return RegisterPage.Row(cells: [
                RegisterPage.Cell(worker.name, note: request.t("poverty_status.\(worker.povertyStatus.rawValue)")),
                RegisterPage.Cell(worker.idNumber), RegisterPage.Cell(place(worker.homeCode)),
                RegisterPage.Cell(application.appliedOn.description), RegisterPage.Cell(outcome),
            ], actions: actions)
        }
        let matches = try await request.matching.workers(for: id, by: principal, limit: 10, today: today).map { match in
            RegisterPage.Row(cells: [
                RegisterPage.Cell(match.worker.name), RegisterPage.Cell(place(match.worker.homeCode)), RegisterPage.Cell(String(match.score.score)),
                RegisterPage.Cell(match.score.reasons.map(request.words).joined(separator: "；")),
            ])
        }
        return try await RegisterPage(
            title: request.t("applicants.title", ["title": posting.title]), intro: request.t("applicants.intro"),
            back: "/manage/jobs", backLabel: request.t("nav.manage_jobs"), error: error,
            facts: [RegisterPage.Fact(label: request.t("field.employer"), value: posting.employerName),
                    RegisterPage.Fact(label: request.t("field.countyCode"), value: place(posting.countyCode)),
                    RegisterPage.Fact(label: request.t("jobs.wage"), value: request.t("jobs.wage_range", [
                        "min": Formatting.count(posting.wageMin / 100), "max": Formatting.count(max(posting.wageMin, posting.wageMax) / 100)])),
                    RegisterPage.Fact(label: request.t("field.status"), value: request.t("job_status.\(posting.status(on: today).rawValue)"),
                                      href: "/jobs/\(id)")],
            sections: [
                RegisterPage.Section(title: request.t("applicants.applications"),
                                     headers: [request.t("field.name"), request.t("field.idNumber"), request.t("field.homeCode"),
                                               request.t("applicants.applied_on"), request.t("field.status")],
                                     rows: rows, empty: request.t("applicants.none")),
                RegisterPage.Section(title: request.t("applicants.matches"),
                                     headers: [request.t("field.name"), request.t("field.homeCode"), request.t("applicants.score"),
                                               request.t("applicants.reasons")],
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
            case "accept": _ = try await request.applications.respond(application, .accepted, by: principal)
            case "reject": _ = try await request.applications.respond(application, .rejected, by: principal)
            case "hire":
                let wage = try Formatting.fen(from: values["monthlyWage"], unitFen: 100, field: "monthlyWage")
                _ = try await request.applications.hire(application, HireDraft(startDate: values["startDate"], monthlyWage: wage), by: principal)
            default: throw DomainError.notFound("page")
            }
            return request.redirect(to: "/manage/jobs/\(posting)/applicants")
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            return try await render(request, error: request.message(for: error), status: .badRequest)
        }
    }
}
