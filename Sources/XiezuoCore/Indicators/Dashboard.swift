/// How a figure stands against its target.
public enum FigureStatus: String, Sendable, Codable, CaseIterable {
    /// At or above the target (pro rata for the current year).
    case onTrack = "on_track"
    case behind
    /// No target set for this figure.
    case noTarget = "no_target"
    /// Nothing to measure: a share with no funds at all, or an indicator not yet recorded.
    case noData = "no_data"
}

/// One indicator's figure on a dashboard.
public struct IndicatorFigure: Sendable, Codable, Equatable {
    public var code: String
    public var unit: IndicatorUnit
    public var target: Int64?
    /// The actual value; a share in basis points; nil for "no data".
    public var actual: Int64?
    /// actual / target, when both exist (may exceed 1).
    public var progress: Double?
    public var status: FigureStatus

    public init(code: String, unit: IndicatorUnit, target: Int64?, actual: Int64?, progress: Double?, status: FigureStatus) {
        self.code = code
        self.unit = unit
        self.target = target
        self.actual = actual
        self.progress = progress
        self.status = status
    }
}

/// Turns actual sums and targets into figures with a status.
public enum DashboardMath {
    /// The figures of every indicator for `year`.
    ///
    /// A base figure is on track when its actual reaches the target, pro rata by months elapsed in the current
    /// year (`today`) for a flow and in full for a stock; the four-action share is on track when it reaches `shareThreshold` (basis points). A share
    /// with no funds at all is "no data", never 0 % or NaN.
    public static func figures(actuals: [String: Int64], targets: [String: Int64], shareThreshold: Int?, year: Int,
                               today: Day, catalogue: [Indicator] = IndicatorCatalogue.all) -> [IndicatorFigure] {
        catalogue.map { indicator in
            switch indicator.kind {
            case .ratio(let numerator, let denominator):
                let den = actuals[denominator] ?? 0
                guard den > 0 else {
                    return IndicatorFigure(code: indicator.code, unit: indicator.unit, target: shareThreshold.map(Int64.init),
                                           actual: nil, progress: nil, status: .noData)
                }
                // In floating point: numerator × 10,000 would overflow Int64 for sums above 9.2 × 10¹⁴ fen.
                let share = Int64((Double(actuals[numerator] ?? 0) * 10_000 / Double(den)).rounded(.down))
                guard let threshold = shareThreshold else {
                    return IndicatorFigure(code: indicator.code, unit: indicator.unit, target: nil, actual: share, progress: nil,
                                           status: .noTarget)
                }
                return IndicatorFigure(code: indicator.code, unit: indicator.unit, target: Int64(threshold), actual: share,
                                       progress: threshold > 0 ? Double(share) / Double(threshold) : nil,
                                       status: share >= threshold ? .onTrack : .behind)
            case .base:
                let target = targets[indicator.code]
                guard indicator.live else {
                    return IndicatorFigure(code: indicator.code, unit: indicator.unit, target: target, actual: nil, progress: nil,
                                           status: .noData)
                }
                let actual = actuals[indicator.code] ?? 0
                guard let target, target > 0 else {
                    return IndicatorFigure(code: indicator.code, unit: indicator.unit, target: target, actual: actual,
                                           progress: nil, status: .noTarget)
                }
                // A stock (parks, counties covered) is expected in full; a flow pro rata through the current year.
                let expected = indicator.cumulative ? target : expectedByNow(target: target, year: year, today: today)
                return IndicatorFigure(code: indicator.code, unit: indicator.unit, target: target, actual: actual,
                                       progress: Double(actual) / Double(target), status: actual >= expected ? .onTrack : .behind)
            }
        }
    }

    /// The part of a yearly target due by `today`: all of it for a past year, none for a future one, and the
    /// months elapsed (this one included) for the current year.
    public static func expectedByNow(target: Int64, year: Int, today: Day) -> Int64 {
        if year < today.year { return target }
        if year > today.year { return 0 }
        return target * Int64(today.month) / 12
    }
}
