import Spreadsheet
import Vapor
import XiezuoCore

/// The annual report as a workbook: the indicators, the funds by action and category, the featured industries, parks
/// and enterprises by name, the counts of consumption and labour, training by mode, postings received, and each
/// county's state and grade — one sheet each, in the report's order.
enum AnnualReportWorkbook {
    static func response(_ report: AnnualReport, request: Request) async throws -> Response {
        func t(_ key: String) -> String { request.t(key) }
        func t(_ key: String, or fallback: String) -> String { request.t(key, or: fallback) }
        let regions = request.services.regions
        func place(_ code: String) -> Cell { .text(regions[code]?.name ?? code) }
        let export = try ListExport(request: request, sheet: SheetSpec(name: "export.sheet.annual_report"),
                                    header: [t("export.column.indicator"), t("export.column.unit"), t("export.column.target"),
                                             t("export.column.actual"), t("export.column.progress"), t("export.column.status")])
        try DashboardWorkbook.writeFigures(report.figures, to: export, request: request)

        try export.sheet(t("report.funds"), header: [t("export.column.split"), t("export.column.key"), t("export.column.amount") + t("export.suffix.yuan")])
        for split in report.aidByArea {
            let key = t("area.\(split.key)", or: split.key)
            try export.row([Cell.text(t("report.by_area")), Cell.text(key), Cell.yuan(fen: split.amount)])
        }
        for split in report.aidByCategory { try export.row([Cell.text(t("report.by_category")), Cell.text(split.key), Cell.yuan(fen: split.amount)]) }

        try export.sheet(t("report.parks"), header: [t("export.column.split"), t("export.column.name"), t("export.column.county"),
                                                     t("export.column.kind"), t("export.column.amount") + t("export.suffix.yuan"), t("export.column.count")])
        let groups: [(String, [AnnualReport.Item], (String) -> String)] = [
            (t("report.industries"), report.industries, { $0 }),
            (t("report.park"), report.parks, { t("park_form.\($0)", or: $0) }),
            (t("report.enterprise"), report.enterprisesLanded, { $0 }),
        ]
        for (title, items, kind) in groups {
            for item in items {
                let kindCell: Cell = item.kind.map { Cell.text(kind($0)) } ?? .empty
                let amount: Cell = item.amount.map { Cell.yuan(fen: $0) } ?? .empty
                let count: Cell = item.count.map { Cell.integer(Int64($0)) } ?? .empty
                try export.row([Cell.text(title), Cell.text(item.name), place(item.countyCode), kindCell, amount, count])
            }
        }

        try export.sheet(t("export.sheet.report_counts"), header: [t("export.column.item"), t("export.column.value")])
        var counts: [(String, Cell)] = [
            (t("report.enclave_shares"), .integer(Int64(report.enclaveShares))),
            (t("report.products_promoted"), .integer(Int64(report.productsPromoted))),
            (t("report.regional_brands"), .integer(Int64(report.regionalBrands))),
            (t("report.gig_markets"), .integer(Int64(report.gigMarkets))),
            (t("report.trips"), .integer(Int64(report.trips))),
            (t("report.passengers"), .integer(Int64(report.passengers))),
            (t("report.postings_offered"), .integer(Int64(report.postingsOffered))),
        ]
        if let procurement = report.procurement {
            counts.append((t("report.procurement"), procurement.shareBasisPoints.map { .percent(Double($0) / 10_000) } ?? .empty))
            counts.append((t("field.canteenSpending") + t("export.suffix.yuan"), .yuan(fen: procurement.canteenSpending)))
            counts.append((t("field.povertyAreaSpending") + t("export.suffix.yuan"), .yuan(fen: procurement.povertyAreaSpending)))
        }
        for split in report.trainingByMode { counts.append((t("report.training_mode") + "·" + t("training_mode.\(split.key)", or: split.key), .integer(split.amount))) }
        for split in report.postingsReceived { counts.append((t("report.postings_received") + "·" + split.key, .integer(split.amount))) }
        for (item, value) in counts { try export.row([.text(item), value]) }

        try export.sheet(t("report.states"), header: [t("export.column.countyCode"), t("export.column.county"),
                                                      t("export.column.state"), t("export.column.grade")])
        for county in report.counties {
            try export.row([.text(county.countyCode), place(county.countyCode), .text(t("period_state.\(county.state.rawValue)")),
                            county.grade.map { .text(t("grade.\($0.rawValue)")) } ?? .empty])
        }
        return try await export.response()
    }
}
