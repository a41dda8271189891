import Vapor
import XiezuoCore
import XiezuoStore

/// Postings for the people who manage them: an employer's own accounts, and staff where the work is.
struct ManageJobsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let jobs = routes.grouped("manage", "jobs")
        jobs.get(use: list)
        jobs.get("new", use: newForm)
        jobs.post(use: create)
        jobs.get(":id", "edit", use: editForm)
        jobs.post(":id", use: update)
        jobs.post(":id", "status", use: move)
    }

    struct Row: Encodable {
        var posting: JobPosting
        var place: String
        var wage: String
        var status: String
        var local: Bool
        var canFill: Bool
        var canReopen: Bool
        var canWithdraw: Bool
    }

    struct ListContext: Encodable {
        var rows: [Row]
        var hasRows: Bool
        var pager: Pager
        var values: [String: String]
        var statuses: [ChoiceOption]
    }

    func manager(_ request: Request) throws -> Principal {
        let principal = try request.signedIn()
        guard principal.role == .enterprise || principal.role?.isStaff == true else { throw DomainError.forbidden }
        if principal.role == .enterprise, principal.employerID == nil { throw DomainError(.forbidden, code: "no_employer") }
        return principal
    }

    func list(request: Request) async throws -> View {
        let principal = try manager(request)
        let statusText = try request.queryText("status") ?? ""
        let status = JobStatus(rawValue: statusText)
        let today = request.today
        let page = try await request.jobs.managed(status: status, search: try request.queryText("q", max: 100), by: principal,
                                                  page: try request.pageRequest())
        let platform = request.services.settings.platformID
        let rows = page.items.map { posting in
            let current = posting.status(on: today)
            let local = posting.origin.platform == platform
            return Row(posting: posting, place: request.services.regions[posting.countyCode]?.name ?? posting.countyCode,
                       wage: request.t("jobs.wage_range", ["min": Formatting.count(posting.wageMin / 100), "max": Formatting.count(posting.wageMax / 100)]),
                       status: request.t("job_status.\(current.rawValue)"), local: local,
                       canFill: local && posting.status == .open, canReopen: local && posting.status == .filled,
                       canWithdraw: local && posting.status != .withdrawn)
        }
        let context = ListContext(rows: rows, hasRows: !rows.isEmpty, pager: Pager(page, request: request),
                                  values: ["status": statusText, "q": try request.queryText("q") ?? ""],
                                  statuses: JobStatus.allCases.map { .init(value: $0.rawValue, label: request.t("job_status.\($0.rawValue)"), selected: $0.rawValue == statusText) })
        return try await request.view.render("Labor/manage-jobs", PageContext(request, context))
    }

    struct FormContext: Encodable {
        var action: String
        var values: [String: String]
        var errors: [String: String]
        var editing: Bool
        var chooseEmployer: Bool
        var employers: [ChoiceOption]
        var counties: [ChoiceOption]
        var occupations: [ChoiceOption]
        var wageTypes: [ChoiceOption]
        var educations: [ChoiceOption]
        var benefits: [ChoiceOption]
    }

    func renderForm(_ request: Request, action: String, values: [String: String], benefits: [String], errors: [String: String],
                    editing: Bool) async throws -> View {
        let principal = request.principal
        let chooseEmployer = principal.role?.isStaff == true && !editing
        var employers: [ChoiceOption] = []
        if chooseEmployer {
            employers = try await request.employers.list(by: principal, page: Paging(perPage: Paging.maxPerPage)).items.map {
                .init(value: $0.id.uuidString, label: "\($0.name)（\($0.creditCode)）", selected: values["employerId"] == $0.id.uuidString)
            }
        }
        let regions = request.services.regions
        let counties = (regions.subtree(of: "32") + regions.subtree(of: "61")).filter { $0.level == .county }
            .filter { principal.role == .enterprise || principal.scope.covers($0.code) }
            .map { county in
                ChoiceOption(value: county.code, label: regions.path(to: county.code).map(\.name).joined(separator: " "),
                                    selected: values["countyCode"] == county.code)
            }
        let context = FormContext(
            action: action, values: values, errors: errors, editing: editing, chooseEmployer: chooseEmployer, employers: employers,
            counties: counties,
            occupations: OccupationCatalogue.all.filter { $0.level == .occupation }.map {
                .init(value: $0.code, label: "\($0.code) \(request.language == .en ? $0.nameEn : $0.nameZh)", selected: values["occupationCode"] == $0.code)
            },
            wageTypes: WageType.allCases.map { .init(value: $0.rawValue, label: request.t("wage_type.\($0.rawValue)"), selected: values["wageType"] == $0.rawValue) },
            educations: Education.allCases.map { .init(value: $0.rawValue, label: request.t("education.\($0.rawValue)"), selected: values["education"] == $0.rawValue) },
            benefits: Benefit.allCases.map { .init(value: $0.rawValue, label: request.t("benefit.\($0.rawValue)"), selected: benefits.contains($0.rawValue)) })
        return try await request.view.render("Labor/job-form", PageContext(request, context))
    }

    func newForm(request: Request) async throws -> View {
        _ = try manager(request)
        let validThrough = Day(Calendar(identifier: .gregorian).date(byAdding: .day, value: 60, to: request.now)!).description
        return try await renderForm(request, action: "/manage/jobs", values: ["validThrough": validThrough, "headcount": "1"],
                                    benefits: [], errors: [:], editing: false)
    }

    func create(request: Request) async throws -> Response {
        let principal = try manager(request)
        let form = try request.content.decode(JobForm.self)
        do {
            let posting = try await request.jobs.create(try form.draft(), employerID: try form.employer(), by: principal)
            return request.redirect(to: "/jobs/\(posting.id)")
        } catch let error as DomainError where error.field != nil {
            return try await renderForm(request, action: "/manage/jobs", values: form.values, benefits: form.benefit ?? [],
                                        errors: form.errors(error, request: request), editing: false)
                .encodeResponse(status: .badRequest, for: request)
        }
    }

    func editForm(request: Request) async throws -> View {
        let posting = try await request.jobs.editableCopy(try request.uuidParameter(entity: "job_posting"), by: try manager(request))
        let form = JobForm(posting)
        return try await renderForm(request, action: "/manage/jobs/\(posting.id)", values: form.values, benefits: form.benefit ?? [],
                                    errors: [:], editing: true)
    }

    func update(request: Request) async throws -> Response {
        let principal = try manager(request)
        let id = try request.uuidParameter(entity: "job_posting")
        let form = try request.content.decode(JobForm.self)
        do {
            _ = try await request.jobs.update(id, with: try form.draft(), by: principal)
            return request.redirect(to: "/jobs/\(id)")
        } catch let error as DomainError where error.field != nil {
            return try await renderForm(request, action: "/manage/jobs/\(id)", values: form.values, benefits: form.benefit ?? [],
                                        errors: form.errors(error, request: request), editing: true)
                .encodeResponse(status: .badRequest, for: request)
        }
    }

    func move(request: Request) async throws -> Response {
        struct Form: Content { var status: String? }
        let id = try request.uuidParameter(entity: "job_posting")
        guard let status = try request.content.decode(Form.self).status.flatMap(JobStatus.init(rawValue:)) else {
            throw DomainError.invalid("status", "unknown_status")
        }
        _ = try await request.jobs.move(id, to: status, by: try manager(request))
        return request.redirect(to: "/manage/jobs")
    }
}
