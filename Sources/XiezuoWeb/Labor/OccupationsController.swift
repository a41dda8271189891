import Vapor
import XiezuoCore

/// Occupations by name for the pickers: `GET /api/v1/occupations/search?q=厨师` → 中式烹调师 4-03-02-01 ….
struct OccupationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "occupations", "search", use: search)
    }

    static let operations: [APIOperation] = [
        APIOperation(.GET, "/api/v1/occupations/search", tag: "labor",
                     summary: "Occupations by name or common name (厨师 → 中式烹调师 4-03-02-01), best first",
                     parameters: [.query("q", "Part of a name in Chinese or English, a common name, or the start of a code")]
                         + APIOperation.Parameter.picker,
                     response: .list("OccupationChoice")),
    ]

    /// One occupation as a picker offers it.
    struct Choice: Content {
        var code: String
        var nameZh: String
        var nameEn: String
        /// The common name the text matched (厨师), when it was not the occupation's own name.
        var matchedAlias: String?
        /// What the picker puts in the field: the name and the code (中式烹调师 4-03-02-01).
        var label: String
    }

    func search(request: Request) async throws -> PageDTO<Choice> {
        let paging = try request.pickerPage()
        let hits = OccupationCatalogue.search(try request.queryText("q", max: 40) ?? "", limit: .max)
        return PageDTO(Paged(slicing: hits, request: paging).map { hit in
            Choice(code: hit.occupation.code, nameZh: hit.occupation.nameZh, nameEn: hit.occupation.nameEn, matchedAlias: hit.matchedAlias,
                   label: OccupationsController.label(hit.occupation, language: request.language))
        })
    }

    static func label(_ occupation: Occupation, language: Language) -> String {
        "\(language == .en ? occupation.nameEn : occupation.nameZh) \(occupation.code)"
    }
}

extension Request {
    /// The occupation codes a person typed in `field`, separated by commas or 、: each a code, a name or a common
    /// name, or a picker label (中式烹调师 4-03-02-01). A name that fits several occupations (司机) is an error that
    /// lists them; so is one that fits none.
    func occupations(_ text: String?, field: String) throws -> [String] {
        return try FormValue.items(text).map { item in
            if let code = item.split(separator: " ").last.map(String.init), OccupationCatalogue.isWellFormed(code) { return code }
            let hits = OccupationCatalogue.search(item, limit: 12)
            let exact = hits.filter { $0.occupation.nameZh == item || $0.occupation.nameEn.lowercased() == item.lowercased() || $0.matchedAlias == item }
            if exact.count == 1 { return exact[0].occupation.code }
            if hits.count == 1 { return hits[0].occupation.code }
            if hits.isEmpty { throw DomainError.invalid(field, "occupation_not_found", ["name": item]) }
            throw DomainError.invalid(field, "occupation_ambiguous", ["name": item, "choices": (exact.isEmpty ? hits : exact).map {
                OccupationsController.label($0.occupation, language: language)
            }.joined(separator: "、")])
        }
    }
}
