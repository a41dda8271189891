import Vapor
import XiezuoCore
import XiezuoStore

/// The public face of the labour registers: labour brands (a page each, with the workers who carry the brand and open
/// jobs in its occupation), training programmes and gigs a worker can join with one button, and assistance workshops.
struct LaborPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("brands", use: brands)
        routes.get("brands", ":id", use: brand)
        routes.get("training", use: training)
        routes.post("training", ":id", "enrol", use: enrol)
        routes.get("gigs", use: gigs)
        routes.post("gigs", ":id", "signup", use: signUp)
        routes.post("gigs", ":id", "cancel", use: cancelSignUp)
        routes.get("workshops", use: workshops)
    }

    /// The signed-in worker's own profile, if the visitor is a worker with one.
    static func ownWorker(_ request: Request) async throws -> Worker? {
        guard request.principal.role == .worker else { return nil }
        return try await request.workers.mine(by: request.principal)
    }

    func brands(request: Request) async throws -> Response {
        let region = try request.queryRegion()
        let q = try request.queryText("q", max: 50)
        let page = try await request.brands.listRecordedFirst(region: region, search: q, page: try request.pageRequest(defaultPerPage: 20))
        let carriers = try await request.brands.carriers(of: page.items.map(\.id))
        let totals = try await request.brands.totals(region: region)
        let rows = page.items.map { brand in
            RegisterPage.Row(cells: [
                RegisterPage.Cell(brand.name, href: "/brands/\(brand.id)", note: brand.generated ? request.t("demo.generated") : nil),
                RegisterPage.Cell(request.services.regions.placeName(brand.countyCode)), RegisterPage.Cell(request.occupationName(brand.occupationCode)),
                RegisterPage.Cell(request.t("brand_level.\(brand.level.rawValue)")), RegisterPage.Cell(String(brand.leadingUnits.count)),
                RegisterPage.Cell(String(carriers[brand.id] ?? 0)),
            ])
        }
        return try await RegisterPage(
            title: request.t("brands.title"), intro: request.t("brands.intro"), filterAction: "/brands",
            cities: RegisterPage.cities(request, selected: region), search: q ?? "",
            links: [RegisterPage.Link(href: "/workshops", label: request.t("workshops.title"))],
            facts: [RegisterPage.Fact(label: request.t("brands.count"), value: String(totals.brands)),
                    RegisterPage.Fact(label: request.t("brands.units"), value: String(totals.leadingUnits))],
            sections: [RegisterPage.Section(
                headers: [request.t("field.name"), request.t("field.countyCode"), request.t("field.occupationCode"), request.t("field.level"),
                          request.t("brands.units"), request.t("brands.workers")],
                rows: rows, empty: request.t("brands.empty"))],
            pager: Pager(page, request: request)).render(request)
    }

    func brand(request: Request) async throws -> Response {
        let detail = try await request.brandDetail(try request.uuidParameter(entity: "brand"), jobs: 20)
        let brand = detail.brand
        var facts = [
            RegisterPage.Fact(label: request.t("field.countyCode"), value: request.services.regions.placeName(brand.countyCode)),
            RegisterPage.Fact(label: request.t("field.occupationCode"), value: request.occupationName(brand.occupationCode),
                              href: "/jobs?occupation=\(brand.occupationCode)"),
            RegisterPage.Fact(label: request.t("field.level"), value: request.t("brand_level.\(brand.level.rawValue)")),
            RegisterPage.Fact(label: request.t("field.since"), value: String(brand.since)),
            RegisterPage.Fact(label: request.t("brands.workers"), value: String(detail.workers)),
        ]
        if let description = brand.description { facts.append(RegisterPage.Fact(label: request.t("field.about"), value: description)) }
        if brand.generated { facts.append(RegisterPage.Fact(label: request.t("demo.label"), value: request.t("demo.generated"))) }
        let units = brand.leadingUnits.map {
            RegisterPage.Row(cells: [RegisterPage.Cell($0.name), RegisterPage.Cell(request.t("unit_kind.\($0.kind.rawValue)"))])
        }
        let jobs = detail.jobs.map { job in
            RegisterPage.Row(cells: [
                RegisterPage.Cell(job.posting.title, href: "/jobs/\(job.posting.id)"), RegisterPage.Cell(job.posting.employerName),
                RegisterPage.Cell(request.services.regions.placeName(job.posting.countyCode)),
                RegisterPage.Cell(request.t("jobs.wage_range", ["min": Formatting.count(job.posting.wageMin / 100),
                                                                "max": Formatting.count(max(job.posting.wageMin, job.posting.wageMax) / 100)])),
            ])
        }
        let editable = Permissions.canEditLaborRecord(request.principal, countyCode: brand.countyCode)
        return try await RegisterPage(
            title: brand.name, back: "/brands", backLabel: request.t("brands.title"),
            links: editable ? [RegisterPage.Link(href: "/manage/labor/brands/\(brand.id)/edit", label: request.t("action.edit"))] : [],
            facts: facts,
            sections: [
                RegisterPage.Section(title: request.t("brands.units"), headers: [request.t("field.name"), request.t("field.kind")], rows: units,
                                     empty: request.t("brands.no_units")),
                RegisterPage.Section(title: request.t("brands.jobs"), headers: [request.t("field.title"), request.t("field.employer"),
                                                                               request.t("field.countyCode"), request.t("field.wage")],
                                     rows: jobs, empty: request.t("brands.no_jobs")),
            ]).render(request)
    }

    func training(request: Request) async throws -> Response {
        try await renderTraining(request, notice: nil, error: nil)
    }

    func renderTraining(_ request: Request, notice: String?, error: String?, status: HTTPStatus = .ok) async throws -> Response {
        let region = try request.queryRegion()
        let q = try request.queryText("q", max: 50)
        let today = request.today
        let page = try await request.training.list(region: region, search: q, openOn: today, page: try request.pageRequest())
        let counts = try await request.training.enrolledCounts(page.items.map(\.id))
        let worker = try await Self.ownWorker(request)
        let rows = page.items.map { programme in
            let left = programme.seats - (counts[programme.id] ?? 0)
            return RegisterPage.Row(cells: [
                RegisterPage.Cell(programme.name, note: request.t("training_mode.\(programme.mode.rawValue)")),
                RegisterPage.Cell(request.occupationName(programme.occupationCode)), RegisterPage.Cell(programme.provider),
                RegisterPage.Cell(request.services.regions.placeName(programme.countyCode)),
                RegisterPage.Cell("\(programme.startDate) – \(programme.endDate)"),
                RegisterPage.Cell(request.t("training.seats_left", ["left": String(left), "seats": String(programme.seats)])),
            ], actions: worker != nil && left > 0
                ? [RegisterPage.Action(action: "/training/\(programme.id)/enrol", label: request.t("training.enrol"))] : [])
        }
        return try await RegisterPage(
            title: request.t("training.title"), intro: request.t("training.intro"), error: error, notice: notice, filterAction: "/training",
            cities: RegisterPage.cities(request, selected: region), search: q ?? "",
            sections: [RegisterPage.Section(
                headers: [request.t("field.name"), request.t("field.occupationCode"), request.t("field.provider"), request.t("field.countyCode"),
                          request.t("training.dates"), request.t("field.seats")],
                rows: rows, empty: request.t("training.empty"))],
            pager: Pager(page, request: request)).render(request, status: status)
    }

    func enrol(request: Request) async throws -> Response {
        let id = try request.uuidParameter(entity: "training")
        guard let worker = try await Self.ownWorker(request) else { return request.redirect(to: "/login?next=/training") }
        do {
            _ = try await request.training.enrol(worker.id, in: id, by: request.principal)
            return try await renderTraining(request, notice: request.t("training.enrolled"), error: nil)
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            return try await renderTraining(request, notice: nil, error: request.message(for: error), status: .badRequest)
        }
    }

    func gigs(request: Request) async throws -> Response {
        try await renderGigs(request, notice: nil, error: nil)
    }

    func renderGigs(_ request: Request, notice: String?, error: String?, status: HTTPStatus = .ok) async throws -> Response {
        let region = try request.queryRegion()
        let regions = request.services.regions
        let page = try await request.gigs.tasks(region: region, from: request.today, page: try request.pageRequest())
        let taken = try await request.gigs.takenCounts(page.items.map(\.id))
        let markets = try await request.gigs.markets(region: region, page: Paging(perPage: 100)).items
        let marketNames = Dictionary(markets.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let worker = try await Self.ownWorker(request)
        // The signed-in worker's own sign-ups: those show as signed up, with a way to cancel.
        var signedUp = Set<UUID>()
        if let worker {
            for (signup, task) in try await request.gigs.signups(ofWorker: worker.id, by: request.principal) where signup.status == .signedUp {
                signedUp.insert(task.id)
            }
        }
        let gigRows = page.items.map { gig in
            let left = gig.headcount - (taken[gig.id] ?? 0)
            var actions: [RegisterPage.Action] = []
            if signedUp.contains(gig.id) {
                actions = [RegisterPage.Action(action: "/gigs/\(gig.id)/cancel", label: request.t("gigs.cancel_signup"))]
            } else if worker != nil && left > 0 {
                actions = [RegisterPage.Action(action: "/gigs/\(gig.id)/signup", label: request.t("gigs.sign_up"))]
            }
            return RegisterPage.Row(cells: [
                RegisterPage.Cell(gig.date.description), RegisterPage.Cell(gig.title, note: marketNames[gig.marketID]),
                RegisterPage.Cell(gig.place), RegisterPage.Cell(request.t("gigs.pay_\(gig.payUnit.rawValue)", ["pay": Formatting.yuan(gig.pay)])),
                RegisterPage.Cell(request.t("training.seats_left", ["left": String(left), "seats": String(gig.headcount)]),
                                  note: signedUp.contains(gig.id) ? request.t("gigs.you_signed_up") : nil),
            ], actions: actions)
        }
        let marketRows = markets.map { market in
            RegisterPage.Row(cells: [
                RegisterPage.Cell(market.name), RegisterPage.Cell(regions.placeName(market.countyCode)), RegisterPage.Cell(market.address),
                RegisterPage.Cell(market.hours), RegisterPage.Cell(market.services.map { request.t("gig_service.\($0.rawValue)") }.joined(separator: "、")),
                RegisterPage.Cell(market.phone ?? "—"),
            ])
        }
        return try await RegisterPage(
            title: request.t("gigs.title"), intro: request.t("gigs.intro"), error: error, notice: notice, filterAction: "/gigs",
            cities: RegisterPage.cities(request, selected: region),
            sections: [
                RegisterPage.Section(title: request.t("gigs.upcoming"),
                                     headers: [request.t("field.date"), request.t("field.title"), request.t("field.place"), request.t("field.pay"),
                                               request.t("field.headcount")], rows: gigRows, empty: request.t("gigs.empty")),
                RegisterPage.Section(title: request.t("gigs.markets"),
                                     headers: [request.t("field.name"), request.t("field.countyCode"), request.t("field.address"),
                                               request.t("field.hours"), request.t("field.services"), request.t("field.phone")],
                                     rows: marketRows, empty: request.t("gigs.no_markets")),
            ],
            pager: Pager(page, request: request)).render(request, status: status)
    }

    func signUp(request: Request) async throws -> Response {
        let id = try request.uuidParameter(entity: "gig")
        guard let worker = try await Self.ownWorker(request) else { return request.redirect(to: "/login?next=/gigs") }
        do {
            _ = try await request.gigs.signUp(worker.id, for: id, by: request.principal)
            return try await renderGigs(request, notice: request.t("gigs.signed_up"), error: nil)
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            return try await renderGigs(request, notice: nil, error: request.message(for: error), status: .badRequest)
        }
    }

    /// The worker cancels their own sign-up from the list.
    func cancelSignUp(request: Request) async throws -> Response {
        let id = try request.uuidParameter(entity: "gig")
        guard let worker = try await Self.ownWorker(request) else { return request.redirect(to: "/login?next=/gigs") }
        guard let signup = try await request.gigs.signups(ofWorker: worker.id, by: request.principal)
            .first(where: { $0.1.id == id && $0.0.status == .signedUp })?.0 else { throw DomainError.notFound("gig_signup") }
        do {
            _ = try await request.gigs.answer(signup.id, .cancelled, by: request.principal)
            return try await renderGigs(request, notice: request.t("gigs.cancelled"), error: nil)
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            return try await renderGigs(request, notice: nil, error: request.message(for: error), status: .badRequest)
        }
    }

    func workshops(request: Request) async throws -> Response {
        let region = try request.queryRegion()
        let q = try request.queryText("q", max: 50)
        let page = try await request.workshops.list(region: region, search: q, page: try request.pageRequest())
        let rows = page.items.map { workshop in
            RegisterPage.Row(cells: [
                RegisterPage.Cell(workshop.name, note: workshop.generated ? request.t("demo.generated") : nil),
                RegisterPage.Cell(request.services.regions.placeName(workshop.countyCode) + " " + workshop.village),
                RegisterPage.Cell(workshop.product), RegisterPage.Cell(workshop.opened.description),
                RegisterPage.Cell(request.t("workshops.workers_of", ["workers": String(workshop.workers), "lifted": String(workshop.workersPovertyLifted)])),
            ])
        }
        return try await RegisterPage(
            title: request.t("workshops.title"), intro: request.t("workshops.intro"), filterAction: "/workshops",
            cities: RegisterPage.cities(request, selected: region), search: q ?? "",
            sections: [RegisterPage.Section(
                headers: [request.t("field.name"), request.t("field.village"), request.t("field.product"), request.t("field.opened"),
                          request.t("field.workers")],
                rows: rows, empty: request.t("workshops.empty"))],
            pager: Pager(page, request: request)).render(request)
    }
}

extension Request {
    /// An occupation code with its name (the nearest level the catalogue names) in the visitor's language.
    func occupationName(_ code: String) -> String {
        guard let occupation = OccupationCatalogue.nearest(code) else { return code }
        return "\(language == .en ? occupation.nameEn : occupation.nameZh) (\(code))"
    }
}
