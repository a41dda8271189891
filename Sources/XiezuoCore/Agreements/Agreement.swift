import Foundation

/// A yearly East–West cooperation agreement (年度东西部协作协议): the provincial one, or one per pairing.
public struct Agreement: Sendable, Codable, Hashable, Identifiable {
    public var id: UUID
    public var year: Int
    /// nil for the provincial agreement between Jiangsu and Shaanxi.
    public var pairingID: UUID?
    public var title: String
    /// The four-action share of aid funds the agreement asks for, in basis points (8000 = 80 %).
    public var shareThreshold: Int
    /// Target per indicator code.
    public var targets: [String: Int64]
    /// How the assessment suggests a grade from the figures a county submitted; nil for the standard rules.
    public var grading: GradingRules?

    public init(id: UUID, year: Int, pairingID: UUID?, title: String, shareThreshold: Int, targets: [String: Int64],
                grading: GradingRules? = nil) {
        self.id = id
        self.year = year
        self.pairingID = pairingID
        self.title = title
        self.shareThreshold = shareThreshold
        self.targets = targets
        self.grading = grading
    }

    /// The default threshold: 80 %, as in the 2024 agreement.
    public static let defaultShareThreshold = 8000
}

/// What a coordinator submits to create or edit an agreement.
public struct AgreementDraft: Sendable, Codable, Equatable {
    public var year: Int?
    public var pairingId: UUID?
    public var title: String?
    /// Percent, e.g. 80 or 72.5; default 80.
    public var shareThresholdPercent: Double?
    public var targets: [String: Int64]?
    /// The grading rules: a weight per indicator (0–100; 1 when not given) and the least share of targets met, in
    /// percent, for 好, 较好 and 一般. All absent: the standard rules.
    public var weights: [String: Int]?
    public var gradeGoodPercent: Double?
    public var gradeFairlyGoodPercent: Double?
    public var gradeAveragePercent: Double?

    public init(year: Int?, pairingId: UUID? = nil, title: String?, shareThresholdPercent: Double? = nil, targets: [String: Int64]? = nil,
                weights: [String: Int]? = nil, gradeGoodPercent: Double? = nil, gradeFairlyGoodPercent: Double? = nil,
                gradeAveragePercent: Double? = nil) {
        self.year = year
        self.pairingId = pairingId
        self.title = title
        self.shareThresholdPercent = shareThresholdPercent
        self.targets = targets
        self.weights = weights
        self.gradeGoodPercent = gradeGoodPercent
        self.gradeFairlyGoodPercent = gradeFairlyGoodPercent
        self.gradeAveragePercent = gradeAveragePercent
    }

    /// Checks the fields; targets must name indicators that take targets, with values of zero or more.
    public func validated(id: UUID) throws(DomainError) -> Agreement {
        let year = try Validate.year(year, field: "year", required: true)!
        let title = try Validate.required(title, field: "title", max: 100)
        let percent = try checkedThreshold()
        var checked: [String: Int64] = [:]
        for (code, value) in targets ?? [:] {
            try Self.checkTarget(code, value)
            checked[code] = value
        }
        return Agreement(id: id, year: year, pairingID: pairingId, title: title,
                         shareThreshold: Int((percent * 100).rounded()), targets: checked, grading: try checkedGrading())
    }

    /// The grading rules the draft sets, nil when it sets none.
    private func checkedGrading() throws(DomainError) -> GradingRules? {
        let weights = self.weights ?? [:]
        guard !weights.isEmpty || gradeGoodPercent != nil || gradeFairlyGoodPercent != nil || gradeAveragePercent != nil else { return nil }
        for (code, weight) in weights.sorted(by: { $0.key < $1.key }) { try Self.checkWeight(code, weight) }
        let (good, fairlyGood, average) = try checkedGradeThresholds()
        return GradingRules(weights: weights, good: good, fairlyGood: fairlyGood, average: average)
    }

    private static func checkWeight(_ code: String, _ weight: Int) throws(DomainError) {
        guard IndicatorCatalogue.targetable.contains(where: { $0.code == code }) else {
            throw .invalid("weights.\(code)", "unknown_indicator", ["code": code])
        }
        guard (0...100).contains(weight) else { throw .invalid("weights.\(code)", "weight_range") }
    }

    /// The grade thresholds in basis points (the standard ones where not given), falling from 好 to 一般.
    private func checkedGradeThresholds() throws(DomainError) -> (Int, Int, Int) {
        let standard = GradingRules.standard
        func basisPoints(_ percent: Double?, _ field: String, default value: Int) throws(DomainError) -> Int {
            guard let percent else { return value }
            guard percent.isFinite, (0...100).contains(percent) else { throw .invalid(field, "percent_range") }
            return Int((percent * 100).rounded())
        }
        let good = try basisPoints(gradeGoodPercent, "gradeGoodPercent", default: standard.good)
        let fairlyGood = try basisPoints(gradeFairlyGoodPercent, "gradeFairlyGoodPercent", default: standard.fairlyGood)
        let average = try basisPoints(gradeAveragePercent, "gradeAveragePercent", default: standard.average)
        guard fairlyGood <= good else { throw .invalid("gradeFairlyGoodPercent", "grade_thresholds_order") }
        guard average <= fairlyGood else { throw .invalid("gradeAveragePercent", "grade_thresholds_order") }
        return (good, fairlyGood, average)
    }

    /// Every field's problem at once (targets in catalogue order), for a form that shows them all; the same checks as
    /// ``validated(id:)``.
    public func problems() -> [DomainError] {
        var problems: [DomainError] = []
        func run(_ check: () throws(DomainError) -> Void) {
            do { try check() } catch { problems.append(error) }
        }
        run { () throws(DomainError) in _ = try Validate.year(year, field: "year", required: true) }
        run { () throws(DomainError) in _ = try Validate.required(title, field: "title", max: 100) }
        run { () throws(DomainError) in _ = try checkedThreshold() }
        for (code, value) in (targets ?? [:]).sorted(by: { $0.key < $1.key }) {
            run { () throws(DomainError) in try Self.checkTarget(code, value) }
        }
        for (code, weight) in (weights ?? [:]).sorted(by: { $0.key < $1.key }) {
            run { () throws(DomainError) in try Self.checkWeight(code, weight) }
        }
        run { () throws(DomainError) in _ = try checkedGradeThresholds() }
        return problems
    }

    private func checkedThreshold() throws(DomainError) -> Double {
        let percent = shareThresholdPercent ?? Double(Agreement.defaultShareThreshold) / 100
        guard percent.isFinite, (0...100).contains(percent) else { throw .invalid("shareThresholdPercent", "percent_range") }
        return percent
    }

    private static func checkTarget(_ code: String, _ value: Int64) throws(DomainError) {
        guard IndicatorCatalogue.targetable.contains(where: { $0.code == code }) else {
            throw .invalid("targets.\(code)", "unknown_indicator", ["code": code])
        }
        guard value >= 0, value <= 1_000_000_000_000 else { throw .invalid("targets.\(code)", "negative") }
    }
}
