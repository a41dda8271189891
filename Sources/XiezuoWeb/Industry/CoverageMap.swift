import Vapor
import XiezuoCore

/// The coverage map of the overview: one row per Shaanxi city, one labelled tile per county, coloured by whether the
/// county has a featured industry (一县一特色), an established co-built park (一县一园区), both, or neither. Each tile
/// shows its county's name and links to it, and the rows wrap, so the map reads on a phone; the state is also given in
/// words to screen readers and as a tip, so nothing depends on colour alone.
enum CoverageMap {
    static func html(cities: [Region], counties: (String) -> [Region], specialty: Set<String>, park: Set<String>, title: String,
                     request: Request) -> String {
        let rows = cities.map { ($0, counties($0.code).sorted { $0.code < $1.code }) }.filter { !$0.1.isEmpty }
        guard !rows.isEmpty else { return "" }
        var html = "<div class=\"coverage\" role=\"group\" aria-label=\"\(SVGChart.escape(title))\">"
        for (city, list) in rows {
            html += "<div class=\"coverage-row\"><a class=\"coverage-city\" href=\"/industries?region=\(city.code)\">\(SVGChart.escape(city.name))</a><ul>"
            for county in list {
                let state: String
                switch (specialty.contains(county.code), park.contains(county.code)) {
                case (true, true): state = "both"
                case (true, false): state = "specialty"
                case (false, true): state = "park"
                case (false, false): state = "none"
                }
                let tip = SVGChart.escape(request.t("industries.map_tip", ["county": county.name, "state": request.t("industries.state_\(state)")]))
                html += "<li class=\"tile \(state)\"><a href=\"/industries?region=\(county.code)\" title=\"\(tip)\" aria-label=\"\(tip)\">"
                    + "\(SVGChart.escape(county.name))</a></li>"
            }
            html += "</ul></div>"
        }
        return html + "</div>"
    }
}
