import Vapor

/// One documented API route. Controllers declare theirs next to the handlers; ``OpenAPIDocument`` assembles them
/// and a test checks every registered `/api/` route has one.
struct APIOperation: Sendable {
    /// A query or path parameter.
    struct Parameter: Sendable {
        var name: String
        var location: String
        var description: String
        var type: String
        var required: Bool

        static func query(_ name: String, _ description: String, type: String = "string") -> Parameter {
            Parameter(name: name, location: "query", description: description, type: type, required: false)
        }
        static func path(_ name: String, _ description: String) -> Parameter {
            Parameter(name: name, location: "path", description: description, type: "string", required: true)
        }
        static let paging: [Parameter] = [
            .query("page", "1-based page number", type: "integer"),
            .query("perPage", "Items per page (at most 200)", type: "integer"),
            .query("format", "json (the default) or xlsx: every row matching the filters as an Excel workbook, with a 说明 sheet"),
        ]
        /// Paging of a list that is not exported (the region tree).
        static let pageOnly: [Parameter] = Array(paging.prefix(2))
        /// Paging of a picker's answers.
        static let picker: [Parameter] = [
            .query("page", "1-based page number", type: "integer"),
            .query("perPage", "Answers per page (1–50, default 20)", type: "integer"),
            .query("limit", "The older name of perPage", type: "integer"),
        ]
    }

    /// The shape of a success response.
    enum Body: Sendable {
        case object(String)
        case list(String)
        case text(String)
        case none
    }

    var method: HTTPMethod
    var path: String
    var tag: String
    var summary: String
    var parameters: [Parameter]
    var request: String?
    var response: Body
    var status: Int
    /// Headers of the success response worth documenting: name, JSON schema type, description.
    var responseHeaders: [(name: String, type: String, description: String)]
    /// Whether a bearer token or session is required.
    var secured: Bool

    init(_ method: HTTPMethod, _ path: String, tag: String, summary: String, parameters: [Parameter] = [],
         request: String? = nil, response: Body, status: Int = 200,
         responseHeaders: [(name: String, type: String, description: String)] = [], secured: Bool = false) {
        self.method = method
        self.path = path
        self.tag = tag
        self.summary = summary
        self.parameters = parameters
        self.request = request
        self.response = response
        self.status = status
        self.responseHeaders = responseHeaders
        self.secured = secured
    }
}
