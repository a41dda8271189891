import Vapor
import XiezuoCore
import XiezuoStore

/// The public job board, phone-first: search with filters, one card per job, and a page per posting.
struct JobBoardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("jobs", use: board)
        routes.get("jobs", ":id", use: show)
        routes.post("jobs", ":id", "apply", use: apply)
    }

    /// A posting as a card or a page shows it.
    struct Card: Encodable {
        var id: UUID
        var title: String
        var employer: String
        var place: String
        var wage: String
        var wageType: String
        var occupation: String
        var benefits: [String]
        var headcount: Int
        var education: String
        var age: String?
        var validThrough: String
        var posted: String
        var status: String
        var isOpen: Bool
        var description: String
        var origins: [String]
        var sharedElsewhere: Bool
    }

    static func card(_ posting: JobPosting, origins: [JobOrigin], request: Request, today: Day) -> Card {
        let regions = request.services.regions
        let place = regions.placeName(posting.countyCode)
        let occupation = OccupationCatalogue.nearest(posting.occupationCode)
        let age: String? = switch (posting.ageMin, posting.ageMax) {
        case (nil, nil): nil
        case let (low, high): request.t("jobs.age_range", ["min": low.map(String.init) ?? "16", "max": high.map(String.init) ?? "—"])
        }
        let status = posting.status(on: today)
        let platforms = Set(origins.map(\.platform)).sorted()
        return Card(
            id: posting.id, title: posting.title, employer: posting.employerName, place: place,
            wage: request.t("jobs.wage_range", ["min": Formatting.count(posting.wageMin / 100), "max": Formatting.count(posting.wageMax / 100)]),
            wageType: request.t("wage_type.\(posting.wageType.rawValue)"),
            occupation: occupation.map { "\(posting.occupationCode) \(request.language == .en ? $0.nameEn : $0.nameZh)" } ?? posting.occupationCode,
            benefits: posting.benefits.map { request.t("benefit.\($0.rawValue)") }, headcount: posting.headcount,
            education: request.t("education.\(posting.education.rawValue)"), age: age, validThrough: posting.validThrough.description,
            posted: Day(posting.postedAt).description, status: request.t("job_status.\(status.rawValue)"), isOpen: status == .open,
            description: posting.description,
            origins: platforms.map { request.t("jobs.origin", ["platform": request.platformName($0)]) },
            sharedElsewhere: platforms.count > 1)
    }

    struct BoardContext: Encodable {
        var cards: [Card]
        var hasCards: Bool
        var pager: Pager
        var values: [String: String]
        var occupations: [ChoiceOption]
        var benefits: [ChoiceOption]
        var sorts: [ChoiceOption]
        var provinces: [ChoiceOption]
        var error: String?
        var pairedNote: String?
        /// The filters in use, in words, shown on the folded filter panel's summary.
        var activeFilters: String
        var filtersOpen: Bool
        /// `?from=…`: the board's query, so the job page's "back to the list" returns to the same search.
        var backQuery: String
    }

    /// The board; a filter that is not valid shows its message above the (empty) list with status 400.
    func board(request: Request) async throws -> Response {
        let today = request.today
        var values: [String: String] = [:]
        for name in ["q", "region", "occupation", "wage", "sort", "province", "paired_with"] { values[name] = (try? request.queryText(name)) ?? "" }
        let chosenBenefits = Set(((try? request.queryText("benefits")) ?? "").split(separator: ",").map(String.init))
            .union(((try? request.query.get([String].self, at: "benefit")) ?? []))
        var error: String?
        var page = Paged<JobListing>(items: [], total: 0, request: Paging(perPage: 20))
        var pairedNote: String?
        do {
            var query = try await request.jobQuery()
            if let wage = try Formatting.fen(from: values["wage"], unitFen: 100, field: "wage") { query.wageMin = wage }
            query.benefits = Benefit.allCases.filter { chosenBenefits.contains($0.rawValue) }
            if !query.preferredRegions.isEmpty {
                pairedNote = request.t("jobs.paired_first", ["regions": query.preferredRegions.compactMap { request.services.regions[$0]?.name }.joined(separator: "、")])
            }
            page = try await request.jobBoard.find(query, page: try request.pageRequest(defaultPerPage: 20), today: today)
        } catch let domain as DomainError where domain.kind == .validation {
            error = request.message(for: domain)
        }
        var active: [String] = []
        if let province = ["jiangsu": "jobs.in_jiangsu", "shaanxi": "jobs.in_shaanxi"][values["province"] ?? ""] { active.append(request.t(province)) }
        if let region = values["region"], !region.isEmpty { active.append(region) }
        if let group = values["occupation"], !group.isEmpty { active.append(request.t("jobs.major_group.\(group)")) }
        if let wage = values["wage"], !wage.isEmpty { active.append(request.t("jobs.wage_filter_summary", ["wage": wage])) }
        active += Benefit.allCases.filter { chosenBenefits.contains($0.rawValue) }.map { request.t("benefit.\($0.rawValue)") }
        let context = BoardContext(
            cards: page.items.map { Self.card($0.posting, origins: $0.origins, request: request, today: today) },
            hasCards: !page.items.isEmpty, pager: Pager(page, request: request), values: values,
            occupations: OccupationCatalogue.majorGroups.map {
                ChoiceOption(value: $0.code, label: request.t("jobs.major_group.\($0.code)"), selected: values["occupation"] == $0.code)
            },
            benefits: Benefit.allCases.map { ChoiceOption(value: $0.rawValue, label: request.t("benefit.\($0.rawValue)"), selected: chosenBenefits.contains($0.rawValue)) },
            sorts: JobSort.allCases.map { ChoiceOption(value: $0.rawValue, label: request.t("jobs.sort.\($0.rawValue)"), selected: values["sort"] == $0.rawValue) },
            provinces: [("", "jobs.anywhere"), ("jiangsu", "jobs.in_jiangsu"), ("shaanxi", "jobs.in_shaanxi")].map {
                ChoiceOption(value: $0.0, label: request.t($0.1), selected: values["province"] == $0.0)
            },
            error: error, pairedNote: pairedNote, activeFilters: active.joined(separator: " · "),
            filtersOpen: error != nil, backQuery: Self.backQuery(request))
        return try await request.view.render("Labor/jobs", PageContext(request, context))
            .encodeResponse(status: error == nil ? .ok : .badRequest, for: request)
    }

    /// `?from=<the board's query string>` for links from the board to a job; empty without a query.
    static func backQuery(_ request: Request) -> String {
        guard let query = request.url.query, !query.isEmpty, query.count <= 600 else { return "" }
        return "?from=" + LoginController.queryValue(query)
    }

    /// The board's address to go back to: `/jobs` with the query the visitor came from (a query string only).
    static func backLink(_ request: Request) -> String {
        guard let from = try? request.query.get(String.self, at: "from"), !from.isEmpty, from.count <= 600,
              !from.contains("#") else { return "/jobs" }
        return "/jobs?" + from
    }

    struct PostingContext: Encodable {
        var card: Card
        /// Back to the board, with the search the visitor came from.
        var back: String
        var canEdit: Bool
        /// How the visitor applies: `sign_in` (anonymous), `profile` (a worker without a profile yet), `apply`,
        /// `applied` (with `applicationStatus`), or `none` (staff, employers, a closed posting).
        var applyMode: String
        var applicationStatus: String?
        /// This page's path for a query string (`next=`).
        var here: String
        /// The contact person, for those who may see it (``Permissions/canSeeContact(_:of:)``).
        var contactPerson: String?
        /// True when the posting names a contact person (others are asked to sign in to see it).
        var hasContact: Bool
        var notice: String?
        var error: String?
    }

    func show(request: Request) async throws -> Response {
        try await render(request, notice: (try? request.query.get(String.self, at: "applied")) != nil ? request.t("jobs.applied_notice") : nil)
    }

    func render(_ request: Request, notice: String? = nil, error: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let posting = try await request.jobs.get(try request.uuidParameter(entity: "job_posting"))
        let today = request.today
        let origins = try await request.jobs.origins(of: posting)
        let card = Self.card(posting, origins: origins.isEmpty ? [posting.origin] : origins, request: request, today: today)
        let canEdit = posting.origin.platform == request.services.settings.platformID
            && Permissions.canEditPosting(request.principal, employerID: posting.employerID, countyCode: posting.countyCode)
        var mode = "none"
        var applicationStatus: String?
        let principal = request.principal
        if posting.status(on: today) != .open {
            mode = "none"
        } else if principal.accountID == nil {
            mode = "sign_in"
        } else if principal.role == .worker {
            if let worker = try await request.workers.mine(by: principal) {
                if let application = try await request.applications.forWorker(worker.id, by: principal).first(where: { $0.postingID == posting.id }) {
                    mode = "applied"
                    applicationStatus = request.t("application_stage.\(application.stage)")
                } else {
                    mode = "apply"
                }
            } else {
                mode = "profile"
            }
        }
        let context = PostingContext(card: card, back: Self.backLink(request), canEdit: canEdit, applyMode: mode, applicationStatus: applicationStatus,
                                     here: LoginController.queryValue("/jobs/\(posting.id)"),
                                     contactPerson: Permissions.canSeeContact(principal, of: posting) ? posting.contactPerson : nil,
                                     hasContact: posting.contactPerson != nil,
                                     notice: notice, error: error)
        return try await request.view.render("Labor/job", PageContext(request, context)).encodeResponse(status: status, for: request)
    }

    /// One tap from the job page: the signed-in worker applies with their profile; anyone else is sent to sign in (or
    /// sign up) and to complete a profile, and back here.
    func apply(request: Request) async throws -> Response {
        let id = try request.uuidParameter(entity: "job_posting")
        let principal = request.principal
        let here = "/jobs/\(id)"
        guard principal.accountID != nil else { return request.redirect(to: "/login?next=" + LoginController.queryValue(here)) }
        guard principal.role == .worker else { throw DomainError.forbidden }
        guard let worker = try await request.workers.mine(by: principal) else {
            return request.redirect(to: "/workers/new?next=" + LoginController.queryValue(here))
        }
        do {
            _ = try await request.applications.apply(worker: worker.id, to: id, by: principal)
            return request.redirect(to: here + "?applied=1")
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            return try await render(request, error: request.message(for: error), status: .badRequest)
        }
    }
}

extension Request {
    /// A platform's display name: this node's own, the two provincial platforms', or the id itself.
    func platformName(_ id: String) -> String {
        if id == services.settings.platformID { return t("platform.here") }
        switch id {
        case "shaanxi": return t("platform.shaanxi")
        case "jiangsu": return t("platform.jiangsu")
        default: return id
        }
    }
}
