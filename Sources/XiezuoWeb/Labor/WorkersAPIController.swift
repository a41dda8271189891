import Vapor
import XiezuoCore
import XiezuoStore

extension Worker: Content {}
extension JobApplication: Content {}
extension MatchScore: Content {}
extension WorkerCard: Content {}
extension JobInvitation: Content {}

/// A matched job: the listing, its score and the reasons in the caller's language.
struct JobMatchDTO: Content {
    var job: JobListingDTO
    var score: Int
    var reasons: [String]
}

/// A matched worker's card (pseudonymous unless the caller covers the worker or they applied), its score and the
/// reasons.
struct WorkerMatchDTO: Content {
    var worker: WorkerCard
    var score: Int
    var reasons: [String]
    /// Whether the posting's side invited the worker already.
    var invited: Bool
}

extension Request {
    var workers: WorkerRepository { WorkerRepository(database: db, regions: services.regions, cipher: services.cipher, clock: services.clock) }
    var applications: ApplicationRepository { ApplicationRepository(database: db, regions: services.regions, clock: services.clock) }
    var matching: WorkerMatching { WorkerMatching(database: db, search: services.jobSearch, cipher: services.cipher, clock: services.clock) }

    /// A match reason in words: `match.<code>` with its arguments named (regions and occupations by name).
    func words(_ reason: MatchReason) -> String {
        var arguments = reason.arguments
        if let region = arguments["region"] { arguments["region"] = services.regions[region]?.name ?? region }
        if let code = arguments["occupation"], let occupation = OccupationCatalogue.nearest(code) {
            arguments["occupation"] = language == .en ? occupation.nameEn : occupation.nameZh
        }
        if let wage = arguments["wage"].flatMap(Int64.init) { arguments["wage"] = Formatting.count(wage / 100) }
        return t("match.\(reason.code)", arguments)
    }
}

/// The worker registry, matching, applications and placements.
struct WorkersAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let workers = routes.grouped("api", "v1", "workers")
        workers.get(use: list)
        workers.post(use: register)
        workers.get("me", use: mine)
        workers.get(":id", use: show)
        workers.put(":id", use: update)
        workers.get(":id", "identity", use: reveal)
        workers.post(":id", "status", use: recordStatus)
        workers.get(":id", "matches", use: jobMatches)
        workers.get(":id", "applications", use: workerApplications)
        workers.post(":id", "applications", use: apply)
        routes.get("api", "v1", "jobs", ":id", "matches", use: workerMatches)
        routes.post("api", "v1", "jobs", ":id", "invitations", use: invite)
        workers.get(":id", "invitations", use: workerInvitations)
        routes.get("api", "v1", "jobs", ":id", "applications", use: postingApplications)
        let applications = routes.grouped("api", "v1", "applications")
        applications.post(":id", "status", use: respond)
        applications.post(":id", "hire", use: hire)
        applications.post(":id", "reversal", use: reversePlacement)
    }

    static let operations: [APIOperation] = {
        let id = APIOperation.Parameter.path("id", "Record id")
        return [
            APIOperation(.GET, "/api/v1/workers", tag: "labor", summary: "Workers of the caller's jurisdiction (numbers masked)",
                         parameters: [.query("region", "Region code (subtree)"), .query("q", "Part of the name"),
                                      .query("status", "Employment status")] + APIOperation.Parameter.paging,
                         response: .list("Worker"), secured: true),
            APIOperation(.POST, "/api/v1/workers", tag: "labor",
                         summary: "Register a worker (staff for their jurisdiction, or a worker account for itself); the ID number deduplicates",
                         request: "WorkerDraft", response: .object("Worker"), status: 201, secured: true),
            APIOperation(.GET, "/api/v1/workers/me", tag: "labor", summary: "The signed-in worker's own profile",
                         response: .object("Worker"), secured: true),
            APIOperation(.GET, "/api/v1/workers/{id}", tag: "labor", summary: "One worker (numbers masked)", parameters: [id],
                         response: .object("Worker"), secured: true),
            APIOperation(.PUT, "/api/v1/workers/{id}", tag: "labor", summary: "Replace a worker's fields", parameters: [id],
                         request: "WorkerDraft", response: .object("Worker"), secured: true),
            APIOperation(.GET, "/api/v1/workers/{id}/identity", tag: "labor",
                         summary: "The worker with the ID-card and phone numbers in full; the read is audited with its reason",
                         parameters: [id, .query("reason", "Why the numbers are needed (required, up to 200 characters; recorded in the audit log)")],
                         response: .object("Worker"), secured: true),
            APIOperation(.POST, "/api/v1/workers/{id}/status", tag: "labor", summary: "Record a change of employment status",
                         parameters: [id], request: "EmploymentChange", response: .object("Worker"), secured: true),
            APIOperation(.GET, "/api/v1/workers/{id}/matches", tag: "labor", summary: "The top open jobs for a worker, with score and reasons",
                         parameters: [id, .query("limit", "At most 100 (default 20)", type: "integer")], response: .object("JobMatches"),
                         secured: true),
            APIOperation(.GET, "/api/v1/workers/{id}/applications", tag: "labor", summary: "A worker's applications and placements",
                         parameters: [id] + APIOperation.Parameter.paging, response: .object("Applications"), secured: true),
            APIOperation(.POST, "/api/v1/workers/{id}/applications", tag: "labor", summary: "Apply to an open posting",
                         parameters: [id], request: "ApplicationDraft", response: .object("Application"), status: 201, secured: true),
            APIOperation(.GET, "/api/v1/jobs/{id}/matches", tag: "labor",
                         summary: "The top seeking workers for a posting (its employer and the staff covering it): pseudonymous cards unless the caller covers the worker or the worker applied",
                         parameters: [id, .query("limit", "At most 100 (default 20)", type: "integer")], response: .object("WorkerMatches"),
                         secured: true),
            APIOperation(.POST, "/api/v1/jobs/{id}/invitations", tag: "labor",
                         summary: "Invite a matched candidate to apply (by the card's candidate token); inviting again changes nothing",
                         parameters: [id], request: "Invitation", response: .none, status: 204, secured: true),
            APIOperation(.GET, "/api/v1/workers/{id}/invitations", tag: "labor",
                         summary: "The open postings a worker was invited to and has not applied to (the worker and staff covering them)",
                         parameters: [id] + APIOperation.Parameter.pageOnly, response: .object("Invitations"), secured: true),
            APIOperation(.GET, "/api/v1/jobs/{id}/applications", tag: "labor", summary: "A posting's applications",
                         parameters: [id] + APIOperation.Parameter.paging, response: .object("Applications"), secured: true),
            APIOperation(.POST, "/api/v1/applications/{id}/status", tag: "labor",
                         summary: "Accept or reject (the employer's side) or withdraw (the worker's side)", parameters: [id],
                         request: "ApplicationMove", response: .object("Application"), secured: true),
            APIOperation(.POST, "/api/v1/applications/{id}/hire", tag: "labor",
                         summary: "Hire: start date, wage and place; updates the worker's status and the placement indicators",
                         parameters: [id], request: "HireDraft", response: .object("Application"), secured: true),
            APIOperation(.POST, "/api/v1/applications/{id}/reversal", tag: "labor",
                         summary: "Reverse a placement (红字冲销, staff): it stays as booked, leaves the placement indicators, and the worker's status goes back; once per placement",
                         parameters: [id], request: "ReversalDraft", response: .object("Application"), status: 201, secured: true),
        ]
    }()

    func list(request: Request) async throws -> Response {
        var status: EmploymentStatus?
        if let text = try request.queryText("status", max: 30) {
            guard let value = EmploymentStatus(rawValue: text) else { throw DomainError.invalid("status", "unknown_choice", ["value": text]) }
            status = value
        }
        let (region, search, principal, wanted) = (try request.queryRegion(), try request.queryText("q", max: 40), try request.signedIn(), status)
        return try await request.list(SheetSpec(name: "export.sheet.workers", values: ["status": "employment_status"],
                                                labels: ["name": "export.column.person_name", "gender": "export.column.sex", "education": "export.column.education_level"])) { paging in
            try await request.workers.list(region: region, search: search, status: wanted, by: principal, page: paging)
        }
    }

    func register(request: Request) async throws -> Response {
        let worker = try await request.workers.register(try request.decodeJSON(WorkerDraft.self), by: try request.signedIn())
        return try await worker.encodeResponse(status: .created, for: request)
    }

    func mine(request: Request) async throws -> Worker {
        guard let worker = try await request.workers.mine(by: try request.signedIn()) else { throw DomainError.notFound("worker") }
        return worker
    }

    func show(request: Request) async throws -> Worker {
        try await request.workers.get(try request.uuidParameter(entity: "worker"), by: try request.signedIn())
    }

    func update(request: Request) async throws -> Worker {
        try await request.workers.update(try request.uuidParameter(entity: "worker"), with: try request.decodeJSON(WorkerDraft.self),
                                         by: try request.signedIn())
    }

    func reveal(request: Request) async throws -> Worker {
        try await request.workers.reveal(try request.uuidParameter(entity: "worker"), reason: try request.queryText("reason", max: 200),
                                         by: try request.signedIn())
    }

    func recordStatus(request: Request) async throws -> Worker {
        struct Body: Decodable { var status: String?; var date: String?; var note: String? }
        let principal = try request.signedIn()
        let id = try request.uuidParameter(entity: "worker")
        let body = try request.decodeJSON(Body.self)
        let text = try Validate.required(body.status, field: "status", max: 30)
        guard let status = EmploymentStatus(rawValue: text) else { throw DomainError.invalid("status", "unknown_choice", ["value": text]) }
        guard let since = try Validate.day(body.date, field: "date") else { throw DomainError.invalid("date", "required") }
        return try await request.workers.recordStatus(id, status, since: since, note: body.note, by: principal)
    }

    struct JobMatchesDTO: Content { var items: [JobMatchDTO] }
    struct WorkerMatchesDTO: Content { var items: [WorkerMatchDTO] }

    func limit(_ request: Request) throws -> Int {
        guard let limit = try request.queryInt("limit") else { return 20 }
        guard (1...100).contains(limit) else { throw DomainError.invalid("limit", "out_of_range", ["min": "1", "max": "100"]) }
        return limit
    }

    func jobMatches(request: Request) async throws -> JobMatchesDTO {
        let today = request.today
        let matches = try await request.matching.jobs(for: try request.uuidParameter(entity: "worker"), by: try request.signedIn(),
                                                      limit: try limit(request), today: today)
        return JobMatchesDTO(items: matches.map {
            JobMatchDTO(job: JobListingDTO($0.listing, today: today, for: request.principal), score: $0.score.score, reasons: $0.score.reasons.map(request.words))
        })
    }

    func workerMatches(request: Request) async throws -> WorkerMatchesDTO {
        let matches = try await request.matching.workers(for: try request.uuidParameter(entity: "job"), by: try request.signedIn(),
                                                         limit: try limit(request))
        return WorkerMatchesDTO(items: matches.map { WorkerMatchDTO(worker: $0.card, score: $0.score.score, reasons: $0.score.reasons.map(request.words),
                                                                    invited: $0.invited) })
    }

    func invite(request: Request) async throws -> Response {
        struct Body: Decodable { var candidate: String? }
        let principal = try request.signedIn()
        let posting = try request.uuidParameter(entity: "job")
        try await request.matching.invite(try request.decodeJSON(Body.self).candidate, to: posting, by: principal)
        return Response(status: .noContent)
    }

    func workerInvitations(request: Request) async throws -> PageDTO<JobInvitation> {
        let items = try await request.matching.invitations(of: try request.uuidParameter(entity: "worker"), by: try request.signedIn())
        return PageDTO(Paged(slicing: items, request: try request.pageRequest(defaultPerPage: Paging.maxPerPage)))
    }

    func workerApplications(request: Request) async throws -> Response {
        try await applications(request, try await request.applications.forWorker(try request.uuidParameter(entity: "worker"), by: try request.signedIn()))
    }

    func postingApplications(request: Request) async throws -> Response {
        try await applications(request, try await request.applications.forPosting(try request.uuidParameter(entity: "job"), by: try request.signedIn()))
    }

    private func applications(_ request: Request, _ items: [JobApplication]) async throws -> Response {
        try await request.list(SheetSpec(name: "export.sheet.applications", values: ["status": "application_status", "stage": "application_stage"]),
                               all: items, defaultPerPage: Paging.maxPerPage)
    }

    func apply(request: Request) async throws -> Response {
        struct Body: Decodable { var postingId: UUID? }
        let principal = try request.signedIn()
        let worker = try request.uuidParameter(entity: "worker")
        guard let posting = try request.decodeJSON(Body.self).postingId else { throw DomainError.invalid("postingId", "required") }
        return try await request.applications.apply(worker: worker, to: posting, by: principal).encodeResponse(status: .created, for: request)
    }

    func respond(request: Request) async throws -> JobApplication {
        struct Body: Decodable { var status: String?; var message: String? }
        let principal = try request.signedIn()
        let id = try request.uuidParameter(entity: "application")
        let body = try request.decodeJSON(Body.self)
        let text = try Validate.required(body.status, field: "status", max: 20)
        guard let status = ApplicationStatus(rawValue: text) else { throw DomainError.invalid("status", "unknown_choice", ["value": text]) }
        return try await request.applications.respond(id, status, message: body.message, by: principal)
    }

    func reversePlacement(request: Request) async throws -> Response {
        try await request.applications.reversePlacement(try request.uuidParameter(entity: "application"), try request.decodeJSON(ReversalDraft.self),
                                                        by: try request.signedIn()).encodeResponse(status: .created, for: request)
    }

    func hire(request: Request) async throws -> JobApplication {
        let principal = try request.signedIn()
        return try await request.applications.hire(try request.uuidParameter(entity: "application"), try request.decodeJSON(HireDraft.self),
                                                   by: principal)
    }
}
