import Vapor
import XiezuoCore
import XiezuoStore

/// The job-board API (public reads) and the posting API (employers' accounts and staff).
struct JobsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let jobs = routes.grouped("api", "v1", "jobs")
        jobs.get(use: search)
        jobs.get(":id", use: show)
        jobs.post(use: create)
        jobs.put(":id", use: update)
        jobs.post(":id", "status", use: move)
        routes.get("api", "v1", "job-postings", use: managed)
    }

    static let operations: [APIOperation] = [
        APIOperation(.GET, "/api/v1/jobs", tag: "labor", summary: "Search open job postings (public); each job once",
                     parameters: [.query("q", "Words in Chinese (1 character or more) or Latin letters; a word also finds postings whose occupation it names (厨师 → 中式烹调师), ranked below title matches"),
                                  .query("region", "Province, city or county (its subtree): a code, or a name such as 南京"),
                                  .query("province", "jiangsu or shaanxi"),
                                  .query("occupation", "Occupation code prefix, e.g. 4 or 4-03"),
                                  .query("wage_min", "Lowest acceptable monthly wage in fen: the bottom of the posting's range is at least this", type: "integer"),
                                  .query("benefits", "Comma-separated: board, lodging, social_insurance, housing_fund, travel_paid, training"),
                                  .query("paired_with", "A county whose paired regions' jobs come first"),
                                  .query("sort", "relevance (default), newest or wage")] + APIOperation.Parameter.paging,
                     response: .list("JobListing")),
        APIOperation(.GET, "/api/v1/jobs/{id}", tag: "labor", summary: "One posting with every platform carrying it (public)",
                     parameters: [.path("id", "Posting id")], response: .object("JobListing")),
        APIOperation(.POST, "/api/v1/jobs", tag: "labor",
                     summary: "Post a job; enterprise accounts post for their own employer, staff name employerId",
                     request: "JobDraft", response: .object("JobPosting"), status: 201, secured: true),
        APIOperation(.PUT, "/api/v1/jobs/{id}", tag: "labor", summary: "Replace a local posting's content",
                     parameters: [.path("id", "Posting id")], request: "JobDraft", response: .object("JobPosting"), secured: true),
        APIOperation(.POST, "/api/v1/jobs/{id}/status", tag: "labor", summary: "Mark a posting filled, open again or withdrawn",
                     parameters: [.path("id", "Posting id")], request: "JobStatusChange", response: .object("JobPosting"), secured: true),
        APIOperation(.GET, "/api/v1/job-postings", tag: "labor",
                     summary: "Postings the caller manages (an employer's own; staff: placed in their jurisdiction)",
                     parameters: [.query("status", "open, filled, withdrawn, expired"), .query("q", "Part of the title or employer")]
                        + APIOperation.Parameter.paging,
                     response: .list("JobPosting"), secured: true),
    ]

    func search(request: Request) async throws -> Response {
        let today = request.today
        let query = try await request.jobQuery()
        return try await request.list(SheetSpec(name: "export.sheet.jobs", values: ["status": "job_status", "currentStatus": "job_status"], omit: ["version"], labels: ["platform": "export.column.origin_platform"]), defaultPerPage: 20) { paging in
            try await request.jobBoard.find(query, page: paging, today: today).map { JobListingDTO($0, today: today, for: request.principal) }
        }
    }

    func show(request: Request) async throws -> JobListingDTO {
        let posting = try await request.jobs.get(try request.uuidParameter(entity: "job_posting"))
        let origins = try await request.jobs.origins(of: posting)
        return JobListingDTO(JobListing(posting: posting, origins: origins.isEmpty ? [posting.origin] : origins), today: request.today, for: request.principal)
    }

    /// The posting body: the draft plus, for staff, the employer it is for.
    struct Body: Decodable {
        var employerId: UUID?
        var draft: JobDraft

        init(from decoder: any Decoder) throws {
            draft = try JobDraft(from: decoder)
            enum Keys: String, CodingKey { case employerId }
            employerId = try decoder.container(keyedBy: Keys.self).decodeIfPresent(UUID.self, forKey: .employerId)
        }
    }

    func create(request: Request) async throws -> Response {
        let body = try request.decodeJSON(Body.self)
        let posting = try await request.jobs.create(body.draft, employerID: body.employerId, by: try request.signedIn())
        return try await posting.encodeResponse(status: .created, for: request)
    }

    func update(request: Request) async throws -> JobPosting {
        try await request.jobs.update(try request.uuidParameter(entity: "job_posting"), with: try request.decodeJSON(JobDraft.self),
                                      by: try request.signedIn())
    }

    func move(request: Request) async throws -> JobPosting {
        struct Body: Decodable { var status: String? }
        guard let status = try request.decodeJSON(Body.self).status.flatMap(JobStatus.init(rawValue:)) else {
            throw DomainError.invalid("status", "unknown_status")
        }
        return try await request.jobs.move(try request.uuidParameter(entity: "job_posting"), to: status, by: try request.signedIn())
    }

    func managed(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        guard principal.role == .enterprise || principal.role?.isStaff == true else { throw DomainError.forbidden }
        var status: JobStatus?
        if let text = try request.queryText("status") {
            guard let value = JobStatus(rawValue: text) else { throw DomainError.invalid("status", "unknown_status") }
            status = value
        }
        let (wanted, search) = (status, try request.queryText("q", max: 100))
        return try await request.list(SheetSpec(name: "export.sheet.postings", values: ["status": "job_status"], omit: ["version"], labels: ["platform": "export.column.origin_platform"])) { paging in
            try await request.jobs.managed(status: wanted, search: search, by: principal, page: paging)
        }
    }
}
