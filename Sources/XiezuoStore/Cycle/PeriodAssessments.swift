import FluentKit
import Foundation
import SQLKit
import XiezuoCore

/// The assessment of each county's year: its self-assessment, its Jiangsu partner's comment, the province's
/// cross-check and grade, and the grade suggested from the snapshot it submitted by the rules of the agreement that
/// applies to it (its pairing's; the standard rules without one).
///
/// Who writes what: the county's staff its self-assessment (until the province has approved the year); the
/// partner's staff their comment; the province's staff the cross-check and the grade (once the city has approved).
/// Everyone who sees the year (`PeriodRepository`) reads it.
public struct PeriodAssessments: Sendable {
    let clock: Clock
    let database: any Database
    let regions: RegionDirectory

    /// Creates the store over `database`.
    public init(database: any Database, regions: RegionDirectory, clock: Clock = .system) {
        self.clock = clock
        self.database = database
        self.regions = regions
    }

    /// A county's assessment, with the suggested grade (nil before the first submission) and what the principal may write.
    public struct Detail: Sendable {
        public var assessment: Assessment
        public var suggestion: GradingRules.Suggestion?
        public var canSelfAssess: Bool
        public var canComment: Bool
        public var canGrade: Bool
    }

    /// A county's place in the ranking: its state, grade, the suggestion and the share of targets met.
    public struct Ranked: Sendable {
        public var countyCode: String
        public var state: PeriodState
        public var grade: Grade?
        public var suggestion: GradingRules.Suggestion?
    }

    private var periods: PeriodRepository { PeriodRepository(database: database, regions: regions, clock: clock) }

    /// The grading rules of the agreement that applies to the county's year (its pairing's), else the standard ones.
    func rules(year: Int, county: String, on database: any Database) async throws -> GradingRules {
        guard let region = regions[county] else { return .standard }
        return try await DashboardRepository(database: database, regions: regions, clock: clock)
            .agreementFor(region: region, year: year)?.grading ?? .standard
    }

    /// The assessment of a county's year, if the principal sees the year.
    public func get(year: Int, county: String, by principal: Principal) async throws -> Detail {
        let (period, isPartner) = try await periods.visible(year: year, county: county, by: principal, on: database)
        let assessment = try await Self.load(year: year, county: county, on: database)
        let rules = try await rules(year: year, county: county, on: database)
        return Detail(assessment: assessment, suggestion: period.snapshot.isEmpty ? nil : rules.suggest(from: period.snapshot),
                      canSelfAssess: Self.maySelfAssess(principal, county: county, state: period.state),
                      canComment: principal.isAdmin || isPartner, canGrade: Self.mayGrade(principal, county: county, state: period.state))
    }

    /// The county's self-assessment, part by part (each ≤ 2,000 characters; an empty part is removed).
    @discardableResult
    public func selfAssess(_ parts: [Assessment.Part: String], year: Int, county: String, by principal: Principal) async throws -> Assessment {
        var texts: [Assessment.Part: String] = [:]
        for (part, text) in parts {
            if let value = try Validate.text(text, field: "selfAssessment.\(part.rawValue)", max: 2_000, required: false) { texts[part] = value }
        }
        let parts = texts
        return try await write(year: year, county: county, by: principal, action: "self_assess") { period, _, assessment in
            guard Self.maySelfAssess(principal, county: county, state: period.state) else {
                throw period.locked ? PeriodLocks.refusal(.init(county: county, year: year), name: regions[county]?.name ?? county) : DomainError.forbidden
            }
            assessment.selfAssessment = parts
        }
    }

    /// The Jiangsu partner's comment on the year (2–2,000 characters).
    @discardableResult
    public func comment(_ text: String?, year: Int, county: String, by principal: Principal) async throws -> Assessment {
        let value = try Validate.text(text, field: "partnerComment", max: 2_000)!
        guard value.count >= 2 else { throw DomainError.invalid("partnerComment", "comment_too_short") }
        return try await write(year: year, county: county, by: principal, action: "partner_comment") { _, isPartner, assessment in
            guard principal.isAdmin || isPartner else { throw DomainError.forbidden }
            assessment.partnerComment = value
        }
    }

    /// The province's cross-check notes and grade; a grade other than the suggested one needs its reason.
    @discardableResult
    public func grade(_ grade: Grade, notes: String?, reason: String?, year: Int, county: String, by principal: Principal) async throws -> Assessment {
        let notes = try Validate.text(notes, field: "crossCheck", max: 2_000, required: false)
        let reason = try Validate.text(reason, field: "gradeReason", max: 500, required: false)
        let rules = try await rules(year: year, county: county, on: database)
        return try await write(year: year, county: county, by: principal, action: "grade") { period, _, assessment in
            guard Self.mayGrade(principal, county: county, state: period.state) else {
                throw Self.mayGrade(principal, county: county, state: .cityApproved)
                    ? DomainError(.conflict, code: "period_wrong_state", arguments: ["state": period.state.rawValue, "action": "grade"])
                    : DomainError.forbidden
            }
            let suggested = rules.suggest(from: period.snapshot).grade
            if grade != suggested, (reason ?? "").count < 2 { throw DomainError.invalid("gradeReason", "grade_reason_required") }
            assessment.crossCheck = notes
            assessment.grade = grade
            assessment.gradeReason = grade == suggested ? nil : reason
        }
    }

    /// The counties of a region the principal sees, best grade first, then by the share of targets met.
    public func ranking(year: Int, region: String? = nil, by principal: Principal) async throws -> [Ranked] {
        let summaries = try await periods.list(year: year, region: region, by: principal)
        let counties = summaries.map(\.period.countyCode)
        let snapshots = try await PeriodRepository.periods(year: year, counties: counties, on: database as! any SQLDatabase)
        let grades = try await Self.grades(year: year, counties: counties, on: database)
        var ranked: [Ranked] = []
        for summary in summaries {
            let county = summary.period.countyCode
            let snapshot = snapshots[county]?.snapshot ?? []
            let suggestion = snapshot.isEmpty ? nil : try await rules(year: year, county: county, on: database).suggest(from: snapshot)
            ranked.append(Ranked(countyCode: county, state: summary.period.state, grade: grades[county], suggestion: suggestion))
        }
        func key(_ item: Ranked) -> (Int, Int, String) {
            let grade = item.grade ?? item.suggestion?.grade
            return (grade.map { Grade.allCases.firstIndex(of: $0)! } ?? Grade.allCases.count, -(item.suggestion?.score ?? -1), item.countyCode)
        }
        return ranked.sorted { key($0) < key($1) }
    }

    static func maySelfAssess(_ principal: Principal, county: String, state: PeriodState) -> Bool {
        !state.locked && (principal.isAdmin || ((principal.role == .officer || principal.role == .coordinator) && principal.jurisdiction == county))
    }

    static func mayGrade(_ principal: Principal, county: String, state: PeriodState) -> Bool {
        (state == .cityApproved || state == .approved)
            && (principal.isAdmin || ((principal.role == .officer || principal.role == .coordinator) && principal.jurisdiction == String(county.prefix(2))))
    }

    /// Reads, changes and stores a county's assessment in one transaction, audited.
    private func write(year: Int, county: String, by principal: Principal, action: String,
                       change: @escaping @Sendable (Period, Bool, inout Assessment) throws -> Void) async throws -> Assessment {
        try await database.writeTransaction { tx in
            let seq = try await ChangeSequence.next(on: tx)
            let (period, isPartner) = try await periods.visible(year: year, county: county, by: principal, on: tx)
            let before = try await Self.load(year: year, county: county, on: tx)
            var after = before
            try change(period, isPartner, &after)
            let sql = tx as! any SQLDatabase
            try await sql.delete(from: "period_assessments").where("year", .equal, SQLBind(year)).where("county_code", .equal, SQLBind(county)).run()
            // A Codable bind: JSON text on SQLite, jsonb on PostgreSQL.
            try await sql.insert(into: "period_assessments").columns("year", "county_code", "grade", "body", "change_seq", "updated_at")
                .values(SQLBind(year), SQLBind(county), SQLBind(after.grade?.rawValue), SQLBind(StoredBody(PeriodAssessmentStoredV1(after))),
                        SQLBind(seq), SQLBind(clock.now)).run()
            try await AuditRecorder.record(on: tx, by: principal, action: action, entity: "period", entityID: "\(year)/\(county)", regionCode: county,
                                           before: Audited(before), after: Audited(after))
            return after
        }
    }

    /// What the audit log keeps of an assessment: its texts and its grade.
    struct Audited: Encodable {
        var body: PeriodAssessmentStoredV1
        var grade: String?
        init(_ assessment: Assessment) {
            body = PeriodAssessmentStoredV1(assessment)
            grade = assessment.grade?.rawValue
        }
    }

    static func load(year: Int, county: String, on database: any Database) async throws -> Assessment {
        let sql = database as! any SQLDatabase
        guard let row = try await sql.select().columns("grade", "body").from("period_assessments").where("year", .equal, SQLBind(year))
            .where("county_code", .equal, SQLBind(county)).first() else { return Assessment() }
        let stored = StoredRow("period_assessments", id: "\(year)/\(county)")
        var assessment = try row.decode(column: "body", as: StoredBody<PeriodAssessmentStoredV1>.self).value(in: stored)
        assessment.grade = try row.decode(column: "grade", as: String?.self).map { try stored.choice($0, as: Grade.self, column: "grade") }
        return assessment
    }

    /// The grades the province set for these counties' year (only those it set), from the column lists read.
    static func grades(year: Int, counties: [String], on database: any Database) async throws -> [String: Grade] {
        guard !counties.isEmpty else { return [:] }
        var grades: [String: Grade] = [:]
        for row in try await (database as! any SQLDatabase).select().columns("county_code", "grade").from("period_assessments")
            .where("year", .equal, SQLBind(year)).where("grade", .isNot, SQLLiteral.null).all() {
            let county = try row.decode(column: "county_code", as: String.self)
            let text = try row.decode(column: "grade", as: String.self)
            grades[county] = try StoredRow("period_assessments", id: "\(year)/\(county)").choice(text, as: Grade.self, column: "grade")
        }
        let wanted = Set(counties)
        return grades.filter { wanted.contains($0.key) }
    }
}

/// How an ``Assessment`` is kept in `period_assessments.body`: version 1 (see ``StoredShape``). The grade is not in it:
/// it is the row's `grade` column, which lists and rankings read.
struct PeriodAssessmentStoredV1: StoredShape {
    static let version = 1
    var v: Int
    var selfAssessment: [String: String]
    var partnerComment: String?
    var crossCheck: String?
    var gradeReason: String?

    init(_ value: Assessment) {
        v = Self.version
        selfAssessment = Dictionary(uniqueKeysWithValues: value.selfAssessment.map { ($0.key.rawValue, $0.value) })
        partnerComment = value.partnerComment
        crossCheck = value.crossCheck
        gradeReason = value.gradeReason
    }

    func value(in row: StoredRow) throws -> Assessment {
        try row.check(version: v, reads: Self.version)
        var parts: [Assessment.Part: String] = [:]
        for (key, text) in selfAssessment { parts[try row.choice(key, as: Assessment.Part.self, column: "body.selfAssessment")] = text }
        return Assessment(selfAssessment: parts, partnerComment: partnerComment, crossCheck: crossCheck, grade: nil, gradeReason: gradeReason)
    }
}
