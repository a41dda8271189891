import Testing
@testable import XiezuoCore

@Suite("Dashboard arithmetic")
struct DashboardMathTests {
    let today = Day("2025-06-15")!

    func figure(_ figures: [IndicatorFigure], _ code: String) -> IndicatorFigure { figures.first { $0.code == code }! }

    @Test func shareWithoutFundsIsNoData() {
        let figures = DashboardMath.figures(actuals: [:], targets: [:], shareThreshold: 8000, year: 2025, today: today)
        #expect(figure(figures, "four_action_share").status == .noData)
        #expect(figure(figures, "four_action_share").actual == nil)
        #expect(figure(figures, "four_action_share").progress == nil)
    }

    @Test func hugeSumsDoNotOverflow() {
        let figures = DashboardMath.figures(actuals: ["aid_committed": 4_000_000_000_000_000, "aid_committed_four_actions": 3_000_000_000_000_000],
                                            targets: [:], shareThreshold: 8000, year: 2025, today: today)
        #expect(figure(figures, "four_action_share").actual == 7500)
        #expect(figure(figures, "four_action_share").status == .behind)
    }

    @Test("a target is due pro rata in the current year, whole in a past year", arguments: [
        (2024, Int64(1000), FigureStatus.behind), (2025, Int64(500), .onTrack), (2025, Int64(499), .behind), (2026, Int64(0), .onTrack),
    ])
    func proRata(year: Int, actual: Int64, status: FigureStatus) {
        // June: 6/12 of 1,000 is due.
        let figures = DashboardMath.figures(actuals: ["projects_total": actual], targets: ["projects_total": 1001], shareThreshold: nil,
                                            year: year, today: today)
        #expect(figure(figures, "projects_total").status == status)
    }

    @Test func notYetRecordedIndicatorsHaveNoData() {
        // Every catalogued capability records its facts now; an indicator declared ahead of its capability shows "no data".
        let declared = Indicator("future_figure", unit: .persons, live: false)
        let figures = DashboardMath.figures(actuals: ["future_figure": 5, "projects_total": 3], targets: ["future_figure": 10],
                                            shareThreshold: nil, year: 2025, today: today,
                                            catalogue: [declared] + IndicatorCatalogue.all.filter { $0.code == "projects_total" })
        #expect(figure(figures, "future_figure").status == .noData)
        #expect(figure(figures, "projects_total").actual == 3)
        #expect(DashboardMath.figures(actuals: [:], targets: [:], shareThreshold: nil, year: 2025, today: today).count
                == IndicatorCatalogue.all.count)
    }

    @Test("a stock (counties covered, parks) is due in full, a flow pro rata")
    func stockTargetsAreDueInFull() {
        let figures = DashboardMath.figures(actuals: ["coverage_one_county_one_park": 30, "enterprises_landed": 30],
                                            targets: ["coverage_one_county_one_park": 56, "enterprises_landed": 56], shareThreshold: nil,
                                            year: 2025, today: today)
        #expect(figure(figures, "coverage_one_county_one_park").status == .behind)
        #expect(figure(figures, "enterprises_landed").status == .onTrack)
    }
}
