import Vapor
import XiezuoCore
import XiezuoStore

/// What the dashboard template shows: figures formatted in the user's language, the charts as SVG, and the
/// links to move between years, regions and pairings.
enum DashboardPage {
    struct Figure: Encodable {
        var name: String
        var unit: String
        var target: String?
        var actual: String?
        var percent: Int?
        var status: String
        var statusName: String
        /// The list of the records behind the actual figure.
        var records: String?
    }

    struct Link: Encodable { var label: String; var href: String; var current: Bool }

    struct Context: Encodable {
        var title: String
        var year: Int
        var years: [Link]
        var path: [Link]
        var pairings: [Link]
        var agreement: String?
        var figures: [Figure]
        var breakdownTitle: String
        var breakdownSVG: String
        var hasBreakdown: Bool
        var hasPairings: Bool
        var trendTitle: String
        var trendSVG: String
        /// The indicators the charts can show, the chosen one selected; and the query's scope and year, kept on change.
        var indicators: [ChoiceOption]
        var scopeName: String
        var scopeValue: String
        /// The charts' figures as tables beside them (month, value; region, value, link).
        var trendRows: [Cell]
        var breakdownRows: [Cell]
        var unit: String
        /// The yearly review: a county's state, or how many counties of a Shaanxi city or province are in each state.
        var period: Link?
    }

    struct Cell: Encodable { var label: String; var value: String; var href: String? }

    static func context(_ data: DashboardData, request: Request) async throws -> Context {
        let regions = request.services.regions
        let scope = data.pairingID.map { "pairing=\($0)" } ?? "region=\(data.regionCode ?? "61")"
        let thisYear = currentYear()
        let years = (2021...thisYear + 1).reversed().map {
            Link(label: String($0), href: "/dashboard?\(scope)&year=\($0)", current: $0 == data.year)
        }
        var title = ""
        var path: [Link] = []
        var pairings: [Link] = []
        if let id = data.pairingID {
            let pairing = PairingView(try await request.pairings.get(id), regions: regions, year: data.year)
            title = "\(pairing.eastName) ↔ \(pairing.westName)"
            path = [Link(label: pairing.eastName, href: "/dashboard?region=\(pairing.eastCode)&year=\(data.year)", current: false),
                    Link(label: pairing.westName, href: "/dashboard?region=\(pairing.westCode)&year=\(data.year)", current: false)]
        } else if let code = data.regionCode {
            title = regions[code]?.name ?? code
            let scope = request.principal.scope
            path = regions.path(to: code).filter { scope.covers($0.code) }.map {
                Link(label: $0.name, href: "/dashboard?region=\($0.code)&year=\(data.year)", current: $0.code == code)
            }
            let level = regions[code]?.level
            if level == .city || level == .county {
                pairings = try await request.pairings.list(year: data.year, region: code, page: Paging(perPage: 50)).items
                    .filter { $0.eastCode == code || $0.westCode == code }
                    .map { PairingView($0, regions: regions, year: data.year) }
                    .map { Link(label: "\($0.eastName) ↔ \($0.westName)", href: "/dashboard?pairing=\($0.id)&year=\(data.year)", current: false) }
            }
        }
        // A pairing's figures are its Shaanxi county's records (with the partner's purchases among its sales).
        var recordsRegion = data.regionCode ?? "61"
        if let id = data.pairingID { recordsRegion = try await request.pairings.get(id).westCode }
        let figures = data.figures.map { figure -> Figure in
            let unit = request.t(figure.unit.labelKey)
            return Figure(name: request.t("indicator.\(figure.code)"), unit: unit,
                          target: figure.target.map { Formatting.value($0, unit: figure.unit) },
                          actual: figure.actual.map { Formatting.value($0, unit: figure.unit) },
                          percent: figure.progress.map { Int(min(100, max(0, $0 * 100)).rounded()) },
                          status: figure.status.rawValue, statusName: request.t("status.\(figure.status.rawValue)"),
                          records: (figure.actual ?? 0) == 0 ? nil : records(for: figure.code, region: recordsRegion, year: data.year))
        }
        let chosen = IndicatorCatalogue.all.first { $0.code == data.trendIndicator }
        let unitOf = chosen?.unit ?? .fen
        let unit = request.t(unitOf.labelKey)
        func shown(_ value: Int64) -> String { Formatting.value(value, unit: unitOf) }
        let indicatorQuery = data.trendIndicator == IndicatorCatalogue.aidDisbursed ? "" : "&indicator=\(data.trendIndicator)"
        let breakdownTitle = request.t("dashboard.breakdown", ["indicator": request.t("indicator.\(data.breakdownIndicator)")]) + "（\(unit)）"
        let bars = data.breakdown.map {
            SVGChart.Bar(label: $0.name, value: $0.value, display: shown($0.value),
                         link: request.principal.scope.covers($0.code) ? "/dashboard?region=\($0.code)&year=\(data.year)\(indicatorQuery)" : nil)
        }
        let trendTitle = request.t("dashboard.trend", ["indicator": request.t("indicator.\(data.trendIndicator)")]) + "（\(unit)）"
        let month = { (number: Int) in request.t("dashboard.month", ["month": String(number)]) }
        let trendSVG = SVGChart.monthly(data.trend, title: trendTitle, unit: unit, format: shown, monthLabel: month)
        return Context(title: title, year: data.year, years: years, path: path, pairings: pairings,
                       agreement: data.agreement.map { "\($0.title) · " + request.t("dashboard.threshold", ["percent": Formatting.percent(Int64($0.shareThreshold))]) },
                       figures: figures, breakdownTitle: breakdownTitle, breakdownSVG: SVGChart.bars(bars, title: breakdownTitle),
                       hasBreakdown: !bars.isEmpty, hasPairings: !pairings.isEmpty,
                       trendTitle: trendTitle, trendSVG: trendSVG,
                       indicators: DashboardRepository.chartable.map {
                           ChoiceOption(value: $0.code, label: request.t("indicator.\($0.code)"), selected: $0.code == data.trendIndicator)
                       },
                       scopeName: data.pairingID == nil ? "region" : "pairing", scopeValue: data.pairingID?.uuidString ?? data.regionCode ?? "61",
                       trendRows: data.trend.enumerated().map { Cell(label: month($0.offset + 1), value: shown($0.element), href: nil) },
                       breakdownRows: bars.map { Cell(label: $0.label, value: $0.display, href: $0.link) }, unit: unit,
                       period: try await period(of: data, request: request))
    }

    /// The yearly review of a Shaanxi region's year: the county's state, or the count of its counties in each state.
    static func period(of data: DashboardData, request: Request) async throws -> Link? {
        guard let code = data.regionCode, code.hasPrefix("61"), let region = request.services.regions[code] else { return nil }
        if region.level == .county {
            let state = try await request.periods.states(year: data.year, counties: [code])[code] ?? .drafting
            return Link(label: request.t("dashboard.period_state") + "：" + request.t("period_state.\(state.rawValue)"),
                        href: "/periods/\(data.year)/\(code)", current: false)
        }
        let counties = request.services.regions.counties(in: code).map(\.code)
        let states = try await request.periods.states(year: data.year, counties: counties).values
        func count(_ state: PeriodState) -> String { String(states.filter { $0 == state }.count) }
        return Link(label: request.t("dashboard.period_counts", ["drafting": count(.drafting), "submitted": count(.submitted),
                                                                  "city": count(.cityApproved), "approved": count(.approved)]),
                    href: "/periods?year=\(data.year)&region=\(code)", current: false)
    }
}

extension IndicatorUnit {
    /// The label of the unit figures are shown in: money is kept in fen and shown in 万元.
    var labelKey: String { self == .fen ? "unit.wan_yuan" : "unit.\(rawValue)" }
}
