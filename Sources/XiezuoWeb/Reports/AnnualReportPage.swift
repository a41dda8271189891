import Vapor
import XiezuoCore
import XiezuoStore

/// The annual report as a page: its sections in the letter's order, each line a figure with its unit and a link to
/// the records behind it.
enum AnnualReportPage {
    struct Line: Encodable {
        var label: String
        var value: String
        var unit: String
        var href: String?
        var note: String?
    }

    struct Table: Encodable {
        var headers: [String]
        var rows: [[String]]
        var hasRows: Bool
    }

    struct Section: Encodable {
        /// The section's number as the letter writes it (一、 in Chinese, 1. in English).
        var number: String
        var title: String
        var lines: [Line]
        var tables: [Table]
        var text: String?
        var hasLines: Bool { !lines.isEmpty }

        enum CodingKeys: String, CodingKey { case number, title, lines, tables, text, hasLines }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(number, forKey: .number)
            try container.encode(title, forKey: .title)
            try container.encode(lines, forKey: .lines)
            try container.encode(tables, forKey: .tables)
            try container.encode(text, forKey: .text)
            try container.encode(hasLines, forKey: .hasLines)
        }
    }

    struct Context: Encodable {
        var title: String
        var year: Int
        var period: String
        var producedAt: Date
        var status: String
        var complete: Bool
        var sections: [Section]
        var years: [Int]
        var scope: String
        var api: String
    }

    static func context(_ report: AnnualReport, request: Request) async throws -> Context {
        let regions = request.services.regions
        let place = regions.placeName
        var scope = "region=\(report.regionCode ?? "61")"
        var title = regions[report.regionCode ?? "61"]?.name ?? ""
        var recordsRegion = report.regionCode ?? "61"
        if let id = report.pairingID {
            let pairing = PairingView(try await request.pairings.get(id), regions: regions, year: report.year)
            title = "\(pairing.eastName) ↔ \(pairing.westName)"
            scope = "pairing=\(id)"
            recordsRegion = pairing.westCode
        }
        let year = report.year
        func line(_ code: String, note: String? = nil) -> Line {
            let unit = IndicatorCatalogue.indicator(code)?.unit ?? .projects
            let value = report.value(code)
            return Line(label: request.t("indicator.\(code)"), value: value.map { Formatting.value($0, unit: unit) } ?? request.t("report.no_data"),
                        unit: unit == .share ? "" : request.t(unit.labelKey),
                        href: (value ?? 0) == 0 ? nil : DashboardPage.records(for: code, region: recordsRegion, year: year), note: note)
        }
        func count(_ label: String, _ value: Int, unit: String, href: String? = nil) -> Line {
            Line(label: request.t(label), value: Formatting.count(Int64(value)), unit: request.t(unit), href: value == 0 ? nil : href)
        }
        let wan = request.t("unit.wan_yuan")
        func table(_ headers: [String], _ rows: [[String]]) -> Table { Table(headers: headers, rows: rows, hasRows: !rows.isEmpty) }
        // 一、funds
        var shareNote: String?
        if let threshold = report.shareThreshold, let share = report.value(IndicatorCatalogue.fourActionShare) {
            shareNote = request.t(share >= Int64(threshold) ? "report.share_met" : "report.share_missed", ["threshold": Formatting.percent(Int64(threshold))])
        } else if let threshold = report.shareThreshold {
            shareNote = request.t("report.share_threshold", ["threshold": Formatting.percent(Int64(threshold))])
        }
        let funds = Section(
            number: request.t("report.section_1"), title: request.t("report.funds"),
            lines: [line(IndicatorCatalogue.aidCommitted), line(IndicatorCatalogue.aidDisbursed), line(IndicatorCatalogue.socialDonations),
                    line(IndicatorCatalogue.aidCommittedFourActions), line(IndicatorCatalogue.fourActionShare, note: shareNote),
                    line(IndicatorCatalogue.projectsTotal)],
            tables: [table([request.t("report.by_area"), wan], report.aidByArea.map { [request.t("area.\($0.key)", or: $0.key), Formatting.wan($0.amount)] }),
                     table([request.t("report.by_category"), wan], report.aidByCategory.map { [$0.key, Formatting.wan($0.amount)] })],
            text: nil)
        // 二、一县一特色
        let industries = Section(
            number: request.t("report.section_2"), title: request.t("report.specialty"), lines: [line(IndicatorCatalogue.coverageSpecialty)],
            tables: [table([request.t("periods.county"), request.t("report.industries")],
                           Dictionary(grouping: report.industries, by: \.countyCode).sorted { $0.key < $1.key }
                               .map { [place($0.key), $0.value.map(\.name).joined(separator: "、")] })],
            text: nil)
        // 三、一县一园区
        let forms = Dictionary(grouping: report.parks, by: { $0.kind ?? "other" })
        let parks = Section(
            number: request.t("report.section_3"), title: request.t("report.parks"),
            lines: [line(IndicatorCatalogue.parksCobuilt, note: ParkForm.allCases.compactMap { form in
                        forms[form.rawValue].map { "\(request.t("park_form.\(form.rawValue)")) \($0.count)" } }.joined(separator: " · ")),
                    line(IndicatorCatalogue.coveragePark), line(IndicatorCatalogue.enterprisesLanded), line(IndicatorCatalogue.enterpriseInvestment),
                    line(IndicatorCatalogue.enterpriseJobs), line(IndicatorCatalogue.enterpriseJobsPovertyLifted),
                    count("report.enclave_shares", report.enclaveShares, unit: "report.unit_items", href: "/manage/industry?region=\(recordsRegion)")],
            tables: [table([request.t("report.park"), request.t("periods.county"), request.t("report.form")],
                           report.parks.map { [$0.name, place($0.countyCode), request.t("park_form.\($0.kind ?? "other")")] }),
                     table([request.t("report.enterprise"), request.t("periods.county"), request.t("report.investment") + "（\(wan)）", request.t("report.jobs")],
                           report.enterprisesLanded.map { [$0.name, place($0.countyCode), Formatting.wan($0.amount ?? 0), String($0.count ?? 0)] })],
            text: nil)
        // 四、消费帮扶
        var consumptionLines = [count("report.products_promoted", report.productsPromoted, unit: "report.unit_items", href: "/products"),
                                count("report.regional_brands", report.regionalBrands, unit: "report.unit_items",
                                      href: "/manage/consumption?region=\(recordsRegion)&year=\(year)"),
                                line(IndicatorCatalogue.consumptionSales)]
        consumptionLines += SaleChannel.allCases.map { line($0.indicator) }
        if let procurement = report.procurement {
            consumptionLines.append(Line(label: request.t("report.procurement"),
                                         value: procurement.shareBasisPoints.map { Formatting.percent(Int64($0)) } ?? request.t("report.no_data"), unit: "",
                                         href: "/manage/consumption?year=\(year)",
                                         note: request.t("report.procurement_note", ["units": String(procurement.units), "meeting": String(procurement.unitsMeetingFloor),
                                                                                     "floor": Formatting.percent(Int64(Procurement.floorBasisPoints))])))
        }
        let consumption = Section(number: request.t("report.section_4"), title: request.t("report.consumption"), lines: consumptionLines, tables: [], text: nil)
        // 五、劳务协作
        let labour = Section(
            number: request.t("report.section_5"), title: request.t("report.labour"),
            lines: [line(IndicatorCatalogue.laborBrands), line(IndicatorCatalogue.laborBrandLeadingUnits), line(IndicatorCatalogue.workersPlaced),
                    line(IndicatorCatalogue.workersPlacedPovertyLifted), line(IndicatorCatalogue.workersPlacedInJiangsu),
                    count("report.gig_markets", report.gigMarkets, unit: "report.unit_items", href: "/gigs"),
                    count("report.trips", report.trips, unit: "report.unit_trips", href: "/manage/labor?region=\(recordsRegion)"),
                    count("report.passengers", report.passengers, unit: "unit.persons"),
                    line(IndicatorCatalogue.trainingCompletions), line(IndicatorCatalogue.trainingCertified), line(IndicatorCatalogue.trainingEmployed),
                    line(IndicatorCatalogue.workshops), line(IndicatorCatalogue.workshopJobs),
                    count("report.postings_offered", report.postingsOffered, unit: "report.unit_postings", href: "/jobs")],
            tables: [table([request.t("report.training_mode"), request.t("report.programmes")],
                           report.trainingByMode.map { [request.t("training_mode.\($0.key)", or: $0.key), String($0.amount)] }),
                     table([request.t("report.partner_platform"), request.t("report.postings_received")],
                           report.postingsReceived.map { [$0.key, Formatting.count($0.amount)] })],
            text: nil)
        // 六、干部人才与结对
        let personnel = Section(
            number: request.t("report.section_6"), title: request.t("report.personnel"),
            lines: [IndicatorCatalogue.personnelToShaanxi, IndicatorCatalogue.personnelToJiangsu, IndicatorCatalogue.personnelCadres,
                    IndicatorCatalogue.personnelProfessionals, IndicatorCatalogue.personnelDays, IndicatorCatalogue.villagePairings,
                    IndicatorCatalogue.villagePairingVillages, IndicatorCatalogue.villagePairingDelivered, IndicatorCatalogue.demonstrationVillages]
                .map { line($0) },
            tables: [], text: nil)
        // 七、审核与等次
        let approved = report.counties.filter { $0.state == .approved }.count
        let states = Section(
            number: request.t("report.section_7"), title: request.t("report.states"), lines: [],
            tables: [table([request.t("periods.county"), request.t("periods.state"), request.t("assessment.final")],
                           report.counties.filter { $0.state != .drafting || $0.grade != nil }.map {
                               [place($0.countyCode), request.t("period_state.\($0.state.rawValue)"), $0.grade.map { request.t("grade.\($0.rawValue)") } ?? "—"]
                           })],
            text: request.t("report.states_summary", ["approved": String(approved), "total": String(report.counties.count),
                                                      "open": String(report.counties.count - approved)]))
        return Context(
            title: request.t("report.heading", ["scope": title, "year": String(year)]), year: year,
            period: request.t("report.period", ["from": "\(year)-01-01", "to": "\(year)-12-31"]), producedAt: report.producedAt,
            status: report.allApproved ? request.t("report.all_approved") : request.t("report.not_all_approved", ["open": String(report.counties.count - approved)]),
            complete: report.allApproved, sections: [funds, industries, parks, consumption, labour, personnel, states],
            years: Array((2021...request.today.year).reversed()), scope: scope, api: "/api/v1/reports/annual?\(scope)&year=\(year)")
    }
}
