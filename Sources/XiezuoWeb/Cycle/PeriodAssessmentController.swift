import Vapor
import XiezuoCore
import XiezuoStore

/// The assessment of a county's year (self-assessment, partner comment, cross-check and grade) as forms on the county's
/// year page and as API, and the ranking of counties by grade (`/periods/grades`).
struct PeriodAssessmentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("periods", "grades", use: ranking)
        routes.post("periods", ":year", ":county", "assessment", ":part", use: save)
        let api = routes.grouped("api", "v1", "periods")
        api.get("grades", use: apiRanking)
        api.get(":year", ":county", "assessment", use: apiShow)
        api.put(":year", ":county", "assessment", "self-assessment", use: apiSelfAssess)
        api.post(":year", ":county", "assessment", "partner-comment", use: apiComment)
        api.put(":year", ":county", "assessment", "grade", use: apiGrade)
    }

    static let operations: [APIOperation] = {
        let key: [APIOperation.Parameter] = [.path("year", "Year"), .path("county", "County code")]
        return [
            APIOperation(.GET, "/api/v1/periods/grades", tag: "cycle",
                         summary: "Counties ranked by grade (the province's, else the suggested one), then by the share of targets met",
                         parameters: [.query("year", "Year (default: last year)", type: "integer"), .query("region", "Region code")]
                             + APIOperation.Parameter.paging, response: .list("RankedCounty"), secured: true),
            APIOperation(.GET, "/api/v1/periods/{year}/{county}/assessment", tag: "cycle",
                         summary: "A county's self-assessment, partner comment, cross-check, grade and the grade suggested from its snapshot",
                         parameters: key, response: .object("PeriodAssessment"), secured: true),
            APIOperation(.PUT, "/api/v1/periods/{year}/{county}/assessment/self-assessment", tag: "cycle",
                         summary: "The county's self-assessment per part (staff of the county, until the year is locked)",
                         parameters: key, request: "SelfAssessment", response: .object("PeriodAssessment"), secured: true),
            APIOperation(.POST, "/api/v1/periods/{year}/{county}/assessment/partner-comment", tag: "cycle",
                         summary: "The Jiangsu partner's comment on the county's year", parameters: key, request: "PeriodComment",
                         response: .object("PeriodAssessment"), secured: true),
            APIOperation(.PUT, "/api/v1/periods/{year}/{county}/assessment/grade", tag: "cycle",
                         summary: "The province's cross-check notes and grade (after the city's approval); a grade other than the suggested one needs its reason",
                         parameters: key, request: "GradeDecision", response: .object("PeriodAssessment"), secured: true),
        ]
    }()

    struct AssessmentDTO: Content {
        var selfAssessment: [String: String]
        var partnerComment: String?
        var crossCheck: String?
        var grade: Grade?
        var gradeReason: String?
        var suggestedGrade: Grade?
        /// The weighted share of targets met, basis points.
        var score: Int?
        var reasons: [String]

        init(_ detail: PeriodAssessments.Detail, request: Request) {
            let assessment = detail.assessment
            selfAssessment = Dictionary(uniqueKeysWithValues: assessment.selfAssessment.map { ($0.key.rawValue, $0.value) })
            partnerComment = assessment.partnerComment
            crossCheck = assessment.crossCheck
            grade = assessment.grade
            gradeReason = assessment.gradeReason
            suggestedGrade = detail.suggestion?.grade
            score = detail.suggestion?.score
            reasons = detail.suggestion?.reasons.map { PeriodAssessmentController.reason($0, request: request) } ?? []
        }
    }

    struct RankedDTO: Content {
        var rank: Int
        var county: Region?
        var state: PeriodState
        var grade: Grade?
        var suggestedGrade: Grade?
        var score: Int?
    }

    /// A suggestion's reason in words.
    static func reason(_ reason: GradingRules.Reason, request: Request) -> String {
        request.t("grading.\(reason.code)", ["indicator": reason.indicator.map { request.t("indicator.\($0)") } ?? ""])
    }

    var assessments: (Request) -> PeriodAssessments {
        { PeriodAssessments(database: $0.db, regions: $0.services.regions, clock: $0.clock) }
    }

    func apiShow(request: Request) async throws -> AssessmentDTO {
        let (year, county) = try request.periodKey()
        return AssessmentDTO(try await assessments(request).get(year: year, county: county, by: try request.signedIn()), request: request)
    }

    func apiSelfAssess(request: Request) async throws -> AssessmentDTO {
        struct Body: Decodable { var parts: [String: String] }
        let (year, county) = try request.periodKey()
        let principal = try request.signedIn()
        let body = try request.decodeJSON(Body.self)
        var parts: [Assessment.Part: String] = [:]
        for (key, text) in body.parts {
            guard let part = Assessment.Part(rawValue: key) else { throw DomainError.invalid("parts", "unknown_choice", ["value": key]) }
            parts[part] = text
        }
        try await assessments(request).selfAssess(parts, year: year, county: county, by: principal)
        return AssessmentDTO(try await assessments(request).get(year: year, county: county, by: principal), request: request)
    }

    func apiComment(request: Request) async throws -> AssessmentDTO {
        struct Body: Decodable { var text: String? }
        let (year, county) = try request.periodKey()
        let principal = try request.signedIn()
        try await assessments(request).comment(try request.decodeJSON(Body.self).text, year: year, county: county, by: principal)
        return AssessmentDTO(try await assessments(request).get(year: year, county: county, by: principal), request: request)
    }

    func apiGrade(request: Request) async throws -> AssessmentDTO {
        struct Body: Decodable { var grade: String?; var crossCheck: String?; var reason: String? }
        let (year, county) = try request.periodKey()
        let principal = try request.signedIn()
        let body = try request.decodeJSON(Body.self)
        let grade = try Validate.choice(body.grade, field: "grade", as: Grade.self)
        try await assessments(request).grade(grade, notes: body.crossCheck, reason: body.reason, year: year, county: county, by: principal)
        return AssessmentDTO(try await assessments(request).get(year: year, county: county, by: principal), request: request)
    }

    func apiRanking(request: Request) async throws -> Response {
        let filter = try request.periodFilter()
        let ranked = try await assessments(request).ranking(year: filter.year, region: filter.region, by: try request.signedIn())
        let items = ranked.enumerated().map {
            RankedDTO(rank: $0.offset + 1, county: request.services.regions[$0.element.countyCode], state: $0.element.state, grade: $0.element.grade,
                      suggestedGrade: $0.element.suggestion?.grade, score: $0.element.suggestion?.score)
        }
        return try await request.list(SheetSpec(name: "export.sheet.grades"), all: items, defaultPerPage: Paging.maxPerPage)
    }

    // MARK: Pages

    /// Saves one of the assessment's forms from the county's year page; a refusal keeps what was typed beside its box.
    func save(request: Request) async throws -> Response {
        let principal = try request.signedIn()
        let (year, county) = try request.periodKey()
        let part = request.parameters.get("part") ?? ""
        let values = try request.content.decode([String: String].self)
        let store = assessments(request)
        do {
            switch part {
            case "self":
                var parts: [Assessment.Part: String] = [:]
                for item in Assessment.Part.allCases { parts[item] = values["part_\(item.rawValue)"] ?? "" }
                try await store.selfAssess(parts, year: year, county: county, by: principal)
            case "comment":
                try await store.comment(values["partnerComment"], year: year, county: county, by: principal)
            case "grade":
                try await store.grade(try Validate.choice(values["grade"], field: "grade", as: Grade.self), notes: values["crossCheck"],
                                      reason: values["gradeReason"], year: year, county: county, by: principal)
            default:
                throw DomainError.notFound("period")
            }
            request.flash(request.t("flash.assessment_saved"))
            return request.redirect(to: "/periods/\(year)/\(county)#assessment")
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            return try await PeriodPage.render(request, year: year, county: county, texts: [:], errors: [:],
                                               assessmentValues: values, assessmentError: (part, error.field, request.message(for: error)))
                .encodeResponse(status: error.kind == .conflict ? .conflict : .badRequest, for: request)
        }
    }

    struct RankingRow: Encodable {
        var rank: Int
        var county: String
        var href: String
        var state: String
        var stateName: String
        var grade: String?
        var gradeName: String?
        var suggested: String?
        var score: String?
    }

    struct RankingContext: Encodable {
        var year: Int
        var years: [Int]
        var rows: [RankingRow]
        var hasRows: Bool
    }

    func ranking(request: Request) async throws -> View {
        let principal = try request.signedIn()
        let filter = try request.periodFilter()
        let ranked = try await assessments(request).ranking(year: filter.year, region: filter.region, by: principal)
        let rows = ranked.enumerated().map { index, item in
            RankingRow(rank: index + 1, county: request.services.regions[item.countyCode]?.name ?? item.countyCode,
                       href: "/periods/\(filter.year)/\(item.countyCode)#assessment", state: item.state.rawValue,
                       stateName: request.t("period_state.\(item.state.rawValue)"), grade: item.grade?.rawValue,
                       gradeName: item.grade.map { request.t("grade.\($0.rawValue)") },
                       suggested: item.suggestion.map { request.t("grade.\($0.grade.rawValue)") },
                       score: item.suggestion?.score.map { Formatting.percent(Int64($0)) })
        }
        let context = RankingContext(year: filter.year, years: Array((2021...request.today.year).reversed()), rows: rows, hasRows: !rows.isEmpty)
        return try await request.view.render("Cycle/grades", PageContext(request, context))
    }
}
