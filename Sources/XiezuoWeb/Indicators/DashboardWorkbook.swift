import Spreadsheet
import Vapor
import XiezuoCore

/// The dashboard as a workbook: every indicator with its target, actual and progress, then the breakdown by region
/// and the trend month by month, as the page shows them.
enum DashboardWorkbook {
    static func response(_ data: DashboardData, request: Request) async throws -> Response {
        func t(_ key: String) -> String { request.t(key) }
        func t(_ key: String, or fallback: String) -> String { request.t(key, or: fallback) }
        let export = try ListExport(request: request, sheet: SheetSpec(name: "export.sheet.dashboard"),
                                    header: [t("export.column.indicator"), t("export.column.unit"), t("export.column.target"),
                                             t("export.column.actual"), t("export.column.progress"), t("export.column.status")])
        try writeFigures(data.figures, to: export, request: request)
        if !data.breakdown.isEmpty {
            let unit = IndicatorCatalogue.all.first { $0.code == data.breakdownIndicator }?.unit ?? .units
            try export.sheet(t("export.sheet.breakdown"), header: [t("export.column.regionCode"), t("export.column.region"),
                                                                   t("indicator.\(data.breakdownIndicator)") + unitSuffix(unit, request)])
            for row in data.breakdown { try export.row([.text(row.code), .text(row.name), ListExport.figure(row.value, unit: unit)]) }
        }
        if !data.trend.isEmpty {
            let unit = IndicatorCatalogue.all.first { $0.code == data.trendIndicator }?.unit ?? .units
            try export.sheet(t("export.sheet.trend"), header: [t("export.column.month"), t("indicator.\(data.trendIndicator)") + unitSuffix(unit, request)])
            for (offset, value) in data.trend.enumerated() {
                try export.row([.date(year: data.year, month: offset + 1, day: 1), ListExport.figure(value, unit: unit)])
            }
        }
        return try await export.response()
    }

    /// Indicator rows: name, unit, target, actual, progress (a share), status.
    static func writeFigures(_ figures: [IndicatorFigure], to export: ListExport, request: Request) throws {
        for figure in figures {
            try export.row([.text(request.t("indicator.\(figure.code)")), .text(unitName(figure.unit, request)),
                            ListExport.figure(figure.target, unit: figure.unit), ListExport.figure(figure.actual, unit: figure.unit),
                            figure.progress.map { .percent($0) } ?? .empty, .text(request.t("status.\(figure.status.rawValue)"))])
        }
    }

    static func unitName(_ unit: IndicatorUnit, _ request: Request) -> String {
        switch unit {
        case .fen: return request.t("export.unit.yuan")
        case .share: return "%"
        default: return request.t("unit.\(unit.rawValue)")
        }
    }

    static func unitSuffix(_ unit: IndicatorUnit, _ request: Request) -> String {
        let name = unitName(unit, request)
        return name.isEmpty ? "" : "（\(name)）"
    }
}
