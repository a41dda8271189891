import Vapor
import XiezuoCore
import XiezuoStore

/// A county's year: the state, what the visitor may do, the snapshot beside the live figures and the steps taken.
enum PeriodPage {
    struct Figure: Encodable {
        var name: String
        var unit: String
        var submitted: String?
        var live: String?
        var difference: String?
        var changed: Bool
    }

    struct Step: Encodable {
        var action: String
        var name: String
        var from: String
        var to: String
        var text: String?
        var actor: String
        var actorRegion: String?
        var at: Date
        var transition: Bool
    }

    struct Form: Encodable {
        var action: String
        var label: String
        var needsText: Bool
        var textLabel: String
        var text: String
        var error: String?
        var confirm: String?
    }

    struct Context: Encodable {
        var year: Int
        var county: String
        var countyName: String
        var path: [RegionLink]
        var state: String
        var stateName: String
        var locked: Bool
        var snapshotAt: Date?
        var hasSnapshot: Bool
        var figures: [Figure]
        var changedCount: Int
        var steps: [Step]
        var forms: [Form]
        var hasForms: Bool
        var hasSteps: Bool
        /// The county's dashboard, for those whose jurisdiction covers it.
        var dashboard: String?
        var list: String
        var assessment: AssessmentSection
    }

    struct RegionLink: Encodable { var label: String; var href: String }

    /// One part of the self-assessment: its title, its text and, when the visitor may write it, the box.
    struct Part: Encodable { var name: String; var title: String; var text: String }

    /// The assessment section: the suggested grade with its reasons, the texts, and the forms the visitor may use.
    struct AssessmentSection: Encodable {
        var suggested: String?
        var score: String?
        var reasons: [String]
        var grade: String?
        var gradeReason: String?
        var parts: [Part]
        var hasSelfAssessment: Bool
        var partnerComment: String?
        var crossCheck: String?
        var canSelfAssess: Bool
        var canComment: Bool
        var canGrade: Bool
        var grades: [ChoiceOption]
        var values: [String: String]
        var error: String?
        var errorPart: String?
    }

    static func render(_ request: Request, year: Int, county: String, texts: [String: String], errors: [String: String],
                       assessmentValues: [String: String] = [:], assessmentError: (part: String, field: String?, message: String)? = nil) async throws -> View {
        let principal = try request.signedIn()
        let detail = try await request.periods.get(year: year, county: county, by: principal)
        let assessed = try await PeriodAssessments(database: request.db, regions: request.services.regions, clock: request.clock)
            .get(year: year, county: county, by: principal)
        let regions = request.services.regions
        let hasSnapshot = !detail.period.snapshot.isEmpty
        let figures = zip(detail.live, detail.differences).map { figure, difference -> Figure in
            func shown(_ value: Int64?) -> String? { value.map { Formatting.value($0, unit: figure.unit) } }
            let delta = difference.difference.map { ($0 > 0 ? "+" : "") + Formatting.value($0, unit: figure.unit) }
            return Figure(name: request.t("indicator.\(figure.code)"), unit: request.t(figure.unit.labelKey),
                          submitted: hasSnapshot ? shown(difference.submitted) : nil, live: shown(figure.actual),
                          difference: hasSnapshot ? delta : nil, changed: hasSnapshot && difference.changed)
        }
        let forms = detail.actions.map { action in
            Form(action: action.rawValue, label: request.t("period_action.\(action.rawValue)"), needsText: action.needsText,
                 textLabel: request.t(action == .comment ? "periods.comment_text" : "periods.reason"), text: texts[action.rawValue] ?? "",
                 error: errors[action.rawValue],
                 confirm: [.submit, .reopen].contains(action) ? request.t("periods.confirm_\(action.rawValue)") : nil)
        }
        let steps = detail.events.reversed().map { event in
            Step(action: event.action.rawValue, name: request.t("period_action.\(event.action.rawValue)"),
                 from: request.t("period_state.\(event.from.rawValue)"), to: request.t("period_state.\(event.to.rawValue)"),
                 text: event.text, actor: event.actor, actorRegion: event.actorRegion.flatMap { regions[$0]?.name }, at: event.at,
                 transition: event.action != .comment)
        }
        let countyName = regions[county]?.name ?? county
        let context = Context(
            year: year, county: county, countyName: countyName,
            path: regions.path(to: county).dropLast().map { RegionLink(label: $0.name, href: "/periods?year=\(year)&region=\($0.code)") },
            state: detail.period.state.rawValue, stateName: request.t("period_state.\(detail.period.state.rawValue)"),
            locked: detail.period.locked, snapshotAt: detail.period.snapshotAt, hasSnapshot: hasSnapshot, figures: figures,
            changedCount: figures.filter(\.changed).count, steps: steps, forms: forms, hasForms: !forms.isEmpty, hasSteps: !steps.isEmpty,
            dashboard: request.principal.scope.covers(county) || detail.isPartner ? "/dashboard?region=\(county)&year=\(year)" : nil, list: "/periods?year=\(year)",
            assessment: section(assessed, values: assessmentValues, error: assessmentError, request: request))
        return try await request.view.render("Cycle/period", PageContext(request, context))
    }

    static func section(_ detail: PeriodAssessments.Detail, values: [String: String], error: (part: String, field: String?, message: String)?,
                        request: Request) -> AssessmentSection {
        let assessment = detail.assessment
        var shown = values
        if values.isEmpty {
            for part in Assessment.Part.allCases { shown["part_\(part.rawValue)"] = assessment.selfAssessment[part] ?? "" }
            shown["partnerComment"] = assessment.partnerComment ?? ""
            shown["crossCheck"] = assessment.crossCheck ?? ""
            shown["gradeReason"] = assessment.gradeReason ?? ""
            shown["grade"] = (assessment.grade ?? detail.suggestion?.grade)?.rawValue ?? ""
        }
        let parts = Assessment.Part.allCases.map {
            Part(name: "part_\($0.rawValue)", title: request.t("assessment_part.\($0.rawValue)"), text: shown["part_\($0.rawValue)"] ?? "")
        }
        return AssessmentSection(
            suggested: detail.suggestion.map { request.t("grade.\($0.grade.rawValue)") },
            score: detail.suggestion?.score.map { Formatting.percent(Int64($0)) },
            reasons: detail.suggestion?.reasons.map { PeriodAssessmentController.reason($0, request: request) } ?? [],
            grade: assessment.grade.map { request.t("grade.\($0.rawValue)") }, gradeReason: assessment.gradeReason, parts: parts,
            hasSelfAssessment: !assessment.selfAssessment.isEmpty, partnerComment: assessment.partnerComment, crossCheck: assessment.crossCheck,
            canSelfAssess: detail.canSelfAssess, canComment: detail.canComment, canGrade: detail.canGrade,
            grades: Grade.allCases.map { ChoiceOption(value: $0.rawValue, label: request.t("grade.\($0.rawValue)"), selected: shown["grade"] == $0.rawValue) },
            values: shown, error: error?.message, errorPart: error?.part)
    }
}
