import Vapor
import XiezuoCore

/// The coverage map of the overview: one row per Shaanxi city, one square per county, coloured by whether the
/// county has a featured industry (一县一特色), an established co-built park (一县一园区), both, or neither. Each
/// square names its county and links to it; the colours are also told in text, so nothing depends on colour alone.
enum CoverageMap {
    static func svg(cities: [Region], counties: (String) -> [Region], specialty: Set<String>, park: Set<String>, title: String,
                    request: Request) -> String {
        let cell = 22, gap = 4, labelWidth = 92, rowHeight = 30
        let rows = cities.map { ($0, counties($0.code).sorted { $0.code < $1.code }) }.filter { !$0.1.isEmpty }
        guard !rows.isEmpty else { return "" }
        let widest = rows.map(\.1.count).max() ?? 1
        let width = labelWidth + widest * (cell + gap) + 8
        let height = rows.count * rowHeight + 8
        var svg = "<svg class=\"chart coverage\" role=\"img\" aria-label=\"\(SVGChart.escape(title))\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (index, (city, list)) in rows.enumerated() {
            let y = index * rowHeight + 4
            svg += "<a href=\"/industries?region=\(city.code)\"><text x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" text-anchor=\"end\" class=\"label\">\(SVGChart.escape(city.name))</text></a>"
            for (column, county) in list.enumerated() {
                let x = labelWidth + column * (cell + gap)
                let state: String
                switch (specialty.contains(county.code), park.contains(county.code)) {
                case (true, true): state = "both"
                case (true, false): state = "specialty"
                case (false, true): state = "park"
                case (false, false): state = "none"
                }
                let tip = request.t("industries.map_tip", ["county": county.name, "state": request.t("industries.state_\(state)")])
                svg += "<a href=\"/industries?region=\(county.code)\"><rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" rx=\"3\" class=\"cell \(state)\"><title>\(SVGChart.escape(tip))</title></rect></a>"
            }
        }
        return svg + "</svg>"
    }
}
