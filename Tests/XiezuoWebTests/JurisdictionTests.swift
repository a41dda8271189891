import Foundation
import Testing
import Vapor
import VaporTesting
import XiezuoCore
import XiezuoTestSupport

/// Every route of the app, classified: either it is checked here against another county's records, or it is
/// named as holding nothing that belongs to a county. A new route must be put in one of the two lists.
@Suite("Jurisdiction over every route")
struct JurisdictionTests {
    /// What the officer of 柞水县 must get when reaching for 富平县's records.
    enum Expect {
        /// 403 or 404.
        case refused
        /// 200, but the marker (an id or a code of 富平县) is absent from the body.
        case hidden
    }

    struct Case: Sendable {
        var method: HTTPMethod
        var route: String
        var path: String
        var body: String?
        var expect: Expect
    }

    /// Routes that hold nothing belonging to a county (public reference data, one's own account, operations).
    static let notJurisdictionBound: Set<String> = [
        "GET /", "GET /health", "GET /metrics", "GET /api/v1/openapi.json", "GET /regions", "GET /regions/:code",
        "GET /api/v1/regions", "GET /api/v1/regions/:code", "GET /api/v1/regions/search", "GET /api/v1/occupations/search", "GET /pairings", "GET /api/v1/pairings",
        "GET /api/v1/pairings/:id", "GET /login", "POST /login", "POST /logout", "GET /lang/:code", "GET /account",
        "POST /account/tokens", "POST /account/password", "GET /api/v1/me",
        // Signing up, and a worker applying for themselves from the public job page.
        "GET /register", "POST /register", "POST /jobs/:id/apply",
        // The second factor: one's own (a pending sign-in's, or the signed-in account's).
        "GET /login/second-factor", "POST /login/second-factor", "GET /login/second-factor/setup", "POST /login/second-factor/setup",
        "GET /account/second-factor", "POST /account/second-factor", "POST /account/second-factor/remove",
        "GET /api/v1/indicators", "GET /projects/new",
        // The public job board: open postings are public by design.
        "GET /jobs", "GET /jobs/:id", "GET /api/v1/jobs", "GET /api/v1/jobs/:id",
        // The public registers of featured industries, parks and promotion events.
        "GET /api/v1/industries", "GET /api/v1/industries/:id", "GET /api/v1/parks", "GET /api/v1/parks/:id",
        "GET /api/v1/promotion-events", "GET /api/v1/promotion-events/:id", "GET /industries", "GET /industries/:id",
        "GET /parks/:id/images/:image",
        // One's own worker profile.
        "GET /api/v1/workers/me",
        // Empty forms.
        "GET /manage/jobs/new", "GET /employers/new", "GET /manage/industry/:kind/new", "GET /workers/new",
    ]

    /// 富平县's records of the industry registers.
    struct IndustryRecords {
        var industry: UUID
        var park: UUID
        var share: UUID
        var lead: UUID
        var event: UUID
    }

    static func workerCases(worker: UUID, posting: UUID, application: UUID) -> [Case] {
        let draft = #"{"name":"x","idNumber":"\#(sampleIDNumber(99, region: "610528"))","phone":"13912345678","homeCode":"610528001","consent":true,"sensitiveConsent":true}"#
        return [
            Case(method: .GET, route: "/api/v1/workers", path: "/api/v1/workers?region=610528", expect: .hidden),
            Case(method: .POST, route: "/api/v1/workers", path: "/api/v1/workers", body: draft, expect: .refused),
            Case(method: .GET, route: "/api/v1/workers/:id", path: "/api/v1/workers/\(worker)", expect: .refused),
            Case(method: .PUT, route: "/api/v1/workers/:id", path: "/api/v1/workers/\(worker)", body: draft, expect: .refused),
            Case(method: .GET, route: "/api/v1/workers/:id/identity", path: "/api/v1/workers/\(worker)/identity", expect: .refused),
            Case(method: .POST, route: "/api/v1/workers/:id/status", path: "/api/v1/workers/\(worker)/status",
                 body: #"{"status":"self_employed","date":"2025-01-01"}"#, expect: .refused),
            Case(method: .GET, route: "/api/v1/workers/:id/matches", path: "/api/v1/workers/\(worker)/matches", expect: .refused),
            Case(method: .GET, route: "/api/v1/workers/:id/applications", path: "/api/v1/workers/\(worker)/applications", expect: .refused),
            Case(method: .POST, route: "/api/v1/workers/:id/applications", path: "/api/v1/workers/\(worker)/applications",
                 body: #"{"postingId":"\#(posting)"}"#, expect: .refused),
            Case(method: .GET, route: "/api/v1/jobs/:id/matches", path: "/api/v1/jobs/\(posting)/matches", expect: .refused),
            Case(method: .POST, route: "/api/v1/jobs/:id/invitations", path: "/api/v1/jobs/\(posting)/invitations",
                 body: #"{"candidate":"x"}"#, expect: .refused),
            Case(method: .GET, route: "/api/v1/workers/:id/invitations", path: "/api/v1/workers/\(worker)/invitations", expect: .refused),
            Case(method: .GET, route: "/api/v1/jobs/:id/applications", path: "/api/v1/jobs/\(posting)/applications", expect: .refused),
            Case(method: .POST, route: "/api/v1/applications/:id/status", path: "/api/v1/applications/\(application)/status",
                 body: #"{"status":"rejected"}"#, expect: .refused),
            Case(method: .POST, route: "/api/v1/applications/:id/hire", path: "/api/v1/applications/\(application)/hire",
                 body: #"{"startDate":"2025-01-01","monthlyWage":500000}"#, expect: .refused),
            Case(method: .GET, route: "/workers", path: "/workers", expect: .hidden),
            Case(method: .POST, route: "/workers", path: "/workers",
                 body: "name=x&idNumber=\(sampleIDNumber(99, region: "610528"))&phone=13912345678&homeCode=610528001&consent=on&sensitiveConsent=on", expect: .refused),
            Case(method: .GET, route: "/workers/:id", path: "/workers/\(worker)", expect: .refused),
            Case(method: .GET, route: "/workers/:id/edit", path: "/workers/\(worker)/edit", expect: .refused),
            Case(method: .POST, route: "/workers/:id", path: "/workers/\(worker)",
                 body: "name=x&idNumber=\(sampleIDNumber(99, region: "610528"))&phone=13912345678&homeCode=610528001", expect: .refused),
            Case(method: .POST, route: "/workers/:id/identity", path: "/workers/\(worker)/identity", body: "", expect: .refused),
            Case(method: .POST, route: "/workers/:id/apply", path: "/workers/\(worker)/apply", body: "postingId=\(posting)", expect: .refused),
        ]
    }

    static func industryCases(_ r: IndustryRecords) -> [Case] {
        let industry = #"{"name":"x","countyCode":"610528","category":"x","role":"leading","since":2020}"#
        let park = #"{"name":"x","countyCode":"610528","form":"enclave","partnerCode":"3211"}"#
        let enterprise = #"{"name":"x","originCode":"3211","chain":"x","countyCode":"610528"}"#
        let event = #"{"title":"x","date":"2025-03-01","cityCode":"3211","organiserCode":"610528"}"#
        let share = #"{"sendingCode":"3211","fromYear":2030,"outputSending":5000,"outputHosting":5000,"taxSending":5000,"taxHosting":5000,"gdpSending":5000,"gdpHosting":5000}"#
        return [
            Case(method: .POST, route: "/api/v1/industries", path: "/api/v1/industries", body: industry, expect: .refused),
            Case(method: .PUT, route: "/api/v1/industries/:id", path: "/api/v1/industries/\(r.industry)", body: industry, expect: .refused),
            Case(method: .DELETE, route: "/api/v1/industries/:id", path: "/api/v1/industries/\(r.industry)", expect: .refused),
            Case(method: .POST, route: "/api/v1/parks", path: "/api/v1/parks", body: park, expect: .refused),
            Case(method: .PUT, route: "/api/v1/parks/:id", path: "/api/v1/parks/\(r.park)", body: park, expect: .refused),
            Case(method: .DELETE, route: "/api/v1/parks/:id", path: "/api/v1/parks/\(r.park)", expect: .refused),
            Case(method: .GET, route: "/api/v1/parks/:id/enclave", path: "/api/v1/parks/\(r.park)/enclave", expect: .refused),
            Case(method: .POST, route: "/api/v1/parks/:id/enclave/shares", path: "/api/v1/parks/\(r.park)/enclave/shares", body: share,
                 expect: .refused),
            Case(method: .DELETE, route: "/api/v1/parks/:id/enclave/shares/:share", path: "/api/v1/parks/\(r.park)/enclave/shares/\(r.share)",
                 expect: .refused),
            Case(method: .PUT, route: "/api/v1/parks/:id/figures/:year", path: "/api/v1/parks/\(r.park)/figures/2025",
                 body: #"{"outputValue":1,"taxRevenue":1,"gdp":1}"#, expect: .refused),
            Case(method: .GET, route: "/api/v1/enclave-report", path: "/api/v1/enclave-report?year=2025", expect: .hidden),
            Case(method: .GET, route: "/api/v1/enterprises", path: "/api/v1/enterprises?region=610528", expect: .hidden),
            Case(method: .GET, route: "/parks/:id", path: "/parks/\(r.park)", expect: .hidden),
            Case(method: .POST, route: "/api/v1/enterprises", path: "/api/v1/enterprises", body: enterprise, expect: .refused),
            Case(method: .GET, route: "/api/v1/enterprises/:id", path: "/api/v1/enterprises/\(r.lead)", expect: .refused),
            Case(method: .PUT, route: "/api/v1/enterprises/:id", path: "/api/v1/enterprises/\(r.lead)", body: enterprise, expect: .refused),
            Case(method: .POST, route: "/api/v1/enterprises/:id/status", path: "/api/v1/enterprises/\(r.lead)/status",
                 body: #"{"status":"negotiating"}"#, expect: .refused),
            Case(method: .POST, route: "/api/v1/promotion-events", path: "/api/v1/promotion-events", body: event, expect: .refused),
            Case(method: .PUT, route: "/api/v1/promotion-events/:id", path: "/api/v1/promotion-events/\(r.event)", body: event, expect: .refused),
            Case(method: .GET, route: "/manage/industry", path: "/manage/industry?region=610528", expect: .hidden),
            Case(method: .POST, route: "/manage/industry/:kind", path: "/manage/industry/industries",
                 body: "name=x&countyCode=610528&category=x&role=leading&since=2020", expect: .refused),
            Case(method: .GET, route: "/manage/industry/:kind/:id/edit", path: "/manage/industry/industries/\(r.industry)/edit", expect: .refused),
            Case(method: .POST, route: "/manage/industry/:kind/:id", path: "/manage/industry/parks/\(r.park)",
                 body: "name=x&countyCode=610528&form=enclave&partnerCode=3211", expect: .refused),
            Case(method: .POST, route: "/manage/industry/pipeline/:id", path: "/manage/industry/pipeline/\(r.lead)", body: "status=negotiating",
                 expect: .refused),
            Case(method: .POST, route: "/manage/industry/enclave/:id/shares", path: "/manage/industry/enclave/\(r.park)/shares",
                 body: "sendingCode=3211&fromYear=2030&outputSending=50&outputHosting=50&taxSending=50&taxHosting=50&gdpSending=50&gdpHosting=50",
                 expect: .refused),
            Case(method: .POST, route: "/manage/industry/enclave/:id/figures", path: "/manage/industry/enclave/\(r.park)/figures",
                 body: "year=2025&outputValue=1&taxRevenue=1&gdp=1", expect: .refused),
            Case(method: .POST, route: "/manage/industry/pictures/:id", path: "/manage/industry/pictures/\(r.park)", body: "image=x", expect: .refused),
        ]
    }

    static func cases(account: UUID, token: UUID, pairing: UUID, project: UUID, agreement: UUID, employer: UUID, posting: UUID) -> [Case] {
        let soon = Day(Date().addingTimeInterval(10 * 86_400)).description
        let job = #"{"employerId":"\#(employer)","title":"厨师","occupationCode":"4-03-02-01","countyCode":"610528","wageMin":500000,"headcount":1,"validThrough":"\#(soon)"}"#
        let employerJSON = #"{"creditCode":"91610528000000001F","name":"x","regionCode":"610528","industry":"x","contactName":"x","contactPhone":"13800000000"}"#
        let jobForm = "employerId=\(employer)&title=x&occupationCode=4-03-02-01&countyCode=610528&wageMinYuan=5000&headcount=1&validThrough=\(soon)"
        let employerForm = "creditCode=91610528000000001F&name=x&regionCode=610528&industry=x&contactName=x&contactPhone=13800000000"
        return [
            Case(method: .GET, route: "/api/v1/employers", path: "/api/v1/employers?region=610528", expect: .hidden),
            Case(method: .POST, route: "/api/v1/employers", path: "/api/v1/employers", body: employerJSON, expect: .refused),
            Case(method: .GET, route: "/api/v1/employers/:id", path: "/api/v1/employers/\(employer)", expect: .refused),
            Case(method: .PUT, route: "/api/v1/employers/:id", path: "/api/v1/employers/\(employer)", body: employerJSON, expect: .refused),
            Case(method: .GET, route: "/api/v1/employers/:id/contact", path: "/api/v1/employers/\(employer)/contact", expect: .refused),
            Case(method: .POST, route: "/api/v1/employers/:id/accounts", path: "/api/v1/employers/\(employer)/accounts",
                 body: #"{"username":"demo-enterprise"}"#, expect: .refused),
            Case(method: .POST, route: "/api/v1/jobs", path: "/api/v1/jobs", body: job, expect: .refused),
            Case(method: .PUT, route: "/api/v1/jobs/:id", path: "/api/v1/jobs/\(posting)", body: job, expect: .refused),
            Case(method: .POST, route: "/api/v1/jobs/:id/status", path: "/api/v1/jobs/\(posting)/status", body: #"{"status":"withdrawn"}"#,
                 expect: .refused),
            Case(method: .GET, route: "/api/v1/job-postings", path: "/api/v1/job-postings", expect: .hidden),
            Case(method: .GET, route: "/api/v1/exchange/jobs", path: "/api/v1/exchange/jobs", expect: .refused),
            Case(method: .GET, route: "/employers", path: "/employers?region=610528", expect: .hidden),
            Case(method: .POST, route: "/employers", path: "/employers", body: employerForm, expect: .refused),
            Case(method: .GET, route: "/employers/:id", path: "/employers/\(employer)", expect: .refused),
            Case(method: .GET, route: "/employers/:id/edit", path: "/employers/\(employer)/edit", expect: .refused),
            Case(method: .POST, route: "/employers/:id", path: "/employers/\(employer)", body: employerForm, expect: .refused),
            Case(method: .POST, route: "/employers/:id/contact", path: "/employers/\(employer)/contact", body: "", expect: .refused),
            Case(method: .POST, route: "/employers/:id/accounts", path: "/employers/\(employer)/accounts", body: "username=demo-enterprise",
                 expect: .refused),
            Case(method: .GET, route: "/manage/jobs", path: "/manage/jobs", expect: .hidden),
            Case(method: .POST, route: "/manage/jobs", path: "/manage/jobs", body: jobForm, expect: .refused),
            Case(method: .GET, route: "/manage/jobs/:id/edit", path: "/manage/jobs/\(posting)/edit", expect: .refused),
            Case(method: .POST, route: "/manage/jobs/:id", path: "/manage/jobs/\(posting)", body: jobForm, expect: .refused),
            Case(method: .POST, route: "/manage/jobs/:id/status", path: "/manage/jobs/\(posting)/status", body: "status=withdrawn", expect: .refused),

            Case(method: .GET, route: "/api/v1/projects", path: "/api/v1/projects?region=610528", expect: .hidden),
            Case(method: .POST, route: "/api/v1/projects", path: "/api/v1/projects",
                 body: #"{"code":"X-1","name":"x","countyCode":"610528","year":2025,"actionArea":"featured_industry","category":"设备更新"}"#,
                 expect: .refused),
            Case(method: .GET, route: "/api/v1/projects/:id", path: "/api/v1/projects/\(project)", expect: .refused),
            Case(method: .PATCH, route: "/api/v1/projects/:id", path: "/api/v1/projects/\(project)", body: #"{"name":"改名"}"#, expect: .refused),
            Case(method: .POST, route: "/api/v1/projects/:id/status", path: "/api/v1/projects/\(project)/status", body: #"{"status":"cancelled"}"#,
                 expect: .refused),
            Case(method: .GET, route: "/api/v1/projects/:id/flows", path: "/api/v1/projects/\(project)/flows", expect: .refused),
            Case(method: .POST, route: "/api/v1/projects/:id/flows", path: "/api/v1/projects/\(project)/flows",
                 body: #"{"type":"commitment","source":"jiangsu_aid","amount":100,"date":"2025-01-05"}"#, expect: .refused),
            Case(method: .GET, route: "/projects", path: "/projects?region=610528", expect: .hidden),
            Case(method: .GET, route: "/projects/export.csv", path: "/projects/export.csv", expect: .hidden),
            Case(method: .POST, route: "/projects", path: "/projects",
                 body: "code=X-2&name=x&countyCode=610528&year=2025&actionArea=featured_industry&category=x", expect: .refused),
            Case(method: .GET, route: "/projects/:id", path: "/projects/\(project)", expect: .refused),
            Case(method: .GET, route: "/projects/:id/edit", path: "/projects/\(project)/edit", expect: .refused),
            Case(method: .POST, route: "/projects/:id", path: "/projects/\(project)",
                 body: "code=FP-1&name=x&countyCode=610528&year=2025&actionArea=featured_industry&category=x", expect: .refused),
            Case(method: .POST, route: "/projects/:id/status", path: "/projects/\(project)/status", body: "status=cancelled", expect: .refused),
            Case(method: .POST, route: "/projects/:id/flows", path: "/projects/\(project)/flows",
                 body: "type=commitment&source=jiangsu_aid&amountYuan=1&date=2025-01-05", expect: .refused),
            Case(method: .GET, route: "/dashboard", path: "/dashboard?region=610528", expect: .refused),
            Case(method: .GET, route: "/api/v1/dashboard", path: "/api/v1/dashboard?region=610528&year=2025", expect: .refused),
            Case(method: .GET, route: "/api/v1/agreements", path: "/api/v1/agreements?year=2025", expect: .hidden),
            Case(method: .POST, route: "/api/v1/agreements", path: "/api/v1/agreements",
                 body: #"{"year":2025,"pairingId":"\#(pairing)","title":"x"}"#, expect: .refused),
            Case(method: .GET, route: "/api/v1/agreements/:id", path: "/api/v1/agreements/\(agreement)", expect: .refused),
            Case(method: .GET, route: "/agreements", path: "/agreements?year=2025", expect: .hidden),
            Case(method: .GET, route: "/agreements/edit", path: "/agreements/edit?year=2025&pairing=\(pairing)", expect: .refused),
            Case(method: .POST, route: "/agreements", path: "/agreements", body: "year=2025&pairingId=\(pairing)&title=x", expect: .refused),
            Case(method: .GET, route: "/api/v1/users/:id", path: "/api/v1/users/\(account)", expect: .refused),
            Case(method: .PATCH, route: "/api/v1/users/:id", path: "/api/v1/users/\(account)", body: #"{"disabled":true}"#, expect: .refused),
            Case(method: .GET, route: "/api/v1/users", path: "/api/v1/users", expect: .refused),
            Case(method: .POST, route: "/api/v1/users", path: "/api/v1/users",
                 body: #"{"username":"x-fuping","displayName":"x","role":"officer","jurisdiction":"610528","password":"a-long-password"}"#, expect: .refused),
            Case(method: .POST, route: "/api/v1/pairings", path: "/api/v1/pairings",
                 body: #"{"eastCode":"320506","westCode":"610528","validFrom":2030}"#, expect: .refused),
            Case(method: .PATCH, route: "/api/v1/pairings/:id", path: "/api/v1/pairings/\(pairing)", body: #"{"validTo":2025}"#, expect: .refused),
            Case(method: .GET, route: "/api/v1/tokens", path: "/api/v1/tokens?accountId=\(account)", expect: .hidden),
            Case(method: .POST, route: "/api/v1/tokens", path: "/api/v1/tokens", body: #"{"name":"x","accountId":"\#(account)"}"#, expect: .refused),
            Case(method: .DELETE, route: "/api/v1/tokens/:id", path: "/api/v1/tokens/\(token)", expect: .refused),
            Case(method: .GET, route: "/api/v1/audit", path: "/api/v1/audit?region=610528", expect: .hidden),
            Case(method: .GET, route: "/admin/users", path: "/admin/users", expect: .refused),
            Case(method: .GET, route: "/admin/users/new", path: "/admin/users/new", expect: .refused),
            Case(method: .POST, route: "/admin/users", path: "/admin/users",
                 body: "username=x-fuping&displayName=x&role=officer&jurisdiction=610528&password=a-long-password", expect: .refused),
            Case(method: .POST, route: "/admin/users/:id/disable", path: "/admin/users/\(account)/disable", body: "", expect: .refused),
            Case(method: .POST, route: "/admin/users/:id/enable", path: "/admin/users/\(account)/enable", body: "", expect: .refused),
            Case(method: .GET, route: "/admin/users/:id/edit", path: "/admin/users/\(account)/edit", expect: .refused),
            Case(method: .POST, route: "/admin/users/:id", path: "/admin/users/\(account)", body: "displayName=x", expect: .refused),
            Case(method: .POST, route: "/admin/users/:id/password", path: "/admin/users/\(account)/password", body: "", expect: .refused),
            Case(method: .GET, route: "/admin/tokens", path: "/admin/tokens", expect: .refused),
            Case(method: .POST, route: "/admin/tokens", path: "/admin/tokens", body: "username=fuping-officer&name=x", expect: .refused),
            Case(method: .GET, route: "/admin/audit", path: "/admin/audit?region=610528", expect: .hidden),
            Case(method: .POST, route: "/account/tokens/:id/revoke", path: "/account/tokens/\(token)/revoke", body: "", expect: .refused),
            Case(method: .GET, route: "/pairings/new", path: "/pairings/new", expect: .refused),
            Case(method: .POST, route: "/pairings", path: "/pairings", body: "eastCode=320506&westCode=610528&validFrom=2030", expect: .refused),
            Case(method: .POST, route: "/pairings/:id/end", path: "/pairings/\(pairing)/end", body: "validTo=2025", expect: .refused),
        ]
    }

    @Test("an officer of 柞水县 gets 403 or 404 for 富平县's records on every route", arguments: TestDatabase.all)
    func isolation(database: TestDatabase) async throws {
        try await withTestApp(database) { t in
            let fuping = try await t.account("fuping-officer")
            let fupingToken = try await t.tokens.create(for: fuping.id, name: "富平脚本", by: fuping.principal)
            let admin = try await t.principal("admin")
            let pairing = try await t.pairings.create(PairingDraft(eastCode: "320506", westCode: "610528", validFrom: 2024), by: admin)
            let project = try await t.projects.create(sampleProject("FP-1", county: "610528", pairing: pairing.id), status: .approved, by: admin)
            let flow = try await t.flows.record(on: project.id, FlowDraft(type: "commitment", source: "jiangsu_aid", amount: 5000, date: "2025-02-02"),
                                                by: admin)
            let agreement = try await t.agreements.save(AgreementDraft(year: 2025, pairingId: pairing.id, title: "吴中—富平 2025",
                                                                       targets: ["aid_committed": 100]), by: admin)
            let employer = try await t.employers.create(sampleEmployer(7, region: "610528", name: "富平测试单位"), by: admin)
            let posting = try await t.jobs.create(sampleJob("富平厨师", county: "610528"), employerID: employer.id, by: admin)
            let fupingPrincipal = fuping.principal
            let industry = try await t.industries.create(sampleIndustry("富平柿饼", county: "610528"), by: fupingPrincipal)
            let park = try await t.parks.create(samplePark("富平测试飞地", county: "610528", partner: "3211", form: "enclave"), by: fupingPrincipal)
            let share = try await t.enclaves.addShare(to: park.id, EnclaveShareDraft(sendingCode: "3211", fromYear: 2024, outputSending: 5000,
                                                                                  outputHosting: 5000, taxSending: 5000, taxHosting: 5000,
                                                                                  gdpSending: 5000, gdpHosting: 5000), by: fupingPrincipal)
            let lead = try await t.enterprises.create(sampleEnterprise("富平线索企业", park: park.id, origin: "3211"), by: fupingPrincipal)
            let event = try await t.promotionEvents.save(PromotionEventDraft(title: "富平招商会", date: "2025-03-01", cityCode: "3211",
                                                                             organiserCode: "610528"), by: fupingPrincipal)
            let fupingWorker = try await t.workers.register(sampleWorker(42, home: "610528001"), by: fupingPrincipal)
            let fupingApplication = try await t.applications.apply(worker: fupingWorker.id, to: posting.id, by: fupingPrincipal)
            let (labor, nanjing) = try await LaborRecords.create(t, worker: fupingWorker.id, by: fupingPrincipal)
            let shop = try await ConsumptionRecords.create(t, by: fupingPrincipal)
            let cooperation = try await CooperationRecords.create(t, by: fupingPrincipal)
            let records = IndustryRecords(industry: industry.id, park: park.id, share: share.id, lead: lead.id, event: event.id)
            let cases = Self.cases(account: fuping.id, token: fupingToken.token.id, pairing: pairing.id, project: project.id,
                                   agreement: agreement.id, employer: employer.id, posting: posting.id) + Self.industryCases(records)
                + Self.workerCases(worker: fupingWorker.id, posting: posting.id, application: fupingApplication.id)
                + Self.laborCases(labor, employer: nanjing) + Self.applicantCases(posting: posting.id, application: fupingApplication.id)
                + Self.consumptionCases(shop) + Self.reversalCases(project: project.id, flow: flow.id, sale: shop.sale, application: fupingApplication.id)
                + Self.cycleCases(year: 2025) + Self.cooperationCases(cooperation)

            // Every registered route is classified.
            let registered = Set(t.app.routes.all.map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") })
            let classified = Self.notJurisdictionBound.union(Self.laborPublic).union(Self.consumptionPublic).union(cases.map { "\($0.method.rawValue) \($0.route)" })
            #expect(registered.subtracting(classified).isEmpty, "unclassified routes: \(registered.subtracting(classified).sorted())")

            let zhashui = try await t.account("zhashui-officer")
            let bearer = try await t.tokens.create(for: zhashui.id, name: "test", by: zhashui.principal).secret
            let browser = TestClient(t.app)
            try await browser.login("zhashui-officer", Fixture.password)
            let csrf = try await browser.csrf(from: "/account")
            let auditBefore = try await t.count("audit_log")

            for item in cases {
                let response: TestingHTTPResponse
                if item.path.hasPrefix("/api/") {
                    var headers = HTTPHeaders.bearer(bearer)
                    if item.body != nil { headers.add(name: .contentType, value: "application/json") }
                    response = try await browser.send(item.method, item.path, headers: headers, body: item.body.map { ByteBuffer(string: $0) })
                } else if item.method == .GET {
                    response = try await browser.send(.GET, item.path)
                } else {
                    let body = (item.body ?? "") + (item.body?.isEmpty == false ? "&" : "") + "_csrf=\(csrf)"
                    response = try await browser.send(item.method, item.path, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                      body: ByteBuffer(string: body))
                }
                switch item.expect {
                case .refused:
                    #expect([.forbidden, .notFound].contains(response.status), "\(item.method) \(item.path) answered \(response.status)")
                case .hidden:
                    #expect(response.status == .ok, "\(item.method) \(item.path) answered \(response.status)")
                    let body = response.body.string
                    #expect(!body.contains(fuping.id.uuidString) && !body.contains(fupingToken.token.id.uuidString)
                            && !body.contains(">610528<") && !body.contains("\"regionCode\":\"610528\"")
                            && !body.contains("FP-1") && !body.contains(agreement.id.uuidString) && !body.contains("吴中—富平")
                            && !body.contains(employer.creditCode) && !body.contains(posting.id.uuidString)
                            && !body.contains(lead.id.uuidString) && !body.contains("富平线索企业") && !body.contains(fupingWorker.id.uuidString)
                            && !(item.route.hasPrefix("/api/") && body.contains(park.id.uuidString)) && !body.contains("富平劳务"),
                            "\(item.path) shows 富平县's records")
                }
            }
            // Nothing of 富平县 changed, and nothing was written at all.
            #expect(try await t.account("fuping-officer").disabled == false)
            #expect(try await t.tokens.authenticate(fupingToken.secret)?.username == "fuping-officer")
            #expect(try await t.pairings.get(pairing.id).validTo == nil)
            #expect(try await t.projects.get(project.id, by: admin).status == .approved)
            #expect(try await t.count("fund_flows") == 1)
            #expect(try await t.count("projects") == 1)
            #expect(try await t.count("employers") == 3)
            #expect(try await t.count("job_postings") == 2)
            #expect(try await t.jobs.get(posting.id).status == .open)
            #expect(try await t.industries.get(industry.id).name == "富平柿饼")
            #expect(try await t.parks.get(park.id).form == .enclave)
            #expect(try await t.enterprises.get(lead.id, by: admin).status == .lead)
            for table in ["featured_industries", "parks", "enterprises", "enclave_shares", "promotion_events"] {
                #expect(try await t.count(table) == 1, "\(table)")
            }
            #expect(try await t.count("park_figures") == 0)
            #expect(try await t.count("period_events") == 0)
            #expect(try await t.count("periods") == 0)
            #expect(try await t.count("period_assessments") == 0)
            for table in ["personnel_exchanges", "village_pairings", "demonstration_villages"] {
                #expect(try await t.count(table) == 1, "\(table)")
            }
            #expect(try await t.count("park_images") == 0)
            #expect(try await t.count("workers") == 1)
            #expect(try await t.count("applications") == 1)
            #expect(try await t.applications.forWorker(fupingWorker.id, by: admin).first?.status == .applied)
            for table in ["labor_brands", "assistance_workshops", "training_programmes", "training_enrolments", "gig_markets", "gig_tasks",
                          "gig_signups", "direct_trips"] {
                #expect(try await t.count(table) == 1, "\(table)")
            }
            #expect(try await t.trips.get(labor.trip).passengers.count == 1)
            #expect(try await t.gigs.signup(labor.signup)?.status == .signedUp)
            #expect(try await t.training.enrolment(labor.enrolment)?.stage == "enrolled")
            #expect(try await t.products.get(shop.product).certification == .published)
            #expect(try await t.orders.get(shop.order, by: admin).status == .placed)
            for table in ["products", "orders", "regional_brands", "sales_events", "procurements"] {
                #expect(try await t.count(table) == 1, "\(table)")
            }
            #expect(try await t.count("sales") == 1)
            #expect(try await t.count("placement_reversals") == 0)
            #expect(try await t.count("product_images") == 0)
            #expect(try await t.count("audit_log") == auditBefore)
        }
    }
}
