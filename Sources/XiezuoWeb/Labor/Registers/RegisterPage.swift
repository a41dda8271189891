import Vapor

/// The context of `register.leaf`: the page shape the labour registers share (filters, facts, tables with a form per
/// row, forms under a table, a pager), so each page only says what goes in it.
struct RegisterPage: Encodable {
    struct Link: Encodable {
        var href: String
        var label: String
    }

    struct Fact: Encodable {
        var label: String
        var value: String
        var href: String?
    }

    struct Cell: Encodable {
        var text: String
        var href: String?
        var note: String?

        init(_ text: String, href: String? = nil, note: String? = nil) {
            self.text = text
            self.href = href
            self.note = note
        }
    }

    /// A small form posted from a row or under a table.
    struct Action: Encodable {
        var action: String
        var label: String
        var title: String?
        var fields: [FormField] = []
        /// Carries a file (`multipart/form-data`).
        var multipart = false
        /// The question the browser asks before sending (reversing, cancelling); the fields stay the no-JS step.
        var confirm: String? = nil
    }

    struct Row: Encodable {
        var cells: [Cell]
        var actions: [Action] = []
    }

    struct LabelledCell: Encodable {
        var text: String
        var href: String?
        var note: String?
        var label: String
    }

    struct LabelledRow: Encodable {
        var cells: [LabelledCell]
        var actions: [Action]
    }

    struct Section: Encodable {
        var title: String?
        var headers: [String]
        var rows: [Row]
        var empty: String
        var forms: [Action] = []
        var hasRows: Bool { !rows.isEmpty }
        var hasActions: Bool { rows.contains { !$0.actions.isEmpty } }

        enum CodingKeys: String, CodingKey { case title, headers, rows, empty, forms, hasRows, hasActions }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(title, forKey: .title)
            try container.encode(headers + (hasActions ? [""] : []), forKey: .headers)
            // Each cell carries its column's header, which a phone shows beside the value (the table stacks there).
            try container.encode(rows.map { row in
                LabelledRow(cells: row.cells.enumerated().map { index, cell in
                    LabelledCell(text: cell.text, href: cell.href, note: cell.note, label: index < headers.count ? headers[index] : "")
                }, actions: row.actions)
            }, forKey: .rows)
            try container.encode(empty, forKey: .empty)
            try container.encode(forms, forKey: .forms)
            try container.encode(hasRows, forKey: .hasRows)
            try container.encode(hasActions, forKey: .hasActions)
        }
    }

    var title: String
    var intro: String?
    var back: String?
    var backLabel: String?
    var error: String?
    var notice: String?
    var filterAction: String?
    var cities: [ChoiceOption] = []
    var search: String = ""
    var links: [Link] = []
    var facts: [Fact] = []
    var sections: [Section] = []
    var pager: Pager?

    var hasFilters: Bool { filterAction != nil }
    var hasLinks: Bool { !links.isEmpty }
    var hasFacts: Bool { !facts.isEmpty }

    enum CodingKeys: String, CodingKey {
        case title, intro, back, backLabel, error, notice, filterAction, cities, search, links, facts, sections, pager
        case hasFilters, hasLinks, hasFacts
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(title, forKey: .title)
        try container.encode(intro, forKey: .intro)
        try container.encode(back, forKey: .back)
        try container.encode(backLabel, forKey: .backLabel)
        try container.encode(error, forKey: .error)
        try container.encode(notice, forKey: .notice)
        try container.encode(filterAction, forKey: .filterAction)
        try container.encode(cities, forKey: .cities)
        try container.encode(search, forKey: .search)
        try container.encode(links, forKey: .links)
        try container.encode(facts, forKey: .facts)
        try container.encode(sections, forKey: .sections)
        try container.encode(pager, forKey: .pager)
        try container.encode(hasFilters, forKey: .hasFilters)
        try container.encode(hasLinks, forKey: .hasLinks)
        try container.encode(hasFacts, forKey: .hasFacts)
    }

    /// The Shaanxi cities as filter options, with "all Shaanxi" first.
    static func cities(_ request: Request, selected region: String?) -> [ChoiceOption] {
        [ChoiceOption(value: "", label: request.t("industries.all_shaanxi"), selected: region == nil)]
            + request.services.regions.children(of: "61").map {
                ChoiceOption(value: $0.code, label: $0.name, selected: region?.hasPrefix($0.code) == true)
            }
    }

    /// Renders the page in the layout, with `status`.
    func render(_ request: Request, status: HTTPStatus = .ok) async throws -> Response {
        try await request.view.render("Support/register", PageContext(request, self)).encodeResponse(status: status, for: request)
    }
}
