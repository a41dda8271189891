import Foundation

/// The grade of a county's year in the assessment: 好, 较好, 一般, 差 (best first).
public enum Grade: String, Sendable, Codable, CaseIterable, Comparable {
    case good
    case fairlyGood = "fairly_good"
    case average
    case poor

    /// Best first.
    public static func < (lhs: Grade, rhs: Grade) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How a grade is suggested from the figures a county submitted: the weighted share of its targets met, against a
/// threshold per grade; a four-action share below the agreement's threshold caps the grade at 一般.
public struct GradingRules: Sendable, Codable, Hashable {
    /// Weight per indicator; an indicator with a target and no weight here weighs 1 (so the default weighs every
    /// target equally).
    public var weights: [String: Int]
    /// The least weighted share of targets met (basis points) for 好, 较好 and 一般; below the last, 差.
    public var good: Int
    public var fairlyGood: Int
    public var average: Int

    public init(weights: [String: Int] = [:], good: Int = 9_000, fairlyGood: Int = 7_500, average: Int = 6_000) {
        self.weights = weights
        self.good = good
        self.fairlyGood = fairlyGood
        self.average = average
    }

    /// Every target weighs the same; 90 % met is 好, 75 % 较好, 60 % 一般.
    public static let standard = GradingRules()

    /// Why a grade was suggested: a target met or missed, the cap of the four-action share, no target at all.
    public struct Reason: Sendable, Codable, Hashable {
        public var code: String
        public var indicator: String?

        public init(code: String, indicator: String? = nil) {
            self.code = code
            self.indicator = indicator
        }
    }

    /// The suggested grade, the weighted share of targets met (basis points, nil without targets) and the reasons.
    public struct Suggestion: Sendable, Codable, Equatable {
        public var grade: Grade
        public var score: Int?
        public var reasons: [Reason]
    }

    /// Suggests a grade from submitted figures (their status says whether each target was met).
    public func suggest(from figures: [SnapshotFigure]) -> Suggestion {
        var reasons: [Reason] = []
        var total = 0, met = 0
        for figure in figures where figure.code != IndicatorCatalogue.fourActionShare {
            guard let target = figure.target, target > 0 else { continue }
            let weight = max(0, weights[figure.code] ?? 1)
            guard weight > 0 else { continue }
            total += weight
            if figure.status == .onTrack {
                met += weight
                reasons.append(Reason(code: "target_met", indicator: figure.code))
            } else {
                reasons.append(Reason(code: "target_missed", indicator: figure.code))
            }
        }
        var grade: Grade
        var score: Int?
        if total == 0 {
            grade = .average
            reasons.insert(Reason(code: "no_targets"), at: 0)
        } else {
            let share = met * 10_000 / total
            score = share
            grade = share >= good ? .good : share >= fairlyGood ? .fairlyGood : share >= average ? .average : .poor
        }
        if let share = figures.first(where: { $0.code == IndicatorCatalogue.fourActionShare }), share.status == .behind, grade < .average {
            grade = .average
            reasons.insert(Reason(code: "share_below_threshold", indicator: IndicatorCatalogue.fourActionShare), at: 0)
        }
        return Suggestion(grade: grade, score: score, reasons: reasons)
    }
}

/// The assessment of a county's year beside its snapshot: the county's self-assessment per part, the Jiangsu partner's
/// comment, the province's cross-check notes and the grade it set.
public struct Assessment: Sendable, Codable, Equatable {
    /// The parts a county assesses itself on: the four actions, the funds and the personnel exchange.
    public enum Part: String, Sendable, Codable, CaseIterable {
        case featuredIndustry = "featured_industry"
        case industrialCluster = "industrial_cluster"
        case consumptionAssistance = "consumption_assistance"
        case laborCooperation = "labor_cooperation"
        case funds
        case personnel
    }

    public var selfAssessment: [Part: String]
    public var partnerComment: String?
    public var crossCheck: String?
    /// The grade the province set, and why when it differs from the suggestion.
    public var grade: Grade?
    public var gradeReason: String?

    public init(selfAssessment: [Part: String] = [:], partnerComment: String? = nil, crossCheck: String? = nil, grade: Grade? = nil,
                gradeReason: String? = nil) {
        self.selfAssessment = selfAssessment
        self.partnerComment = partnerComment
        self.crossCheck = crossCheck
        self.grade = grade
        self.gradeReason = gradeReason
    }
}
