import Foundation

/// Small charts drawn on the server as inline SVG: no script, readable without colour (labels carry the values).
enum SVGChart {
    /// One bar per item; each bar links to `item.link` when given.
    struct Bar { var label: String; var value: Int64; var display: String; var link: String? }

    /// A horizontal bar chart.
    static func bars(_ bars: [Bar], title: String) -> String {
        guard !bars.isEmpty else { return "" }
        let rowHeight = 26, labelWidth = 110, width = 640, valueWidth = 110
        let height = rowHeight * bars.count + 8
        let maximum = max(1, bars.map(\.value).max() ?? 1)
        var svg = "<svg class=\"chart\" role=\"img\" aria-label=\"\(escape(title))\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 4
            let length = Int(Double(width - labelWidth - valueWidth) * Double(max(0, bar.value)) / Double(maximum))
            var row = "<text x=\"\(labelWidth - 6)\" y=\"\(y + 17)\" text-anchor=\"end\" class=\"label\">\(escape(bar.label))</text>"
            row += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(max(length, bar.value > 0 ? 2 : 0))\" height=\"\(rowHeight - 8)\" class=\"bar\"/>"
            row += "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 17)\" class=\"value\">\(escape(bar.display))</text>"
            if let link = bar.link { row = "<a href=\"\(escape(link))\">\(row)</a>" }
            svg += row
        }
        return svg + "</svg>"
    }

    /// A line over the twelve months of a year, with a y-axis (zero, half and the top, in `unit`) and month labels.
    static func monthly(_ values: [Int64], title: String, unit: String, format: (Int64) -> String, monthLabel: (Int) -> String) -> String {
        let width = 640, height = 200, left = 86, right = 16, top = 22, bottom = 28
        let maximum = max(1, values.max() ?? 1)
        let step = Double(width - left - right) / Double(max(1, values.count - 1))
        let plot = Double(height - top - bottom)
        func point(_ index: Int) -> (Double, Double) {
            let x = Double(left) + step * Double(index)
            let y = Double(top) + plot * (1 - Double(values[index]) / Double(maximum))
            return (x, y)
        }
        var svg = "<svg class=\"chart\" role=\"img\" aria-label=\"\(escape(title))\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        // The y-axis: gridlines at zero, half and the maximum, each labelled; the unit above it.
        // All zero: one gridline, at zero.
        for fraction in (values.contains { $0 != 0 } ? [0.0, 0.5, 1.0] : [0.0]) {
            let y = Double(top) + plot * (1 - fraction)
            let value = Int64((Double(maximum) * fraction).rounded())
            svg += String(format: "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"axis\"/>", left, y, width - right, y)
            svg += String(format: "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"value\">", left - 6, y + 4) + escape(format(value)) + "</text>"
        }
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(height - bottom)\" class=\"axis\"/>"
        svg += "<text x=\"\(left - 6)\" y=\"\(top - 10)\" text-anchor=\"end\" class=\"label\">\(escape(unit))</text>"
        let points = values.indices.map { point($0) }.map { String(format: "%.1f,%.1f", $0.0, $0.1) }.joined(separator: " ")
        svg += "<polyline points=\"\(points)\" class=\"line\"/>"
        for index in values.indices {
            let (x, y) = point(index)
            svg += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" class=\"dot\"><title>", x, y)
                + escape(monthLabel(index + 1) + " " + format(values[index])) + "</title></circle>"
            svg += String(format: "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"label\">", x, height - 8) + escape(monthLabel(index + 1)) + "</text>"
        }
        return svg + "</svg>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
